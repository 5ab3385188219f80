import fc, { type IAsyncProperty, type IProperty, type Parameters } from 'fast-check';

/**
 * Property tests run with a fixed seed so CI is deterministic. Set CITEBOT_FC_SEED to
 * explore other seeds locally; a failure always names the seed (and fast-check's
 * replay path) so it can be reproduced with `CITEBOT_FC_SEED=<seed>`.
 */
export const SEED = Number(process.env.CITEBOT_FC_SEED ?? 20_240_611);

export function configureProperties(): void {
  // "medium": strings and arrays without an explicit size reach ~100 units, not fast-check's default ~10.
  fc.configureGlobal({ seed: SEED, baseSize: 'medium' });
}

/** Like fc.assert, with the seed at the top of the failure message. */
export function check<Ts>(property: IProperty<Ts>, parameters: Parameters<Ts> = {}): void {
  try {
    fc.assert(property, { seed: SEED, ...parameters });
  } catch (error) {
    throw prefixed(error);
  }
}

export async function checkAsync<Ts>(property: IAsyncProperty<Ts>, parameters: Parameters<Ts> = {}): Promise<void> {
  try {
    await fc.assert(property, { seed: SEED, ...parameters });
  } catch (error) {
    throw prefixed(error);
  }
}

function prefixed(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  // fast-check attaches the failing assertion as `cause`; show it with the counterexample.
  const cause = error instanceof Error && error.cause instanceof Error ? `\nCause: ${error.cause.message}` : '';
  const wrapped = new Error(`[fast-check seed ${SEED}; rerun with CITEBOT_FC_SEED=${SEED}]\n${message}${cause}`);
  if (error instanceof Error) wrapped.stack = `${wrapped.message}\n${error.stack ?? ''}`;
  console.error(`fast-check seed: ${SEED}`);
  return wrapped;
}

/** Milliseconds `run` takes. */
export function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}
