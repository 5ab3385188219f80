import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('reading a corpus with bad files', () => {
  it('GIVEN empty, binary, unreadable, unsupported and too-large files THEN each is reported by name and the good one is read', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'good.md'), '# Good\n\nA paragraph.\n');
    await writeFile(path.join(dir, 'empty.md'), '   \n');
    await writeFile(path.join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    await symlink(path.join(dir, 'missing-target.md'), path.join(dir, 'broken.md'));
    await writeFile(path.join(dir, 'slides.pdf'), '%PDF-1.4');
    await writeFile(path.join(dir, 'slides.pptx'), 'PK');
    await writeFile(path.join(dir, 'huge.txt'), 'x'.repeat(5000));
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'HEAD'), 'ref');

    const corpus = await readCorpus(dir, { maxDocumentBytes: 4096 });
    expect(corpus.ok).toBe(true);
    if (!corpus.ok) return;
    expect(corpus.value.documents.map((document) => document.id)).toEqual(['good']);
    expect(Object.fromEntries(corpus.value.skipped.map((problem) => [problem.message.split(' ')[0], problem.code]))).toEqual({
      'broken.md': 'DOCUMENT_UNREADABLE',
      'empty.md': 'DOCUMENT_EMPTY',
      'huge.txt': 'DOCUMENT_TOO_LARGE',
      'image.txt': 'DOCUMENT_BINARY',
      'slides.pdf': 'DOCUMENT_DAMAGED',
      'slides.pptx': 'DOCUMENT_UNSUPPORTED',
    });
  });

  it('GIVEN two files that map to the same document id THEN reading fails naming both', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'essay.md'), 'One.\n');
    await mkdir(path.join(dir, 'old'));
    await writeFile(path.join(dir, 'old', 'Essay.txt'), 'Two.\n');
    const corpus = await readCorpus(dir, { maxDocumentBytes: 4096 });
    expect(corpus.ok).toBe(false);
    if (corpus.ok) return;
    expect(corpus.error.code).toBe('DUPLICATE_DOCUMENT_ID');
    expect(corpus.error.message).toContain('essay.md');
    expect(corpus.error.message).toContain('old/Essay.txt');
  });
});
