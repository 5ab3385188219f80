import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMetadata } from '../document.js';
import { readFrontMatter } from '../front-matter.js';

/** `essay.pdf` is described by `essay.meta.yaml` beside it (title, authors, publication, date, source_url, retrieved). */
export const SIDECAR_SUFFIX = '.meta.yaml';
const MAX_SIDECAR_BYTES = 64 * 1024;

export function isSidecarFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith(SIDECAR_SUFFIX);
}

export function sidecarPathFor(documentPath: string): string {
  const extension = path.extname(documentPath);
  return `${documentPath.slice(0, documentPath.length - extension.length)}${SIDECAR_SUFFIX}`;
}

/** The sidecar's metadata, or nothing when there is no sidecar (or it is not YAML). */
export async function readSidecar(documentPath: string): Promise<DocumentMetadata> {
  try {
    const bytes = await readFile(sidecarPathFor(documentPath));
    return bytes.length > MAX_SIDECAR_BYTES ? {} : readFrontMatter(bytes.toString('utf8'));
  } catch {
    return {};
  }
}
