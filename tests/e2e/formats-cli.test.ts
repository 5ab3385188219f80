import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/index/index-files.js';
import { readEssay, words } from '../support/documents/essay-model.js';
import { AUTHOR, type BinaryFormat, essayFile, formatCorpus, PUBLICATION } from '../support/documents/format-corpus.js';
import { type LoopbackSite, startLoopbackSite } from '../support/documents/web-server.js';
import { runCli } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const QUESTION = 'What does Putin want from Ukraine?';
const TITLE = readEssay('trump-putin-call').title;

interface AskResult {
  ref: string;
  docId: string;
  quote: string;
  text: string;
  quoteStart: number;
  quoteEnd: number;
  citation: string | null;
  pages: { first: string; last: string } | null;
}

/** Every quote is a verbatim slice of the stored text (what `verify` checks the corpus against), and the essay says the same words. */
async function expectVerbatimAnswer(env: Record<string, string>): Promise<AskResult[]> {
  const run = await runCli(['ask', '--json', '--top', '3', QUESTION], env);
  expect(run.code, run.stderr).toBe(0);
  const answer = JSON.parse(run.stdout) as { answered: boolean; results: AskResult[] };
  expect(answer.answered).toBe(true);
  const index = await loadIndex(env.INDEX_DIR!, { withVectors: false });
  if (!index.ok) throw new Error(index.error.message);
  for (const result of answer.results) {
    const stored = index.value.library.document(result.docId)!.text;
    expect(stored.slice(result.quoteStart, result.quoteEnd)).toBe(result.quote);
    expect(result.text).toContain(result.quote);
    const essay = readEssay(result.docId).paragraphs.map((paragraph) => words(paragraph.text)).join(' ');
    expect(essay).toContain(words(result.quote));
    expect(result.citation).toEqual(expect.any(String));
  }
  return answer.results;
}

// One folder for the whole file, made before any test has run (a folder made in a later describe's hook would count as a test's).
let shared: string;
beforeAll(async () => {
  shared = await tempDir();
});

describe.each<BinaryFormat>(['pdf', 'docx', 'epub'])('the CLI on the essays as %s', (format) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    const root = path.join(shared, format);
    const corpus = await formatCorpus(root, format);
    env = { CORPUS_DIR: corpus.dir, INDEX_DIR: path.join(root, 'index') };
    const indexed = await runCli(['index'], env);
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stdout).toMatch(/2 added/);
    expect((await runCli(['verify'], env)).stdout).toMatch(/^OK: 2 documents/);
  }, 120_000);

  it('GIVEN a question THEN ask quotes verbatim from the document, with a citation', async () => {
    const results = await expectVerbatimAnswer(env);
    if (format === 'pdf') {
      expect(results[0]!.citation).toMatch(/, 1[2-4](–1[3-4])?, para\. \d+\.$/);
      expect(results.every((result) => result.pages !== null && Number(result.pages.first) >= 12)).toBe(true);
      const text = await runCli(['ask', '--top', '1', QUESTION], env);
      expect(text.stdout).toMatch(/ · pp?\. 1[2-4](–1[3-4])? · ¶\d+ · /);
    } else {
      expect(results.every((result) => result.pages === null)).toBe(true);
    }
  }, 60_000);

  it('GIVEN passage --cite in each style THEN the reference is built from the file’s metadata', async () => {
    const cite = async (style: string) => {
      const run = await runCli(['passage', 'trump-putin-call#p1', '--cite', style], env);
      expect([run.code, run.stderr]).toEqual([0, '']);
      return run.stdout.trim();
    };
    if (format === 'epub') {
      expect(await cite('chicago')).toBe(`Tatiana Stanovaya, “${TITLE},” ${PUBLICATION}, February 13, 2025, para. 1.`);
      expect(await cite('mla')).toBe(`Stanovaya, Tatiana. “${TITLE}.” ${PUBLICATION}, 13 Feb. 2025, par. 1.`);
      expect(await cite('apa')).toBe(`Stanovaya, T. (2025, February 13). ${TITLE}. ${PUBLICATION}, para. 1.`);
    } else {
      const page = format === 'pdf' ? { chicago: '12, ', mla: 'p. 12, ', apa: 'p. 12, ' } : { chicago: '', mla: '', apa: '' };
      expect(await cite('chicago')).toBe(`Tatiana Stanovaya, ${TITLE}, ${page.chicago}para. 1.`);
      expect(await cite('mla')).toBe(`Stanovaya, Tatiana. ${TITLE}. ${page.mla.replace(/^p/, 'P') || 'P'}${page.mla ? 'par. 1.' : 'ar. 1.'}`);
      expect(await cite('apa')).toBe(`Stanovaya, T. (n.d.). ${TITLE}. ${page.apa.replace(/^p/, 'P') || 'P'}${page.apa ? 'para. 1.' : 'ara. 1.'}`);
    }
  }, 60_000);

  if (format === 'pdf') {
    it('GIVEN passage without --cite THEN the citation line shows the page next to ¶N, and doc#page=13 opens page 13', async () => {
      const first = await runCli(['passage', 'trump-putin-call#p1'], env);
      expect(first.stdout).toContain(`${TITLE} · p. 12 · ¶1 · trump-putin-call#p1`);
      const onPage = JSON.parse((await runCli(['passage', '--json', 'trump-putin-call#page=13'], env)).stdout) as { pages: { first: string; last: string } };
      expect(Number(onPage.pages.last)).toBeGreaterThanOrEqual(13);
    }, 60_000);
  }
});

describe('the CLI adding several sources at once, and web pages by URL', () => {
  let site: LoopbackSite;
  beforeAll(async () => {
    site = await startLoopbackSite();
  }, 30_000);
  afterAll(() => site.close());

  it('GIVEN a folder, a URL, a refused URL and a bad file THEN each outcome is reported and the good ones are added', async () => {
    const root = await tempDir();
    const inbox = path.join(root, 'inbox');
    await mkdir(inbox);
    await writeFile(path.join(inbox, 'trump-putin-call.docx'), (await essayFile('docx', 'trump-putin-call')).bytes);
    await writeFile(path.join(inbox, 'trump-putin-call.meta.yaml'), `publication: ${PUBLICATION}\ndate: 2025-02-13\n`);
    await writeFile(path.join(inbox, 'broken.pdf'), 'not a pdf at all');
    const env = { CORPUS_DIR: path.join(root, 'corpus'), INDEX_DIR: path.join(root, 'index'), ALLOW_PRIVATE_URLS: 'true' };
    const run = await runCli(['add', inbox, `${site.base}/articles/putin-witkoff-meeting`, `${site.base}/missing`], env);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Refused .*broken\.pdf: broken\.pdf is not a readable PDF file/),
      expect.stringMatching(/^Added trump-putin-call from .*inbox\/trump-putin-call\.docx at .*corpus\/trump-putin-call\.docx \(with its \.meta\.yaml\)\.$/),
      expect.stringMatching(/^Added putin-witkoff-meeting from http:\/\/127\.0\.0\.1:\d+\/articles\/putin-witkoff-meeting at /),
      expect.stringMatching(/^Refused http:.*\/missing: .*answered HTTP 404/),
      'Run `npm run index` to index the changes (the bot picks the new index up by itself).',
    ]);
    expect((await readdir(env.CORPUS_DIR)).sort()).toEqual([
      'putin-witkoff-meeting.html',
      'putin-witkoff-meeting.meta.yaml',
      'trump-putin-call.docx',
      'trump-putin-call.meta.yaml',
    ]);
    expect((await runCli(['index'], env)).stdout).toMatch(/2 added/);
    const results = await expectVerbatimAnswer(env);
    expect(new Set(results.map((result) => result.docId)).size).toBeGreaterThan(0);
    const chicago = (await runCli(['passage', 'putin-witkoff-meeting#p1', '--cite'], env)).stdout.trim();
    expect(chicago).toBe(
      `${AUTHOR}, “${readEssay('putin-witkoff-meeting').title},” ${PUBLICATION}, February 13, 2025, para. 1, ${site.base}/articles/putin-witkoff-meeting.`,
    );
    const docx = (await runCli(['passage', 'trump-putin-call#p2', '--cite', 'mla'], env)).stdout.trim();
    expect(docx).toBe(`Stanovaya, Tatiana. “${TITLE}.” ${PUBLICATION}, 13 Feb. 2025, par. 2.`);
  }, 120_000);

  it('GIVEN a private address without the allowance THEN add refuses it with the flag to pass, and --refresh reports unchanged', async () => {
    const root = await tempDir();
    const env = { CORPUS_DIR: path.join(root, 'corpus'), INDEX_DIR: path.join(root, 'index') };
    const refused = await runCli(['add', `${site.base}/articles/trump-putin-call`], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/private or local address \(127\.0\.0\.1\)\. To fix: .*--allow-private-urls/);
    const added = await runCli(['add', '--allow-private-urls', '--id', 'call', `${site.base}/articles/trump-putin-call`], env);
    expect(added.code, added.stdout).toBe(0);
    const refreshed = await runCli(['add', '--refresh', '--allow-private-urls', 'call'], env);
    expect(refreshed.stdout.trim()).toBe('call: unchanged (16 paragraphs).');
  }, 60_000);
});
