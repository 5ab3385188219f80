/** Closest passages offered, labelled low confidence, when the engine declines... */
const CLOSEST_WHEN_DECLINED = 2;
/** ...if they cover at least this share of what an answer needs: gibberish gets no "closest" passages at all. */
const CLOSEST_SHARE = 0.5;

/**
 * What a declined answer still shows, from the ranking: the first passages whose
 * soft coverage reaches half the confidence threshold. A member asking in other
 * words than the essays' often finds the passage there.
 */
export function closestWhenDeclined<T>(ranked: readonly T[], coverage: (passage: T) => number, threshold: number): T[] {
  return ranked.filter((passage) => coverage(passage) >= threshold * CLOSEST_SHARE).slice(0, CLOSEST_WHEN_DECLINED);
}
