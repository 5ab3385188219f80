import { copyFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../../storage/atomic-file.js';
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

/** Writes a sidecar in the field names and order a maintainer edits. */
export async function writeSidecar(documentPath: string, metadata: DocumentMetadata): Promise<void> {
  const fields = {
    title: metadata.title,
    authors: metadata.authors && metadata.authors.length > 0 ? [...metadata.authors] : undefined,
    publication: metadata.publication,
    date: metadata.date,
    source_url: metadata.sourceUrl,
    retrieved: metadata.retrieved,
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  await writeFileAtomic(sidecarPathFor(documentPath), stringify(present, { lineWidth: 0 }));
}

/** Copies the sidecar beside `source`, if there is one, to sit beside `destination`. */
export async function copySidecar(source: string, destination: string): Promise<boolean> {
  const from = sidecarPathFor(source);
  const exists = await stat(from).then((info) => info.isFile(), () => false);
  if (exists) await copyFile(from, sidecarPathFor(destination));
  return exists;
}
