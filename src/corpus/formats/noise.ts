/**
 * Share of characters that no reader would call text: the replacement character,
 * private-use code points (glyphs a font maps to nothing), controls, and runs of
 * symbols. A PDF whose fonts lack a Unicode mapping extracts as exactly that.
 */
export function extractionNoise(text: string): number {
  const visible = text.replace(/\s+/g, '');
  if (visible.length === 0) return 1;
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const bad = visible.match(/[\uFFFD\p{Co}\u0000-\u001f\u007f-\u009f]/gu)?.length ?? 0;
  const letters = visible.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return Math.max(bad / visible.length, 1 - letters / visible.length - 0.15);
}
