import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { addUrl, refreshDocument, type UrlOptions } from '../../src/corpus/web/add-url.js';
import { readEssay, words } from '../support/documents/essay-model.js';
import { AUTHOR, PUBLICATION } from '../support/documents/format-corpus.js';
import { PAGE_CLUTTER } from '../support/documents/web-fixture.js';
import { type LoopbackSite, startLoopbackSite } from '../support/documents/web-server.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const options: UrlOptions = {
  policy: { timeoutMs: 3_000, maxBytes: 1_000_000, maxRedirects: 5, allowPrivate: true },
  maxDocumentBytes: 1_000_000,
  today: '2025-03-02',
};
const add = (corpus: string, url: string, overrides: Partial<UrlOptions> = {}) => addUrl(corpus, url, { ...options, ...overrides, id: undefined, replace: false });

describe('adding web pages by URL (loopback site)', () => {
  let site: LoopbackSite;
  beforeAll(async () => {
    site = await startLoopbackSite();
  }, 30_000);
  afterAll(() => site.close());

  it('GIVEN the essays as news pages THEN the article is stored, word for word, without menus, ads or comments, with a sidecar', async () => {
    const corpus = path.join(await tempDir(), 'corpus');
    for (const id of ['trump-putin-call', 'putin-witkoff-meeting']) {
      const added = await add(corpus, `${site.base}/articles/${id}`);
      expect(added.ok && added.value.id).toBe(id);
    }
    const read = await readCorpus(corpus, { maxDocumentBytes: 1_000_000 });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.skipped).toEqual([]);
    for (const document of read.value.documents) {
      const essay = readEssay(document.id);
      const paragraphs = document.paragraphs.map((paragraph) => words(document.text.slice(paragraph.span.start, paragraph.span.end)));
      expect(paragraphs).toEqual(essay.paragraphs.map((paragraph) => words(paragraph.text)));
      const credits = document.paragraphs.map((paragraph) => paragraph.attribution.map((line) => document.text.slice(line.start, line.end)));
      expect(credits).toEqual(essay.paragraphs.map((paragraph) => paragraph.attribution));
      for (const clutter of PAGE_CLUTTER) expect(document.text).not.toContain(clutter);
      expect([document.title, document.authors, document.publication, document.date, document.sourceUrl, document.retrieved]).toEqual([
        essay.title,
        [AUTHOR],
        PUBLICATION,
        '2025-02-13',
        `${site.base}/articles/${document.id}`,
        '2025-03-02',
      ]);
    }
    const sidecar = parseYaml(await readFile(path.join(corpus, 'trump-putin-call.meta.yaml'), 'utf8'));
    expect(sidecar).toMatchObject({ source_url: `${site.base}/articles/trump-putin-call`, retrieved: '2025-03-02', authors: [AUTHOR] });
  });

  it('GIVEN a redirect THEN the page it leads to is stored, under its final URL', async () => {
    const corpus = path.join(await tempDir(), 'corpus');
    const added = await add(corpus, `${site.base}/hop`);
    expect(added.ok && added.value.id).toBe('trump-putin-call');
  });

  it('GIVEN a PDF served at a URL THEN it is stored as a PDF with its source', async () => {
    const corpus = path.join(await tempDir(), 'corpus');
    const added = await add(corpus, `${site.base}/report.pdf`);
    expect(added.ok && path.basename(added.value.path)).toBe('report.pdf');
    const read = await readCorpus(corpus, { maxDocumentBytes: 1_000_000 });
    expect(read.ok && read.value.documents.map((document) => [document.format, document.sourceUrl, document.paragraphs[0]?.pages])).toEqual([
      ['pdf', `${site.base}/report.pdf`, { first: '12', last: '12' }],
    ]);
  });

  const refusals: [string, string, string, RegExp][] = [
    ['a redirect loop', '/loop-a', 'URL_FETCH_FAILED', /redirects in a loop/],
    ['a 404', '/missing', 'URL_FETCH_FAILED', /answered HTTP 404/],
    ['an image', '/image', 'URL_UNSUPPORTED_CONTENT', /answered with image\/png/],
    ['a download', '/download', 'URL_UNSUPPORTED_CONTENT', /application\/octet-stream/],
    ['binary data served as HTML', '/binary-as-html', 'URL_UNSUPPORTED_CONTENT', /binary, not text/],
    ['a page over the size limit (chunked)', '/huge', 'URL_FETCH_FAILED', /larger than 1000000 bytes/],
  ];
  it.each(refusals)('GIVEN %s THEN refused with a one-line reason and nothing written', async (_, route, code, reason) => {
    const corpus = path.join(await tempDir(), 'corpus');
    const added = await add(corpus, `${site.base}${route}`);
    expect(!added.ok && [added.error.code, added.error.message]).toEqual([code, expect.stringMatching(reason)]);
    expect(added.ok || added.error.message.includes('\n')).toBe(false);
    expect(await readdir(corpus).catch(() => [])).toEqual([]);
  });

  it('GIVEN a server that answers slowly THEN the fetch gives up at the deadline', async () => {
    const corpus = path.join(await tempDir(), 'corpus');
    const started = Date.now();
    const added = await add(corpus, `${site.base}/slow`, { policy: { ...options.policy, timeoutMs: 500 } });
    expect(!added.ok && added.error.message).toMatch(/no complete answer within 0\.5 s/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it.each(['ftp://127.0.0.1/essay.html', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.org/'])('GIVEN %s THEN refused: only http and https', async (url) => {
    const added = await add(path.join(await tempDir(), 'corpus'), url);
    expect(!added.ok && [added.error.code, added.error.message]).toEqual(['URL_NOT_ALLOWED', expect.stringMatching(/only http and https/)]);
  });

  it('GIVEN private and loopback addresses without the maintainer’s allowance THEN each is refused, naming the flag', async () => {
    const port = new URL(site.base).port;
    const strict = { policy: { ...options.policy, allowPrivate: false } };
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '10.0.0.1', '169.254.169.254', '192.168.1.1', '0.0.0.0']) {
      const added = await add(path.join(await tempDir(), 'corpus'), `http://${host}:${port}/articles/trump-putin-call`, strict);
      expect(!added.ok && added.error.code, host).toBe('URL_NOT_ALLOWED');
      expect(!added.ok && `${added.error.message} ${added.error.hint}`, host).toMatch(/private or local address.*--allow-private-urls/);
    }
  });

  it('GIVEN a page added by URL WHEN refreshed THEN it reports unchanged, then changed after the page is edited', async () => {
    const corpus = path.join(await tempDir(), 'corpus');
    const added = await add(corpus, `${site.base}/changing`);
    expect(added.ok && added.value.id).toBe('changing');
    const same = await refreshDocument(corpus, 'changing', { ...options, today: '2025-03-09' });
    expect(same.ok && same.value.changed).toBe(false);
    const essay = readEssay('trump-putin-call');
    const edited = { ...essay, blocks: [...essay.blocks, { kind: 'paragraph' as const, text: 'A correction appended by the editors.', attribution: [] }] };
    site.setChanging((await import('../support/documents/web-fixture.js')).essayPage(edited, { author: AUTHOR }));
    const changed = await refreshDocument(corpus, 'changing', { ...options, today: '2025-03-09' });
    expect(changed.ok && [changed.value.changed, changed.value.paragraphs]).toEqual([true, { before: 16, after: 17 }]);
    const sidecar = parseYaml(await readFile(path.join(corpus, 'changing.meta.yaml'), 'utf8'));
    expect([sidecar.retrieved, sidecar.publication]).toEqual(['2025-03-09', PUBLICATION]);
    const missing = await refreshDocument(corpus, 'no-such-document', options);
    expect(!missing.ok && missing.error.code).toBe('DOCUMENT_NOT_IN_CORPUS');
  });

  it('GIVEN a Markdown essay whose front matter links its source THEN refresh refuses to overwrite it', async () => {
    const corpus = path.join(await tempDir(), 'corpus');
    await mkdir(corpus);
    const essay = `---\ntitle: Mine\nsource_url: ${site.base}/articles/trump-putin-call\n---\n\nMy own words.\n`;
    await writeFile(path.join(corpus, 'mine.md'), essay);
    const refreshed = await refreshDocument(corpus, 'mine', options);
    expect(!refreshed.ok && refreshed.error.code).toBe('SOURCE_URL_MISSING');
    expect(await readdir(corpus)).toEqual(['mine.md']);
    expect(await readFile(path.join(corpus, 'mine.md'), 'utf8')).toBe(essay);
  });
});
