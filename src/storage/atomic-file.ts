import { randomUUID } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` so that readers see either the old or the new content, even if
 * the process or machine dies half-way: write a temporary file, flush it to disk,
 * rename it over the target, then flush the directory so the rename itself is
 * durable. (write-file-atomic skips the last step, which is the one that matters
 * after a power cut.)
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryPathFor(file);
  try {
    await writeFile(temporary, data);
    await commitFile(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A sibling path for writers (such as hnswlib) that insist on creating the file themselves. */
export function temporaryPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
}

/** Flushes a finished temporary file, renames it into place and makes the rename durable. */
async function commitFile(temporary: string, file: string): Promise<void> {
  await syncPath(temporary, 'r+');
  await rename(temporary, file);
  await syncPath(path.dirname(file), 'r');
}

/** Flushes a file (flags `r+`) or a folder (flags `r`) to disk. */
export async function syncPath(target: string, flags: string): Promise<void> {
  const handle = await open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
