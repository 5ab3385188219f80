import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * The corpus folder is walked and read with suspicion: it may hold links to
 * /etc/passwd or /dev/zero, links that loop back to a parent, named pipes that
 * block whoever opens them, and files that grow while read. Every format reads its
 * bytes through these two functions.
 */

/** A file of the corpus: where it shows in the corpus, and where its bytes are. */
export interface CorpusFile {
  /** Path relative to the corpus folder, with forward slashes: what the maintainer sees and what the id comes from. */
  readonly path: string;
  /** What to open: the file itself, or the target of a link that stays inside the corpus. */
  readonly location: string;
}

export interface CorpusListing {
  readonly files: readonly CorpusFile[];
  /** Entries that are not read at all, each with the reason. */
  readonly refused: readonly CitebotError[];
}

/** Past this many entries the folder is not a corpus but, say, /usr (CORPUS_DIR set wrong); reading it would fill the heap. */
const MAX_CORPUS_ENTRIES = 50_000;

/**
 * Lists the regular files under `dir`, skipping hidden entries. Links are followed
 * only to regular files inside the corpus; a link leaving the corpus, a link to a
 * folder (a loop, or a second name for a folder that is read anyway) and anything
 * that is not a regular file (pipe, socket, device) are refused without being opened.
 */
export async function listCorpus(dir: string, maxEntries = MAX_CORPUS_ENTRIES): Promise<Result<CorpusListing, CitebotError>> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) return err(citebotError('CORPUS_DIR_MISSING', { dir }));
  } catch {
    return err(citebotError('CORPUS_DIR_MISSING', { dir }));
  }
  const files: CorpusFile[] = [];
  const refused: { path: string; error: CitebotError }[] = [];
  const folders = [{ location: root, path: '' }];
  let entries = 0;
  for (let folder = folders.pop(); folder; folder = folders.pop()) {
    let listing;
    try {
      listing = await opendir(folder.location);
    } catch (error) {
      refused.push({ path: folder.path, error: unreadable(folder.path, error) });
      continue;
    }
    for await (const entry of listing) {
      if (entry.name.startsWith('.')) continue;
      if ((entries += 1) > maxEntries) return err(citebotError('CORPUS_TOO_MANY_FILES', { dir, limit: maxEntries }));
      const relative = folder.path ? `${folder.path}/${entry.name}` : entry.name;
      const location = path.join(folder.location, entry.name);
      const type = await typeOf(entry, location);
      if (type === 'directory') folders.push({ location, path: relative });
      else if (type === 'file') files.push({ path: relative, location });
      else {
        const followed = type === 'link' ? await followLink(root, relative, location) : err(citebotError('DOCUMENT_NOT_REGULAR', { file: relative, kind: type.special }));
        if (followed.ok) files.push(followed.value);
        else refused.push({ path: relative, error: followed.error });
      }
    }
  }
  const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return ok({ files: files.sort(byPath), refused: refused.sort(byPath).map((entry) => entry.error) });
}

/**
 * Reads a regular file, at most `limit` bytes. The file is opened without blocking
 * (a named pipe would otherwise hang until a writer comes) and checked to be a
 * regular file before anything is read; the limit holds for the bytes actually
 * read, not the size the file claimed, so a file growing meanwhile cannot slip past.
 */
export async function readRegularFile(location: string, shownAs: string, limit: number): Promise<Result<Buffer, CitebotError>> {
  let handle;
  try {
    handle = await open(location, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return err(unreadable(shownAs, error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return err(citebotError('DOCUMENT_NOT_REGULAR', { file: shownAs, kind: describeKind(info) }));
    if (info.size > limit) return err(citebotError('DOCUMENT_TOO_LARGE', { file: shownAs, bytes: info.size, limit }));
    let buffer = Buffer.allocUnsafe(Math.min(limit, info.size) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return ok(buffer.subarray(0, total));
      total += bytesRead;
      if (total > limit) return err(citebotError('DOCUMENT_TOO_LARGE', { file: shownAs, bytes: total, limit, growing: true }));
      if (total === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, limit + 1 - buffer.length))]);
    }
  } catch (error) {
    return err(unreadable(shownAs, error));
  } finally {
    await handle.close();
  }
}

async function typeOf(entry: Dirent, location: string): Promise<'file' | 'directory' | 'link' | { special: string }> {
  // Some file systems do not report entry types in listings.
  const info: Dirent | Stats = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() || isSpecial(entry) ? entry : await lstat(location);
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'directory';
  if (info.isSymbolicLink()) return 'link';
  return { special: describeKind(info) };
}

function isSpecial(info: Dirent | Stats): boolean {
  return info.isFIFO() || info.isSocket() || info.isCharacterDevice() || info.isBlockDevice();
}

async function followLink(root: string, relative: string, location: string): Promise<Result<CorpusFile, CitebotError>> {
  let target: string;
  let info: Stats;
  try {
    target = await realpath(location);
    info = await stat(target);
  } catch (error) {
    return err(unreadable(relative, error));
  }
  if (target !== root && !target.startsWith(`${root}${path.sep}`)) return err(citebotError('DOCUMENT_LINK_OUTSIDE', { file: relative }));
  if (info.isDirectory()) return err(citebotError('DOCUMENT_LINK_LOOP', { file: relative }));
  if (!info.isFile()) return err(citebotError('DOCUMENT_NOT_REGULAR', { file: relative, kind: describeKind(info) }));
  return ok({ path: relative, location: target });
}

function describeKind(info: Stats | Dirent): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

function unreadable(file: string, error: unknown): CitebotError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return citebotError('DOCUMENT_UNREADABLE', { file, reason: typeof code === 'string' ? code : 'read failed' });
}
