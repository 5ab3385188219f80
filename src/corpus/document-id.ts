const MAX_ID_LENGTH = 64;

/**
 * The reference id of a document: its file name, lower-cased, with anything but
 * letters and digits as dashes. Accents are dropped from Latin letters ("Café" →
 * "cafe", as ids have always been); other scripts keep their letters, so "日本語.md"
 * is "日本語" and "Война.md" is "война". Length counts characters, not UTF-16 units.
 */
export function documentIdFromFileName(fileName: string): string | undefined {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const id = [
    ...stem
      .normalize('NFKD')
      .replace(/(\p{Script=Latin})[\u0300-\u036f]+/gu, '$1')
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  ]
    .slice(0, MAX_ID_LENGTH)
    .join('')
    .replace(/-+$/, '');
  return id === '' ? undefined : id;
}

/** True for a string that is its own document id: what a file named after it would be called. */
export function isDocumentId(value: string): boolean {
  return documentIdFromFileName(`${value}.md`) === value;
}

/** "putin-witkoff-meeting" → "Putin witkoff meeting": a title for documents that do not state one. */
export function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
