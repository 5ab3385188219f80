import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument } from '../../src/corpus/add-document.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { addUrl, refreshDocument, type UrlOptions } from '../../src/corpus/web/add-url.js';
import { copyEssays } from '../support/corpus-copy.js';
import { essayFile, PUBLICATION } from '../support/documents/format-corpus.js';
import { type LoopbackSite, startLoopbackSite } from '../support/documents/web-server.js';
import { useTempDirs } from '../support/temp-dir.js';

/** The corpus rules (regular files only, no link out, one file per id, atomic writes) hold for every format, sidecars and URLs too. */
const tempDir = useTempDirs();
const limits = { replace: false, maxDocumentBytes: 1_000_000 };
const urlOptions: UrlOptions = {
  policy: { timeoutMs: 3_000, maxBytes: 1_000_000, maxRedirects: 5, allowPrivate: true },
  maxDocumentBytes: 1_000_000,
  today: '2025-03-02',
};
const SIDECAR = `# Checked against the printed journal.\npublication: ${PUBLICATION}\ndate: 2025-02-13\n`;

describe('corpus rules for every format', () => {
  let site: LoopbackSite;
  beforeAll(async () => {
    site = await startLoopbackSite();
  }, 30_000);
  afterAll(() => site.close());

  it('GIVEN a PDF with a sidecar beside it THEN both are copied, the sidecar as written, and its fields are the document’s', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    await writeFile(path.join(root, 'Call in print.pdf'), (await essayFile('pdf', 'trump-putin-call')).bytes);
    await writeFile(path.join(root, 'Call in print.meta.yaml'), SIDECAR);
    const added = await addDocument(corpus, path.join(root, 'Call in print.pdf'), { ...limits, id: undefined });
    expect(added.ok && [added.value.id, added.value.withSidecar]).toEqual(['call-in-print', true]);
    expect((await readdir(corpus)).sort()).toEqual(['call-in-print.meta.yaml', 'call-in-print.pdf']);
    expect(await readFile(path.join(corpus, 'call-in-print.meta.yaml'), 'utf8')).toBe(SIDECAR);
    const read = await readCorpus(corpus, limits);
    expect(read.ok && read.value.documents.map((document) => [document.publication, document.date])).toEqual([[PUBLICATION, '2025-02-13']]);
  });

  it('GIVEN a PDF, DOCX or EPUB whose id a Markdown file in a subfolder already has THEN it is refused, and --replace leaves one file for the id', async () => {
    const root = await tempDir();
    const corpus = await copyEssays(root);
    await mkdir(path.join(corpus, 'archive'));
    await writeFile(path.join(corpus, 'archive', 'notes.md'), '# Notes\n\nOld notes.\n');
    for (const format of ['pdf', 'docx', 'epub'] as const) {
      const source = path.join(root, `notes.${format}`);
      await writeFile(source, (await essayFile(format, 'trump-putin-call')).bytes);
      const refused = await addDocument(corpus, source, { ...limits, id: undefined });
      expect(!refused.ok && refused.error.code, format).toBe('DOCUMENT_EXISTS');
    }
    const replaced = await addDocument(corpus, path.join(root, 'notes.pdf'), { ...limits, id: undefined, replace: true });
    expect(replaced.ok && replaced.value.replaced).toBe(path.join(corpus, 'archive', 'notes.md'));
    const read = await readCorpus(corpus, limits);
    expect(read.ok && read.value.documents.map((document) => document.path).sort()).toEqual(['notes.pdf', 'putin-witkoff-meeting.md', 'trump-putin-call.md']);
  });

  it('GIVEN a PDF over the size limit, or a PDF that is a named pipe, or a sidecar that is one THEN each is refused in one line without hanging, and nothing is written', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    const pdf = (await essayFile('pdf', 'trump-putin-call')).bytes;
    await writeFile(path.join(root, 'big.pdf'), pdf);
    await promisify(execFile)('mkfifo', [path.join(root, 'pipe.pdf')]);
    await writeFile(path.join(root, 'described.pdf'), pdf);
    await promisify(execFile)('mkfifo', [path.join(root, 'described.meta.yaml')]);
    const big = await addDocument(corpus, path.join(root, 'big.pdf'), { ...limits, id: undefined, maxDocumentBytes: pdf.length - 1 });
    const pipe = await addDocument(corpus, path.join(root, 'pipe.pdf'), { ...limits, id: undefined });
    const described = await addDocument(corpus, path.join(root, 'described.pdf'), { ...limits, id: undefined });
    expect([big, pipe, described].map((refusal) => !refusal.ok && refusal.error.message.replace(root, '<root>'))).toEqual([
      `<root>/big.pdf is ${pdf.length} bytes, over the ${pdf.length - 1}-byte limit; skipped`,
      '<root>/pipe.pdf is a named pipe, not a regular file; skipped',
      '<root>/described.meta.yaml is a named pipe, not a regular file; skipped',
    ]);
    await expect(readdir(corpus)).rejects.toThrow('ENOENT');
  });

  it('GIVEN sidecars that link out of the corpus or are too large THEN neither is read: the link is refused, the large one warned about, and both documents keep their own metadata', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(root, 'outside.yaml'), 'title: Taken from outside the corpus\n');
    await writeFile(path.join(corpus, 'linked.md'), '# Linked\n\nA paragraph.\n');
    await symlink(path.join(root, 'outside.yaml'), path.join(corpus, 'linked.meta.yaml'));
    await writeFile(path.join(corpus, 'padded.md'), '# Padded\n\nA paragraph.\n');
    await writeFile(path.join(corpus, 'padded.meta.yaml'), `title: Too long to read\n#${' '.repeat(70_000)}\n`);
    const read = await readCorpus(corpus, limits);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.documents.map((document) => document.title)).toEqual(['Linked', 'Padded']);
    expect(read.value.skipped.map((problem) => problem.code)).toEqual(['DOCUMENT_LINK_OUTSIDE']);
    expect(read.value.warnings.map((problem) => problem.message)).toEqual(['padded.meta.yaml is 70026 bytes, over the 65536-byte limit; skipped']);
  });

  it('GIVEN a URL whose id a file of the corpus already has THEN it is refused unless --replace, which leaves one file for the id', async () => {
    const root = await tempDir();
    const corpus = await copyEssays(root);
    const url = `${site.base}/articles/trump-putin-call`;
    const refused = await addUrl(corpus, url, { ...urlOptions, id: undefined, replace: false });
    expect(!refused.ok && refused.error.code).toBe('DOCUMENT_EXISTS');
    expect((await readdir(corpus)).sort()).toEqual(['putin-witkoff-meeting.md', 'trump-putin-call.md']);
    const replaced = await addUrl(corpus, url, { ...urlOptions, id: undefined, replace: true });
    expect(replaced.ok && replaced.value.replaced).toBe(path.join(corpus, 'trump-putin-call.md'));
    expect((await readdir(corpus)).sort()).toEqual(['putin-witkoff-meeting.md', 'trump-putin-call.html', 'trump-putin-call.meta.yaml']);
    expect((await readCorpus(corpus, limits)).ok).toBe(true);
  });

  it('GIVEN a document whose sidecar links out of the corpus THEN refresh does not follow it', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(root, 'outside.yaml'), `source_url: ${site.base}/articles/trump-putin-call\n`);
    await writeFile(path.join(corpus, 'mine.html'), '<p>My own words.</p>');
    await symlink(path.join(root, 'outside.yaml'), path.join(corpus, 'mine.meta.yaml'));
    const refreshed = await refreshDocument(corpus, 'mine', urlOptions);
    expect(!refreshed.ok && refreshed.error.code).toBe('SOURCE_URL_MISSING');
    expect(await readFile(path.join(corpus, 'mine.html'), 'utf8')).toBe('<p>My own words.</p>');
  });
});
