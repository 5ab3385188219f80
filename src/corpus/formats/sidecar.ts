import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { CitebotError } from '../../core/errors.js';
import { ok, type Result } from '../../core/result.js';
import { readRegularFile } from '../corpus-files.js';
import type { DocumentMetadata } from '../document.js';
import { readFrontMatter } from '../front-matter.js';

/** `essay.pdf` is described by `essay.meta.yaml` beside it (title, authors, publication, date, source_url, retrieved). */
const SIDECAR_SUFFIX = '.meta.yaml';
const MAX_SIDECAR_BYTES = 64 * 1024;

/** A sidecar as read: its text (written back as is when the document is copied) and the fields citebot uses. */
export interface Sidecar {
  readonly text: string;
  readonly metadata: DocumentMetadata;
}

export function isSidecarFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith(SIDECAR_SUFFIX);
}

export function sidecarPathFor(documentPath: string): string {
  const extension = path.extname(documentPath);
  return `${documentPath.slice(0, documentPath.length - extension.length)}${SIDECAR_SUFFIX}`;
}

/**
 * Reads a sidecar like any corpus file (regular files only, size-limited; see
 * corpus-files.ts). Text that is not YAML gives no metadata.
 */
export async function readSidecar(location: string, shownAs: string): Promise<Result<Sidecar, CitebotError>> {
  const bytes = await readRegularFile(location, shownAs, MAX_SIDECAR_BYTES);
  if (!bytes.ok) return bytes;
  const text = bytes.value.toString('utf8');
  return ok({ text, metadata: readFrontMatter(text) });
}

/** The sidecar beside a document outside the corpus (`add essay.pdf` brings `essay.meta.yaml`), or null when there is none. */
export async function readSidecarBeside(documentPath: string): Promise<Result<Sidecar | null, CitebotError>> {
  const location = sidecarPathFor(documentPath);
  const exists = await lstat(location).then(
    () => true,
    () => false,
  );
  return exists ? readSidecar(location, location) : ok(null);
}

/** A sidecar's text in the field names and order a maintainer edits. */
export function sidecarText(metadata: DocumentMetadata): string {
  const fields = {
    title: metadata.title,
    authors: metadata.authors && metadata.authors.length > 0 ? [...metadata.authors] : undefined,
    publication: metadata.publication,
    date: metadata.date,
    source_url: metadata.sourceUrl,
    retrieved: metadata.retrieved,
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return stringify(present, { lineWidth: 0 });
}
