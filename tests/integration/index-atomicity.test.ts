import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadIndex } from '../../src/index/index-files.js';
import type * as VerifiedFile from '../../src/storage/verified-file.js';
import { buildFrom } from '../support/build-helpers.js';
import { copyEssays } from '../support/corpus-copy.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const crash = vi.hoisted(() => ({ beforeManifest: false }));

// The build's last write is the manifest; failing exactly there leaves every new
// data file on disk, the worst moment for a crash.
vi.mock('../../src/storage/verified-file.js', async (importOriginal) => {
  const actual = await importOriginal<typeof VerifiedFile>();
  return {
    ...actual,
    writeVerified: async (file: string, source: VerifiedFile.FileSource) => {
      if (crash.beforeManifest && path.basename(file) === 'manifest.json') throw new Error('simulated crash before the manifest');
      return actual.writeVerified(file, source);
    },
  };
});

const tempDir = useTempDirs();

describe('atomicity of a build', () => {
  it('GIVEN a build that dies after its data files but before its manifest THEN the previous index still loads, whole', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    const indexDir = path.join(root, 'index');
    const first = await buildFrom(corpusDir, indexDir, await testEmbedder());

    await appendFile(path.join(corpusDir, 'trump-putin-call.md'), '\nAnother paragraph.\n');
    crash.beforeManifest = true;
    await expect(buildFrom(corpusDir, indexDir, await testEmbedder())).rejects.toThrow('simulated crash');
    crash.beforeManifest = false;

    const loaded = await loadIndex(indexDir, { withVectors: true });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.manifest.buildId).toBe(first.manifest.buildId);
    expect(loaded.value.library.document('trump-putin-call')?.paragraphs).toHaveLength(16);

    const retried = await buildFrom(corpusDir, indexDir, await testEmbedder());
    expect(retried.updated).toEqual(['trump-putin-call']);
    expect(retried.manifest.documents.find((document) => document.id === 'trump-putin-call')?.paragraphs).toHaveLength(17);
  });
});
