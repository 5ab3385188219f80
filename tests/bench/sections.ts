/**
 * docs/benchmarks.md is written by two benchmarks: `npm run bench` (the whole
 * file) and `npm run bench:ingest` (one section between markers). Each keeps the
 * other's part.
 */
const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/** `document` with the named section replaced (or appended when it has none yet). */
export function replaceSection(document: string, name: string, body: string): string {
  const [start, end] = markers(name);
  const block = `${start}\n${body}\n${end}`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1) return `${document.trimEnd()}\n\n${block}\n`;
  return `${document.slice(0, from)}${block}${document.slice(to + end.length)}`;
}

/** The named section of `document`, markers included, or '' when it has none. */
export function sectionOf(document: string, name: string): string {
  const [start, end] = markers(name);
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  return from === -1 || to === -1 ? '' : document.slice(from, to + end.length);
}
