import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { open, rename, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import { cleanUpOnExit } from '../core/exit-cleanup.js';
import { err, ok, type Result } from '../core/result.js';
import { syncPath, temporaryPathFor } from './atomic-file.js';

/** What a file holds, as far as a manifest records it. */
export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** Reads back a written file chunk by chunk; `finish` says what is wrong with it, or undefined when it is whole. */
export interface ContentCheck {
  update(chunk: Buffer): void;
  finish(digest: FileDigest): string | undefined;
}

/**
 * Where a file's content comes from: bytes we hold, or a library that insists on
 * creating the file itself (hnswlib) together with a check of what it wrote.
 */
export type FileSource =
  | { readonly bytes: Uint8Array }
  | { readonly write: (temporary: string) => Promise<unknown>; readonly check: () => ContentCheck };

/** Why a write did not happen: the disk is full, the folder cannot be written, or the file came back wrong. */
export interface WriteFailure {
  readonly kind: 'full' | 'read-only' | 'incomplete';
  readonly reason: string;
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/** The expected way a file-system call fails (full disk, read-only folder, I/O error), if `error` is one. */
export function writeFailureOf(error: unknown): WriteFailure | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  if (FULL.has(code)) return { kind: 'full', reason: code };
  if (READ_ONLY.has(code)) return { kind: 'read-only', reason: code === 'EROFS' ? 'read-only file system' : `permission denied, ${code}` };
  return { kind: 'incomplete', reason: code };
}

/**
 * Writes `file` so that it is either absent or exactly what was meant: the content
 * goes to a temporary sibling, is flushed, read back and checked (size and SHA-256
 * against the bytes we hold, or the source's own check), and only then renamed into
 * place. Libraries that ignore write errors (hnswlib's writeIndex resolves on a
 * full disk) are caught by the read-back. On failure nothing is left behind.
 */
export async function writeVerified(file: string, source: FileSource): Promise<Result<FileDigest, WriteFailure>> {
  const temporary = temporaryPathFor(file);
  const removeOnExit = cleanUpOnExit(() => rmSync(temporary, { force: true }));
  let digest: FileDigest;
  try {
    let check: ContentCheck;
    if ('bytes' in source) {
      await writeAndSync(temporary, source.bytes);
      check = sameAs(source.bytes);
    } else {
      // Created here first so that a read-only folder or a full inode table fails with its real error code.
      await (await open(temporary, 'wx')).close();
      await source.write(temporary);
      await syncPath(temporary, 'r+');
      check = source.check();
    }
    digest = await digestFile(temporary, check);
    const problem = check.finish(digest);
    if (problem) {
      // A writer that ignores errors leaves a short file when the disk fills up; say so, rather than "incomplete".
      const full = await isNearlyFull(path.dirname(file));
      await rm(temporary, { force: true });
      return err({ kind: full ? 'full' : 'incomplete', reason: problem });
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const failure = writeFailureOf(error);
    if (failure) return err(failure);
    throw error;
  } finally {
    removeOnExit();
  }
  // The file is in place and visible; a failing folder flush must not make the caller delete it.
  await syncPath(path.dirname(file), 'r').catch(() => undefined);
  return ok(digest);
}

/** Less room than this left on a disk counts as full. */
const NEARLY_FULL_BYTES = 1024 * 1024;

async function isNearlyFull(dir: string): Promise<boolean> {
  const info = await statfs(dir).catch(() => undefined);
  return info !== undefined && info.bavail * info.bsize < NEARLY_FULL_BYTES;
}

/** Size and SHA-256 of a file, streamed; `check` sees every chunk too. */
export async function digestFile(file: string, check?: ContentCheck): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    check?.update(buffer);
    bytes += buffer.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

function digestOf(bytes: Uint8Array): FileDigest {
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function sameAs(bytes: Uint8Array): ContentCheck {
  const expected = digestOf(bytes);
  return {
    update() {},
    finish(digest) {
      if (digest.bytes !== expected.bytes) return `${digest.bytes} of ${expected.bytes} bytes on disk`;
      return digest.sha256 === expected.sha256 ? undefined : 'the bytes on disk differ from those written';
    },
  };
}

async function writeAndSync(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
