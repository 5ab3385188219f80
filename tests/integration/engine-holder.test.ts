import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/core/logger.js';
import { EngineHolder } from '../../src/runtime/engine-holder.js';
import { readCalibration } from '../../src/runtime/read-calibration.js';
import { buildFrom } from '../support/build-helpers.js';
import { ESSAYS_DIR, REPO_ROOT } from '../support/paths.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';
import { testWordVectors } from '../support/word-vectors.js';

const tempDir = useTempDirs();
const logger = createLogger({ level: 'silent', pretty: false });

async function holderFor(keywordsLaterAbove?: number) {
  const root = await tempDir();
  const indexDir = path.join(root, 'index');
  const embedder = await testEmbedder();
  await buildFrom(ESSAYS_DIR, indexDir, embedder);
  const config = parseConfig({ INDEX_DIR: indexDir, CORPUS_DIR: ESSAYS_DIR });
  if (!config.ok) throw new Error(config.error.message);
  const calibration = await readCalibration(path.join(REPO_ROOT, 'eval/calibration.json'), logger);
  return new EngineHolder(config.value, { embedder, words: await testWordVectors(), calibration, logger }, keywordsLaterAbove);
}

describe('EngineHolder', () => {
  it('GIVEN a keyword index over the size limit THEN it answers from vectors at once and switches to fused when keywords are in', async () => {
    const holder = await holderFor(0);
    const modes: string[] = [];
    holder.onSwap((opened) => modes.push(`${opened.engine.mode}:${opened.keywordReady}`));
    const first = await holder.load();
    expect(first.ok && first.value.keywordReady).toBe(false);
    const early = await holder.current()!.engine.ask('Who is Kirill Dmitriev?');
    expect(early.ok && early.value.mode).toBe('dense');
    await holder.keywordsLoaded;
    expect(modes).toEqual(['dense:false', 'fused:true']);
    const later = await holder.current()!.engine.ask('Who is Kirill Dmitriev?');
    expect(later.ok && later.value).toMatchObject({ mode: 'fused', answered: true });
  });

  it('GIVEN a small keyword index THEN it is loaded straight away', async () => {
    const holder = await holderFor();
    const first = await holder.load();
    expect(first.ok && first.value.keywordReady).toBe(true);
    expect(holder.current()?.engine.mode).toBe('fused');
  });
});
