const MAX_ID_LENGTH = 64;

/** The reference id of a document: its file name, lower-cased, with anything but letters and digits as dashes. */
export function documentIdFromFileName(fileName: string): string | undefined {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const id = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
  return id === '' ? undefined : id;
}

export const DOCUMENT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function isDocumentId(value: string): boolean {
  return DOCUMENT_ID_PATTERN.test(value);
}

/** "putin-witkoff-meeting" → "Putin witkoff meeting": a title for documents that do not state one. */
export function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
