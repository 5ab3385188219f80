import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { listCorpus, readRegularFile } from '../../src/corpus/corpus-files.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { copyEssays } from '../support/corpus-copy.js';
import { runCli, startEntryPoint } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Beside the essays: links out of the corpus and back into it, a named pipe, a socket, and a link that stays inside. */
async function hostileCorpus(): Promise<string> {
  const dir = await copyEssays(await tempDir());
  await symlink('/etc/passwd', path.join(dir, 'passwd-link.txt'));
  await symlink('/dev/zero', path.join(dir, 'zero.txt'));
  await symlink('/usr/share', path.join(dir, 'usr-share'));
  await symlink('.', path.join(dir, 'loop'));
  await mkdir(path.join(dir, 'sub'));
  await symlink('..', path.join(dir, 'sub', 'up'));
  await symlink(path.join(dir, 'missing.md'), path.join(dir, 'broken.md'));
  await symlink('trump-putin-call.md', path.join(dir, 'call-alias.md'));
  await promisify(execFile)('mkfifo', [path.join(dir, 'pipe.md')]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.md'), resolve));
  servers.push(server);
  return dir;
}

const byFile = (problems: readonly { code: string; message: string }[]) =>
  Object.fromEntries(problems.map((problem) => [problem.message.split(' ')[0], problem.code]));

describe('a hostile corpus folder', () => {
  it('GIVEN links to /etc/passwd, /dev/zero and /usr/share, link loops, a named pipe and a socket THEN only files inside the corpus are read, each refusal named, at once', async () => {
    const dir = await hostileCorpus();
    const started = performance.now();
    const corpus = await readCorpus(dir, { maxDocumentBytes: 1_000_000 });
    const ms = performance.now() - started;
    console.info(`hostile corpus read in ${Math.round(ms)} ms`);
    expect(corpus.ok).toBe(true);
    if (!corpus.ok) return;
    expect(corpus.value.documents.map((document) => document.id)).toEqual(['call-alias', 'putin-witkoff-meeting', 'trump-putin-call']);
    expect(byFile(corpus.value.skipped)).toEqual({
      'broken.md': 'DOCUMENT_UNREADABLE',
      loop: 'DOCUMENT_LINK_LOOP',
      'passwd-link.txt': 'DOCUMENT_LINK_OUTSIDE',
      'pipe.md': 'DOCUMENT_NOT_REGULAR',
      'socket.md': 'DOCUMENT_NOT_REGULAR',
      'sub/up': 'DOCUMENT_LINK_LOOP',
      'usr-share': 'DOCUMENT_LINK_OUTSIDE',
      'zero.txt': 'DOCUMENT_LINK_OUTSIDE',
    });
    expect(corpus.value.skipped.find((problem) => problem.message.startsWith('pipe.md'))?.message).toBe('pipe.md is a named pipe, not a regular file; skipped');
    expect(ms).toBeLessThan(5_000);
  });

  it('GIVEN a file that claims 0 bytes but holds more (a /proc file) THEN the size limit holds on the bytes actually read', async () => {
    const read = await readRegularFile('/proc/self/maps', 'maps.txt', 64);
    expect(!read.ok && read.error.message).toBe('maps.txt is at least 65 bytes, over the 64-byte limit; skipped');
  });

  it('GIVEN a folder with more entries than any corpus THEN listing stops with a one-line error, and `index` on CORPUS_DIR=/usr refuses without reading the files', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 11; i += 1) await writeFile(path.join(dir, `doc-${i}.md`), 'Text.\n');
    const listed = await listCorpus(dir, 10);
    expect(!listed.ok && listed.error.code).toBe('CORPUS_TOO_MANY_FILES');

    const started = performance.now();
    const usr = await runCli(['index'], { CORPUS_DIR: '/usr', INDEX_DIR: path.join(dir, 'index') });
    console.info(`index with CORPUS_DIR=/usr: exit ${usr.code} after ${Math.round(performance.now() - started)} ms`);
    expect(usr.code).toBe(1);
    expect(usr.stderr.trim().split('\n')).toEqual([
      'citebot: the corpus folder /usr holds more than 50000 files. To fix: point CORPUS_DIR at the folder of documents only.',
    ]);
  }, 120_000);

  it('GIVEN the hostile corpus THEN `index`, `verify` and start-up neither hang nor index what lies outside, and nothing quotes /etc/passwd', async () => {
    const corpusDir = await hostileCorpus();
    const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(await tempDir(), 'index') };
    const indexed = await runCli(['index'], env);
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stdout).toContain('Skipped: pipe.md is a named pipe, not a regular file; skipped');
    expect(indexed.stdout).toContain('Skipped: passwd-link.txt is a link to something outside the corpus folder; skipped');
    const verified = await runCli(['verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    const sources = JSON.parse((await runCli(['sources', '--json'], env)).stdout) as { documents: { id: string }[] };
    expect(sources.documents.map((document) => document.id)).toEqual(['call-alias', 'putin-witkoff-meeting', 'trump-putin-call']);

    const app = startEntryPoint('src/main.ts', { ...env, LOG_LEVEL: 'warn' });
    await app.waitForOutput(/Ask about the essays/);
    app.child.stdin?.end('root:x:0:0:root:/root:/bin/bash\n');
    expect(await app.exited()).toBe(0);
    expect(app.output()).not.toContain('/root:/bin/bash');
  }, 120_000);
});
