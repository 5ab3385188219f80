import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import { formatError } from '../../src/core/errors.js';
import { openEngine } from '../../src/runtime/open-engine.js';
import { copyEssays } from '../support/corpus-copy.js';
import { growCorpus } from '../support/grow-corpus.js';
import { runCli, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
const REBUILDS = 3;
const quiet = { warn() {}, info() {}, error() {} } as unknown as Logger;

describe('readers during `index --full`', () => {
  it(`GIVEN \`ask\` opening the index over and over while \`index --full\` runs ${REBUILDS} times THEN every one answers`, async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    await growCorpus(corpusDir, 10);
    const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'error' };
    expect((await runCli(['index'], env)).code).toBe(0);
    const embedder = await testEmbedder();

    let building = true;
    const builds = (async () => {
      for (let i = 0; i < REBUILDS; i += 1) expect(await startEntryPoint('src/cli/main.ts', env, ['index', '--full']).exited()).toBe(0);
      building = false;
    })();
    const failures: string[] = [];
    let asked = 0;
    const generations = new Set<string>();
    while (building) {
      // What `ask` does: open the current generation, then answer from it.
      const opened = await openEngine(env.INDEX_DIR, { embedder, words: null, calibration: { models: {} }, logger: quiet });
      asked += 1;
      if (!opened.ok) {
        failures.push(formatError(opened.error));
        continue;
      }
      generations.add(opened.value.index.manifest.buildId);
      const answer = await opened.value.engine.ask('Who is Keith Kellogg?');
      if (!answer.ok || !answer.value.answered) failures.push(answer.ok ? 'not answered' : formatError(answer.error));
    }
    await builds;
    console.info(`readers during ${REBUILDS} full rebuilds: ${asked - failures.length}/${asked} answered, ${generations.size} generations seen`);
    expect(failures).toEqual([]);
    expect(generations.size).toBeGreaterThan(1);
  }, 120_000);
});
