import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyEssays } from '../support/corpus-copy.js';
import { REPO_ROOT, TEST_MODEL_DIR } from '../support/paths.js';
import { runCli, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A document that tries to drive the terminal (retitle it, clear it, colour it) and has one byte that is not UTF-8. */
const HOSTILE = Buffer.concat([
  Buffer.from(
    '---\ntitle: Sanctions \u001b]0;pwned\u0007memo\n---\n\n# Envoy \u001b[31mred\u001b[0m notes\n\n' +
      'The envoy’s memo says the sanctions \u001b[2Jwill stay\u0007 in place until Kyiv agrees, per [the full story](https://evil.example/phish).\n\n' +
      'A damaged byte here: ',
  ),
  Buffer.from([0xff]),
  Buffer.from(' and the rest of the memo about sanctions is intact.\n'),
]);

let env: Record<string, string>;
let indexed: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  const root = await tempDir();
  const corpusDir = await copyEssays(root);
  await writeFile(path.join(corpusDir, 'sanctions-memo.md'), HOSTILE);
  await writeFile(path.join(corpusDir, '日本語.md'), '# 日本語\n\n交渉は続いている。\n');
  env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index') };
  indexed = await runCli(['index'], env);
}, 60_000);

describe('document text that is not plain text', () => {
  it('GIVEN a document with one invalid UTF-8 byte THEN it is indexed as UTF-8, the byte replaced, and `index` says so', async () => {
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stdout).toContain(
      'Warning: sanctions-memo.md is UTF-8 with 1 invalid byte sequence, each shown as U+FFFD (\uFFFD); the rest is read as written. To fix: save the file as UTF-8.',
    );
    const passage = await runCli(['passage', '--json', 'sanctions-memo#p2'], env);
    expect(JSON.parse(passage.stdout).text).toBe('A damaged byte here: \uFFFD and the rest of the memo about sanctions is intact.');
  });

  it('GIVEN escape sequences in a document THEN `ask`, `passage` and `sources` print none of them', async () => {
    const runs = await Promise.all([
      runCli(['ask', 'What does the envoy memo say about sanctions?'], env),
      runCli(['passage', 'sanctions-memo#p1'], env),
      runCli(['sources'], env),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toMatch(CONTROL);
    }
    expect(runs[1]!.stdout).toContain('the sanctions will stay in place until Kyiv agrees');
    expect(runs[2]!.stdout).toContain('Sanctions memo');
    // JSON keeps the stored text exactly: JSON.stringify escapes control characters itself.
    expect((await runCli(['passage', '--json', 'sanctions-memo#p1'], env)).stdout).toContain('\\u001b[2Jwill stay\\u0007');
  });

  it('GIVEN escape sequences in a document THEN the terminal chat prints none of them', async () => {
    const app = startEntryPoint('src/main.ts', { ...env, LOG_LEVEL: 'error' });
    await app.waitForOutput(/Ask about the essays/);
    app.child.stdin?.end('What does the envoy memo say about sanctions?\n');
    expect(await app.exited()).toBe(0);
    expect(app.output()).toContain('will stay in place');
    expect(app.output()).not.toMatch(CONTROL);
  }, 60_000);

  it('GIVEN a file named in Japanese THEN it has an id that `passage` resolves', async () => {
    const run = await runCli(['passage', '日本語#p1'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('交渉は続いている。');
  });

  it.each([['passage', 'trump-putin-call#p1'], ['sources']])('GIVEN `%s` piped into a reader that has already closed THEN it exits quietly', async (...args) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', EMBEDDING_MODEL: TEST_MODEL_DIR, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Like `| head -0`: the reading end is gone before the command writes a byte.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('an emptied document', () => {
  it('GIVEN an indexed document emptied THEN `verify` says it is empty, not gone', async () => {
    const root = await tempDir();
    const local = { CORPUS_DIR: await copyEssays(root), INDEX_DIR: path.join(root, 'index') };
    expect((await runCli(['index'], local)).code).toBe(0);
    await writeFile(path.join(local.CORPUS_DIR, 'trump-putin-call.md'), '');
    const verified = await runCli(['verify'], local);
    expect(verified.code).toBe(1);
    expect(verified.stderr.trim().split('\n')).toEqual([
      'mismatch: trump-putin-call is indexed, but trump-putin-call.md is empty; skipped',
      'citebot: 1 mismatches. To fix: run `npm run index`.',
    ]);
  }, 60_000);
});
