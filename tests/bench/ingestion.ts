// npm run bench:ingest [-- --rounds 20 --out docs/benchmarks.md]
//
// Ingestion throughput per format: the two essays as generated PDF, DOCX, EPUB,
// web page and Markdown files, read by the production path (ingestFile; for a web
// page, readableArticle then ingestFile), in this process, no network. Writes its
// section of docs/benchmarks.md between markers, leaving the rest of the file alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ingestFile } from '../../src/corpus/formats/ingest-file.js';
import { readableArticle } from '../../src/corpus/web/readable-article.js';
import { ESSAY_IDS, readEssay } from '../support/documents/essay-model.js';
import { essayFile } from '../support/documents/format-corpus.js';
import { essayPage } from '../support/documents/web-fixture.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { replaceSection } from './sections.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, out: { type: 'string', default: 'docs/benchmarks.md' } } });
const rounds = Number(values.rounds);
const LIMIT = { maxDocumentBytes: 10 * 1024 * 1024 };

interface Sample {
  readonly name: string;
  readonly bytes: number;
  readonly paragraphs: number;
  readonly pages: number;
  readonly coldMs: number;
  readonly warmMs: number;
}

type Reader = () => Promise<{ paragraphs: number; pages: number }>;

async function ingest(file: string, bytes: Uint8Array) {
  const document = await ingestFile(file, bytes, LIMIT);
  if (!document.ok) throw new Error(document.error.message);
  const pages = new Set(document.value.paragraphs.flatMap((paragraph) => (paragraph.pages ? [paragraph.pages.first, paragraph.pages.last] : [])));
  return { paragraphs: document.value.paragraphs.length, pages: pages.size };
}

async function measure(name: string, bytes: number, read: Reader): Promise<Sample> {
  let started = performance.now();
  const first = await read();
  const coldMs = performance.now() - started;
  started = performance.now();
  for (let round = 0; round < rounds; round += 1) await read();
  return { name, bytes, ...first, coldMs, warmMs: (performance.now() - started) / rounds };
}

const samples: Sample[] = [];
const load: number[] = [];
for (const format of ['pdf', 'docx', 'epub'] as const) {
  const files = await Promise.all(ESSAY_IDS.map(async (id) => ({ id, bytes: (await essayFile(format, id)).bytes })));
  const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  samples.push(
    await measure(format.toUpperCase(), bytes, async () => {
      const counts = await Promise.all(files.map((file) => ingest(`${file.id}.${format}`, file.bytes)));
      return { paragraphs: counts.reduce((sum, count) => sum + count.paragraphs, 0), pages: counts.reduce((sum, count) => sum + count.pages, 0) };
    }),
  );
  load.push(loadavg()[0]!);
}
const pages = ESSAY_IDS.map((id) => ({ id, html: essayPage(readEssay(id), { author: 'Tatiana Stanovaya', site: 'Carnegie Politika', date: '2025-02-13' }) }));
samples.push(
  await measure('Web page (article extraction + HTML)', pages.reduce((sum, page) => sum + Buffer.byteLength(page.html), 0), async () => {
    let paragraphs = 0;
    for (const page of pages) {
      const article = readableArticle(page.html);
      if (!article) throw new Error(`no article in ${page.id}`);
      paragraphs += (await ingest(`${page.id}.html`, Buffer.from(article.html))).paragraphs;
    }
    return { paragraphs, pages: 0 };
  }),
);
const markdown = ESSAY_IDS.map((id) => ({ id, bytes: readFileSync(`${ESSAYS_DIR}/${id}.md`) }));
samples.push(
  await measure('Markdown (baseline)', markdown.reduce((sum, file) => sum + file.bytes.length, 0), async () => {
    const counts = await Promise.all(markdown.map((file) => ingest(`${file.id}.md`, file.bytes)));
    return { paragraphs: counts.reduce((sum, count) => sum + count.paragraphs, 0), pages: 0 };
  }),
);
load.push(loadavg()[0]!);

const rate = (count: number, ms: number) => (count === 0 ? '—' : Math.round((count * 1000) / ms).toLocaleString('en'));
const table = [
  '| format | input (2 essays) | paragraphs | pages | first read, ms (loads the library) | warm, ms per 2 essays | paragraphs/s | pages/s |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...samples.map(
    (sample) =>
      `| ${sample.name} | ${(sample.bytes / 1024).toFixed(1)} KB | ${sample.paragraphs} | ${sample.pages || '—'} | ${sample.coldMs.toFixed(0)} | ${sample.warmMs.toFixed(1)} | ${rate(sample.paragraphs, sample.warmMs)} | ${rate(sample.pages, sample.warmMs)} |`,
  ),
];
const section = [
  '## Ingestion per format',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:ingest\` (tests/bench/ingestion.ts, ${rounds} warm rounds after one cold read; Node ${process.version}; 1-minute load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on 2 shared cores). The inputs are the two essays as the test fixtures generate them: a typeset PDF (pdfkit; running heads, folios, one two-column page, a footnote), a Word file (docx), an EPUB 3 and a news page with menus, ads and comments around the article. Reading is the production path: bytes → stored text and paragraphs (for a PDF, layout rebuilt into paragraphs with pages; for a page, the article found by Readability first). Embedding is not included: it costs the same per paragraph whatever the format (see Indexing above).`,
  '',
  ...table,
  '',
  'The first read of a PDF loads pdf.js and, when a line ends in a hyphen the document cannot resolve itself, the 274,000-word list; later PDFs pay neither. DOCX reading includes the zip-bomb check, which inflates the XML once before mammoth does.',
].join('\n');

writeFileSync(values.out, replaceSection(readFileSync(values.out, 'utf8'), 'ingestion', section));
console.log(section);
