import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyEssays } from '../support/corpus-copy.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('maintainer CLI on the essays', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: path.join(await tempDir(), 'index') };
    const indexed = await runCli(['index'], env);
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stdout).toMatch(/2 added, 0 updated, 0 removed, 0 unchanged, in \d+\.\d s/);
  }, 60_000);

  it('GIVEN a built index WHEN indexing again THEN nothing is re-embedded and the counts say so', async () => {
    const again = await runCli(['index'], env);
    expect(again.stdout).toMatch(/0 added, 0 updated, 0 removed, 2 unchanged/);
    expect(again.stdout).toContain('already up to date');
  });

  it('GIVEN `sources --json` THEN both essays are listed with counts, hash and the model', async () => {
    const run = await runCli(['sources', '--json'], env);
    const sources = JSON.parse(run.stdout);
    expect(sources.model).toBe('tests/fixtures/model');
    expect(sources.documents.map((d: { id: string; paragraphs: number }) => [d.id, d.paragraphs])).toEqual([
      ['putin-witkoff-meeting', 17],
      ['trump-putin-call', 16],
    ]);
  });

  it('GIVEN `passage <doc>#p1` THEN stdout starts with the first paragraph exactly as in the source', async () => {
    const run = await runCli(['passage', 'trump-putin-call#p1'], env);
    const source = await readFile(path.join(ESSAYS_DIR, 'trump-putin-call.md'), 'utf8');
    const firstParagraph = source.split('\n\n')[1]!;
    expect(run.stdout.split('\n')[0]).toBe(firstParagraph);
    expect(run.stdout).toContain('¶1 · trump-putin-call#p1');
  });

  it('GIVEN a reference that escapes the corpus or does not exist THEN a one-line error and exit 1', async () => {
    for (const ref of ['../../etc/passwd#p1', 'trump-putin-call#p99']) {
      const run = await runCli(['passage', ref], env);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^citebot: .*To fix: /);
    }
  });

  it('GIVEN `ask --json` THEN one object with verbatim quotes and refs that `passage` resolves', async () => {
    const run = await runCli(['ask', '--json', 'What does Putin want from Ukraine?'], env);
    const answer = JSON.parse(run.stdout);
    expect(Object.keys(answer)).toEqual(['question', 'answered', 'mode', 'confidence', 'results']);
    expect(answer.answered).toBe(true);
    const source = await readFile(path.join(ESSAYS_DIR, 'trump-putin-call.md'), 'utf8');
    const first = answer.results[0];
    expect(first.docId).toBe('trump-putin-call');
    expect(source.includes(first.quote)).toBe(true);
    expect(first.text.includes(first.quote)).toBe(true);
    const passage = JSON.parse((await runCli(['passage', '--json', first.ref], env)).stdout);
    expect(passage.text).toBe(first.text);
    // Each question word the passage matched, with the passage's own spelling.
    expect(first.matches).toContainEqual({ word: 'putin', matched: 'Putin', similarity: 1 });
    for (const match of first.matches) expect(first.text).toContain(match.matched);
  });

  it('GIVEN `ask --explain` THEN each passage says which passage word matched each question word, and the mode is named plainly', async () => {
    const run = await runCli(['ask', '--explain', 'Is a negotiated settlement essential for Moscow?'], { ...env, EMBEDDING_MODEL: '/nonexistent/model' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/why: .*negotiated = negoti\w+/);
    expect(run.stdout).toMatch(/≈ \w+ \(0\.\d\d\)/);
    expect(run.stdout).toMatch(/covers \d+% of the question/);
    expect(run.stdout).toContain('mode: words and their near words (word vectors, no model)');
  });

  it('GIVEN `ask --context` THEN a follow-up is answered from the conversation\'s topic', async () => {
    const run = await runCli(['ask', '--json', '--context', 'Who are the informal intermediaries between Moscow and Washington?', 'How much influence do they really have?'], env);
    expect(JSON.parse(run.stdout).results[0].ref).toBe('trump-putin-call#p15');
  });

  it('GIVEN an off-topic question THEN answered is false', async () => {
    const answer = JSON.parse((await runCli(['ask', '--json', 'anyone got a good borscht recipe?'], env)).stdout);
    expect(answer.answered).toBe(false);
  });

  it('GIVEN `ask --json --stdin` with three lines THEN three JSON lines, errors included as objects', async () => {
    const run = await runCli(['ask', '--json', '--stdin', '--top', '2'], env, 'Who is Kirill Dmitriev?\n\nwhat about tariffs on India?\n<@123456789012345678>\n');
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0].results.length).toBeLessThanOrEqual(2);
    expect(lines[2].error.code).toBe('QUESTION_EMPTY');
  });

  it('GIVEN `eval` THEN the metrics print and the floors are met', async () => {
    const run = await runCli(['eval'], env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\| tune \| \d+ \| \d\.\d{3} \| \d\.\d{3} \| \d\.\d{3} \|.* \| 1\.000 \|$/m);
    expect(run.stdout).toMatch(/^\| holdout \| \d+ \| \d\.\d{3} \|.* \| 1\.000 \|$/m);
    expect(run.stdout).toContain('All floors for "tests/fixtures/model" met.');
  });
});

describe('CLI on a corpus that changes', () => {
  it('GIVEN `verify` THEN OK when in step, and the mismatch listed with exit 1 after an edit', async () => {
    const root = await tempDir();
    const env = { CORPUS_DIR: await copyEssays(root), INDEX_DIR: path.join(root, 'index') };
    await runCli(['index'], env);
    expect((await runCli(['verify'], env)).stdout).toMatch(/^OK: 2 documents, 33 chunks/);
    await writeFile(path.join(env.CORPUS_DIR, 'trump-putin-call.md'), 'Rewritten.\n');
    const run = await runCli(['verify'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mismatch: trump-putin-call.md changed since it was indexed');
  });

  it('GIVEN a bad file in the corpus THEN it is named and skipped; --strict makes that fail', async () => {
    const root = await tempDir();
    const env = { CORPUS_DIR: await copyEssays(root), INDEX_DIR: path.join(root, 'index') };
    await writeFile(path.join(env.CORPUS_DIR, 'notes.md'), '');
    const lenient = await runCli(['index'], env);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('Skipped: notes.md is empty; skipped');
    expect(lenient.stdout).toContain('2 added');
    const strict = await runCli(['index', '--strict'], env);
    expect(strict.code).toBe(1);
  });

  it('GIVEN an invalid setting THEN one line names it and the exit code is 2', async () => {
    const run = await runCli(['sources'], { EMBEDDING_DTYPE: 'fp64' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^citebot: invalid configuration: EMBEDDING_DTYPE .*\n$/);
  });

  it('GIVEN a vector index and a model that cannot be loaded THEN `index` keeps the vectors unless --full is given', async () => {
    const root = await tempDir();
    const env = { CORPUS_DIR: await copyEssays(root), INDEX_DIR: path.join(root, 'index') };
    await runCli(['index'], env);
    await writeFile(path.join(env.CORPUS_DIR, 'trump-putin-call.md'), 'Rewritten.\n');
    const offline = { ...env, EMBEDDING_MODEL: path.join(root, 'missing/model/dir'), MODEL_CACHE_DIR: root };
    const refused = await runCli(['index'], offline);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/would replace its vectors with a keyword-only index\. To fix: .*--full/);
    expect(JSON.parse((await runCli(['sources', '--json'], env)).stdout).model).toBe('tests/fixtures/model');
    const forced = await runCli(['index', '--full'], offline);
    expect(forced.code).toBe(0);
    expect(JSON.parse((await runCli(['sources', '--json'], env)).stdout).model).toBeNull();
  }, 60_000);

  it('GIVEN a model that cannot be loaded THEN the index is keyword-only and the reason names EMBEDDING_MODEL', async () => {
    const root = await tempDir();
    const env = { CORPUS_DIR: ESSAYS_DIR, INDEX_DIR: path.join(root, 'index'), EMBEDDING_MODEL: path.join(root, 'no-such-model-dir/x/y'), MODEL_CACHE_DIR: root };
    const run = await runCli(['index'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('keyword search only');
    expect(run.stderr).toMatch(/check EMBEDDING_MODEL and MODEL_CACHE_DIR/);
    const answer = JSON.parse((await runCli(['ask', '--json', 'Who is Kirill Dmitriev?'], env)).stdout);
    expect(answer.mode).toBe('lexical');
    const exact = JSON.parse((await runCli(['ask', '--json', 'Who is Kirill Dmitriev?'], { ...env, LEXICON_FILE: path.join(root, 'absent.lex') })).stdout);
    expect(exact.mode).toBe('keyword');
  });
});
