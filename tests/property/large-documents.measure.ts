/**
 * Measures how citebot copes with a 50 MB document. Not part of the test suite (it is
 * not a *.test.ts file): the heavy cases take too long and too much memory for every
 * run. Each case runs in its own child process so peak memory is its own.
 *
 *   npx tsx tests/property/large-documents.measure.ts            # every case
 *   npx tsx tests/property/large-documents.measure.ts ingest-txt # one case
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkParagraphs } from '../../src/corpus/chunker.js';
import { ingestDocument } from '../../src/corpus/ingest.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';

const SIZE = 50 * 1024 * 1024;
/** The default of MAX_DOCUMENT_BYTES (src/config/schema.ts). */
const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const SENTENCE = 'The envoy met the president in Moscow, and both sides said the talks were useful. ';

/** `size` bytes of ASCII prose; paragraphs of about `paragraphChars` separated by `separator`. */
function prose(size: number, paragraphChars: number, separator: string): Buffer {
  const paragraph = `${SENTENCE.repeat(Math.max(1, Math.round(paragraphChars / SENTENCE.length))).trimEnd()}${separator}`;
  return Buffer.from(paragraph.repeat(Math.ceil(size / paragraph.length)).slice(0, size), 'latin1');
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

type Case = () => Promise<Record<string, unknown>>;

async function ingestCase(name: string, bytes: Buffer): Promise<Record<string, unknown>> {
  const started = performance.now();
  const result = ingestDocument(name, bytes);
  const ingestMs = performance.now() - started;
  if (!result.ok) return { ingestMs, result: result.error.code };
  const document = result.value;
  const chunkStarted = performance.now();
  const chunks = chunkParagraphs(document.id, document.text, document.paragraphs, { maxTokens: 256, countTokens: wordCount });
  return {
    ingestMs: Math.round(ingestMs),
    paragraphs: document.paragraphs.length,
    chunkMs: Math.round(performance.now() - chunkStarted),
    chunks: chunks.length,
  };
}

const CASES: Record<string, Case> = {
  /** The corpus reader must refuse the file by its size, without reading it. */
  async 'read-corpus'() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-large-'));
    try {
      await writeFile(path.join(dir, 'huge.txt'), prose(SIZE, 600, '\n\n'));
      await writeFile(path.join(dir, 'small.md'), '# Small\n\nA paragraph.\n');
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const corpus = await readCorpus(dir, { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES });
      const ms = performance.now() - started;
      if (!corpus.ok) return { ms, result: corpus.error.code };
      return {
        ms: Math.round(ms * 10) / 10,
        rssGrowthMB: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
        documents: corpus.value.documents.map((document) => document.id),
        skipped: corpus.value.skipped.map((error) => error.code),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  /** Plain text, ~600-character paragraphs separated by blank lines. */
  'ingest-txt': () => ingestCase('huge.txt', prose(SIZE, 600, '\n\n')),
  /** Plain text with no blank line at all: one paragraph per line. */
  'ingest-txt-lines': () => ingestCase('huge.txt', prose(SIZE, 600, '\n')),
  /** Plain text with CRLF line endings. */
  'ingest-txt-crlf': () => ingestCase('huge.txt', prose(SIZE, 600, '\r\n\r\n')),
  /** Not valid UTF-8 (a lone 0xE9 byte), so decoded as Windows-1252 one byte at a time. */
  'ingest-txt-windows-1252': () => {
    const bytes = prose(SIZE, 600, '\n\n');
    bytes[10] = 0xe9;
    return ingestCase('huge.txt', bytes);
  },
  /** The same at the largest size the corpus reader accepts by default (MAX_DOCUMENT_BYTES, 10 MB). */
  'ingest-txt-windows-1252-10mb': () => {
    const bytes = prose(DEFAULT_MAX_DOCUMENT_BYTES, 600, '\n\n');
    bytes[10] = 0xe9;
    return ingestCase('huge.txt', bytes);
  },
  /** The same prose as markdown (micromark builds a syntax tree of the whole file). */
  'ingest-md': () => ingestCase('huge.md', prose(SIZE, 600, '\n\n')),
  'ingest-md-10mb': () => ingestCase('huge.md', prose(DEFAULT_MAX_DOCUMENT_BYTES, 600, '\n\n')),
};

async function runOne(name: string): Promise<void> {
  const run = CASES[name];
  if (!run) throw new Error(`unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
  const started = performance.now();
  const measured = await run();
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ case: name, totalMs: Math.round(performance.now() - started), peakRssMB, ...measured }));
}

const only = process.argv[2];
if (only) {
  await runOne(only);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(process.execPath, [...process.execArgv, self, name], { encoding: 'utf8', timeout: 300_000 });
    const line = child.stdout.trim() || `${JSON.stringify({ case: name, failed: child.signal ?? child.status, stderr: child.stderr.slice(-500) })}`;
    console.log(line);
  }
}
