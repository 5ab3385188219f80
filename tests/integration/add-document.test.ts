import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parsePassageRef } from '../../src/answer/passages.js';
import { addDocument } from '../../src/corpus/add-document.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { copyEssays } from '../support/corpus-copy.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const limits = { replace: false, maxDocumentBytes: 1_000_000 };

describe('adding a document to the corpus', () => {
  it('GIVEN a markdown file THEN it is copied into the corpus under its id', async () => {
    const root = await tempDir();
    const source = path.join(root, 'New Essay.md');
    await writeFile(source, '# New essay\n\nA paragraph.\n');
    const added = await addDocument(path.join(root, 'corpus'), source, { ...limits, id: 'new-essay' });
    expect(added.ok && added.value.id).toBe('new-essay');
    expect(await readdir(path.join(root, 'corpus'))).toEqual(['new-essay.md']);
  });

  it.each(['../escape', '../../etc/passwd', 'sub/dir', '/abs', 'UPPER', '.hidden', 'a'.repeat(65)])(
    'GIVEN the id %j THEN nothing is written and the id is refused',
    async (id) => {
      const root = await tempDir();
      const source = path.join(root, 'doc.md');
      await writeFile(source, 'Text.\n');
      const added = await addDocument(path.join(root, 'corpus'), source, { ...limits, id });
      expect(!added.ok && added.error.code).toBe('FILE_OUTSIDE_CORPUS');
      expect(await readdir(root)).toEqual(['doc.md']);
    },
  );

  it('GIVEN an existing id THEN it is refused unless --replace, and empty or binary files are refused', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    const source = path.join(root, 'doc.md');
    await writeFile(source, 'Text.\n');
    await addDocument(corpus, source, { ...limits, id: 'doc' });
    const again = await addDocument(corpus, source, { ...limits, id: 'doc' });
    expect(!again.ok && again.error.code).toBe('DOCUMENT_EXISTS');
    expect((await addDocument(corpus, source, { ...limits, id: 'doc', replace: true })).ok).toBe(true);
    const empty = path.join(root, 'empty.txt');
    await writeFile(empty, '');
    const refused = await addDocument(corpus, empty, { ...limits, id: undefined });
    expect(!refused.ok && refused.error.code).toBe('DOCUMENT_EMPTY');
  });

  it('GIVEN trump-putin-call.txt beside trump-putin-call.md THEN it is refused as the same id, and --replace swaps the file so the corpus still reads', async () => {
    const root = await tempDir();
    const corpus = await copyEssays(root);
    const source = path.join(root, 'trump-putin-call.txt');
    await writeFile(source, 'A plain-text version.\n\nIts second paragraph.\n');
    const refused = await addDocument(corpus, source, { ...limits, id: undefined });
    expect(!refused.ok && refused.error.message).toBe(`a document with id "trump-putin-call" already exists (${path.join(corpus, 'trump-putin-call.md')})`);
    expect((await readCorpus(corpus, limits)).ok).toBe(true);

    const replaced = await addDocument(corpus, source, { ...limits, id: undefined, replace: true });
    expect(replaced.ok && replaced.value.replaced).toBe(path.join(corpus, 'trump-putin-call.md'));
    expect((await readdir(corpus)).sort()).toEqual(['putin-witkoff-meeting.md', 'trump-putin-call.txt']);
    const read = await readCorpus(corpus, limits);
    expect(read.ok && read.value.documents.map((document) => document.path)).toEqual(['putin-witkoff-meeting.md', 'trump-putin-call.txt']);
  });

  it('GIVEN the same id in a subfolder THEN it is refused too', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    await mkdir(path.join(corpus, 'archive'), { recursive: true });
    await writeFile(path.join(corpus, 'archive', 'Notes.html'), '<p>Old notes.</p>');
    const source = path.join(root, 'notes.md');
    await writeFile(source, 'New notes.\n');
    const refused = await addDocument(corpus, source, { ...limits, id: undefined });
    expect(!refused.ok && refused.error.code).toBe('DOCUMENT_EXISTS');
  });

  it('GIVEN a folder, a named pipe or a link to /dev/zero named like a document THEN each is refused in one line, without hanging, and nothing is written', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    await mkdir(path.join(root, 'x.md'));
    await promisify(execFile)('mkfifo', [path.join(root, 'pipe.md')]);
    await symlink('/dev/zero', path.join(root, 'zero.txt'));
    const refusals = await Promise.all(['x.md', 'pipe.md', 'zero.txt'].map((name) => addDocument(corpus, path.join(root, name), { ...limits, id: undefined })));
    expect(refusals.map((refusal) => !refusal.ok && refusal.error.message.replace(root, '<root>'))).toEqual([
      '<root>/x.md is a folder, not a regular file; skipped',
      '<root>/pipe.md is a named pipe, not a regular file; skipped',
      '<root>/zero.txt is a device, not a regular file; skipped',
    ]);
    await expect(readdir(corpus)).rejects.toThrow('ENOENT');
  });

  it('GIVEN a non-Latin file name THEN the document gets an id of its letters that references resolve', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    for (const name of ['日本語.md', 'Война и мир.txt']) {
      const source = path.join(root, name);
      await writeFile(source, 'A paragraph.\n');
      const added = await addDocument(corpus, source, { ...limits, id: undefined });
      expect(added.ok, added.ok ? '' : added.error.message).toBe(true);
    }
    const read = await readCorpus(corpus, limits);
    expect(read.ok && read.value.documents.map((document) => document.id)).toEqual(['война-и-мир', '日本語']);
    expect(parsePassageRef('日本語#p1')).toEqual({ ok: true, value: { docId: '日本語', paragraph: 1 } });
    expect(parsePassageRef('Война-и-мир#p2')).toEqual({ ok: true, value: { docId: 'война-и-мир', paragraph: 2 } });
  });

  it('GIVEN --replace onto a corpus link that points outside THEN the link is replaced, and the file it pointed to is untouched', async () => {
    const root = await tempDir();
    const corpus = path.join(root, 'corpus');
    await mkdir(corpus);
    const outside = path.join(root, 'outside.md');
    await writeFile(outside, 'Not part of the corpus.\n');
    await symlink(outside, path.join(corpus, 'doc.md'));
    const source = path.join(root, 'doc.md');
    await writeFile(source, 'The new document.\n');
    const refused = await addDocument(corpus, source, { ...limits, id: 'doc' });
    expect(!refused.ok && refused.error.code).toBe('DOCUMENT_EXISTS');
    const added = await addDocument(corpus, source, { ...limits, id: 'doc', replace: true });
    expect(added.ok).toBe(true);
    expect(await readFile(outside, 'utf8')).toBe('Not part of the corpus.\n');
    expect(await readFile(path.join(corpus, 'doc.md'), 'utf8')).toBe('The new document.\n');
  });
});
