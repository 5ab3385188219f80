import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import { ingestDocument } from '../../src/corpus/ingest.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { buildIndex } from '../../src/index/build-index.js';
import { loadIndex } from '../../src/index/index-files.js';
import { fakeEmbedder } from '../support/fake-embedder.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const GROUPS = 16;
const CHECKPOINT_MS = 1_000;

/** One document per embedding group (a group gathers whole documents up to 256 chunks). */
function documents() {
  return Array.from({ length: GROUPS }, (_, d) => {
    const body = Array.from({ length: 256 }, (_, p) => `Paragraph ${p} of document ${d} about talks.`).join('\n\n');
    const ingested = ingestDocument(`doc-${d}.md`, new TextEncoder().encode(`# Document ${d}\n\n${body}\n`));
    if (!ingested.ok) throw new Error(ingested.error.message);
    return ingested.value;
  });
}

/** Each embedding call "takes" just over a checkpoint interval of (fake) time. */
function clockAdvancingEmbedder(): Embedder {
  const inner = fakeEmbedder();
  return {
    ...inner,
    embedPassages: async (texts) => {
      vi.setSystemTime(Date.now() + CHECKPOINT_MS + 1);
      return inner.embedPassages(texts);
    },
  };
}

afterEach(() => vi.useRealTimers());

describe('checkpoints of a long build', () => {
  it(`GIVEN ${GROUPS} embedding groups each as long as the checkpoint interval THEN checkpoints thin out geometrically (each rewrites the whole index), and the build completes`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const info = vi.fn();
    const logger = { info } as unknown as Logger;
    const dir = path.join(await tempDir(), 'index');

    const built = await buildIndex(documents(), clockAdvancingEmbedder(), {
      dir,
      full: false,
      chunkMaxTokens: 256,
      hnsw: { m: 16, efConstruction: 200, efSearch: 50 },
      checkpointMs: CHECKPOINT_MS,
      logger,
    });

    expect(built.ok).toBe(true);
    const checkpoints = info.mock.calls.filter(([, message]) => message === 'index checkpoint saved').length;
    // One per group would cost quadratic time in all; doubling gaps keep it to about log2(groups).
    expect(checkpoints).toBeGreaterThan(0);
    expect(checkpoints).toBeLessThanOrEqual(Math.ceil(Math.log2(GROUPS)) + 1);
    const loaded = await loadIndex(dir, { withVectors: true });
    expect(loaded.ok && loaded.value.library.chunkCount).toBe(GROUPS * 256);
  });
});
