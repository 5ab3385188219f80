import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ESSAYS_DIR } from './paths.js';

/** A writable copy of the essays, so a test can edit, add and delete documents. */
export async function copyEssays(into: string): Promise<string> {
  const dir = path.join(into, 'essays');
  await mkdir(dir, { recursive: true });
  await cp(ESSAYS_DIR, dir, { recursive: true });
  return dir;
}
