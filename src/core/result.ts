/**
 * Expected failures travel as values, so callers must handle them and the type
 * checker can tell which ones a function produces. Exceptions are reserved for bugs
 * and for failures no caller can do anything about.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
