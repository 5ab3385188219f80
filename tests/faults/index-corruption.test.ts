import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEssays } from '../support/corpus-copy.js';
import { runCli } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

async function indexed() {
  const root = await tempDir();
  const env = { CORPUS_DIR: await copyEssays(root), INDEX_DIR: path.join(root, 'index') };
  expect((await runCli(['index'], env)).code).toBe(0);
  return env;
}

const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('a damaged index', () => {
  it('GIVEN a truncated vector file THEN asking fails in one line saying to run --full, and --full recovers', async () => {
    const env = await indexed();
    const vectors = (await readdir(env.INDEX_DIR)).find((name) => name.startsWith('vectors-'))!;
    await truncate(path.join(env.INDEX_DIR, vectors), 1_000);
    const broken = await runCli(['ask', 'Who is Kellogg?'], env);
    expect(broken.code).toBe(1);
    expect(oneLine(broken.stderr)).toEqual([expect.stringMatching(/^citebot: the index in .* is damaged \(vectors-.*\)\. To fix: run `npm run index -- --full`\.$/)]);
    expect((await runCli(['index', '--full'], env)).code).toBe(0);
    expect((await runCli(['verify'], env)).code).toBe(0);
    expect(JSON.parse((await runCli(['ask', '--json', 'Who is Keith Kellogg?'], env)).stdout).answered).toBe(true);
  });

  it('GIVEN a manifest of garbage THEN commands say so in one line, and a plain `index` rebuilds', async () => {
    const env = await indexed();
    await writeFile(path.join(env.INDEX_DIR, 'manifest.json'), '{ not json');
    const broken = await runCli(['sources'], env);
    expect(broken.code).toBe(1);
    expect(oneLine(broken.stderr)).toEqual(['citebot: the index in ' + env.INDEX_DIR + ' is damaged (manifest.json is not valid JSON). To fix: run `npm run index -- --full`.']);
    const rebuilt = await runCli(['index'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('Rebuilt every document');
    expect((await runCli(['verify'], env)).code).toBe(0);
  });

  it('GIVEN a keyword file that no longer matches its checksum THEN loading refuses rather than answering from it', async () => {
    const env = await indexed();
    const keyword = (await readdir(env.INDEX_DIR)).find((name) => name.startsWith('keyword-'))!;
    const file = path.join(env.INDEX_DIR, keyword);
    await writeFile(file, (await readFile(file, 'utf8')).replace('kremlin', 'kremlim'));
    const broken = await runCli(['verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('does not match its checksum');
  });
});
