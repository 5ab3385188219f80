import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** More documents made of the essays' paragraphs (rotated), so that a full build of `dir` takes a while. */
export async function growCorpus(dir: string, copies: number): Promise<void> {
  const source = await readFile(path.join(dir, 'putin-witkoff-meeting.md'), 'utf8');
  const paragraphs = source.split('\n---\n')[1]!.split('\n\n').filter((block) => block.trim() && !block.startsWith('#'));
  for (let i = 0; i < copies; i += 1) {
    const rotated = [...paragraphs.slice(i % paragraphs.length), ...paragraphs.slice(0, i % paragraphs.length)];
    await writeFile(path.join(dir, `copy-${i}.md`), `---\ntitle: Copy ${i}\n---\n\n${rotated.join('\n\n')}\n`);
  }
}
