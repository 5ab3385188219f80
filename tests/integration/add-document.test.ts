import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDocument } from '../../src/corpus/add-document.js';
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
});
