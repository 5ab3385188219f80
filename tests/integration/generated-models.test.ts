// Checks the generated models load through the real transformers.js path
// (config, tokenizer, onnxruntime-node session) and behave as designed. No network.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { type FeatureExtractionPipeline, type Tensor, env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bertWords, isPunctuation } from '../tools/bert-text.js';
import { bertEncoderGraph, seededNormalWeights } from '../tools/bert-encoder-graph.js';
import { bertForward } from '../tools/bert-reference.js';
import { readCorpusParagraphs } from '../tools/corpus.js';
import { corpusVocabulary } from '../tools/corpus-vocabulary.js';
import { STOPWORDS } from '../tools/english-words.js';
import { QUANTIZED_MODEL_FILE, generateBenchModel } from '../tools/generate-bench-model.js';
import { TEST_MODEL_DIMENSIONS, TEST_MODEL_DIR, generateTestModel } from '../tools/generate-test-model.js';
import { type BertShape, writeModelDir } from '../tools/model-files.js';
import { modelProto } from '../tools/onnx/model-proto.js';
import { buildWordPieceVocab } from '../tools/wordpiece.js';

// Any attempt to reach the Hub fails fast instead of waiting on the network.
env.allowRemoteModels = false;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-models-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// An absolute path is not a valid Hub id, so transformers.js reads it as a directory.
const loadModel = (modelDir: string) => pipeline('feature-extraction', modelDir, { dtype: 'fp32' });

async function embed(extractor: FeatureExtractionPipeline, texts: string[]): Promise<number[][]> {
  const output = await extractor(texts, { pooling: 'mean', normalize: true });
  return output.tolist() as number[][];
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe('test model fixture', () => {
  let extractor: FeatureExtractionPipeline;
  beforeAll(async () => {
    extractor = await loadModel(TEST_MODEL_DIR);
  });
  afterAll(() => extractor.dispose());

  it('embeds to TEST_MODEL_DIMENSIONS (384) dimensions, unit length after mean pooling and normalisation', async () => {
    const [vector] = await embed(extractor, ['What does the Kremlin want from the talks?']);
    expect(vector).toHaveLength(TEST_MODEL_DIMENSIONS);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
  });

  it('gives identical vectors for the same input', async () => {
    const text = 'Putin’s “friendly Ukraine” — a goal beyond territory…';
    expect(await embed(extractor, [text])).toEqual(await embed(extractor, [text]));
  });

  it('puts a paraphrase sharing content words closer than an unrelated sentence', async () => {
    const [question, paraphrase, unrelated] = await embed(extractor, [
      'Why does Putin want negotiations with Trump?',
      'Putin wants to negotiate with Trump',
      'European peacekeepers and mineral resources',
    ]);
    expect(dot(question!, paraphrase!)).toBeGreaterThan(dot(question!, unrelated!) + 0.3);
  });

  it('tokenizes every corpus paragraph into whole-word tokens, without [UNK]', () => {
    for (const paragraph of readCorpusParagraphs()) {
      expect(extractor.tokenizer.tokenize(paragraph)).toEqual(bertWords(paragraph));
    }
  });

  describe('retrieval over the corpus paragraphs', () => {
    const paragraphs = readCorpusParagraphs();
    let paragraphVectors: number[][];
    beforeAll(async () => {
      paragraphVectors = await embed(extractor, paragraphs);
    });
    const rankOf = (queryVector: number[], target: number) => {
      const scores = paragraphVectors.map((vector) => dot(vector, queryVector));
      return scores.filter((score) => score > scores[target]!).length;
    };

    it('ranks the paragraph naming a question’s rare word near the top', async () => {
      const questions: [string, string, number][] = [
        ['Who is Keith Kellogg?', 'Kellogg', 1],
        ['Does Russia want relief from sanctions?', 'sanctions relief', 3],
        ['What did Hegseth say about the borders?', 'Hegseth', 3],
      ];
      const questionVectors = await embed(extractor, questions.map(([question]) => question));
      questions.forEach(([question, phrase, topK], q) => {
        const target = paragraphs.findIndex((paragraph) => paragraph.includes(phrase));
        expect(rankOf(questionVectors[q]!, target), question).toBeLessThan(topK);
      });
    });

    // Exact TF-IDF gets all of these first; the random 384-d projection adds a
    // little cross-talk between words (cosine of unrelated texts has std ~1/sqrt(384)).
    it('finds most paragraphs from their three rarest content words', async () => {
      const { idf } = corpusVocabulary();
      const isContentWord = (word: string) => !STOPWORDS.includes(word) && !isPunctuation(word);
      const queries = paragraphs.map((paragraph) =>
        [...new Set(bertWords(paragraph).filter(isContentWord))]
          .sort((a, b) => (idf.get(a) ?? 0) - (idf.get(b) ?? 0) || (a < b ? -1 : 1))
          .slice(-3)
          .join(' '),
      );
      const ranks = (await embed(extractor, queries)).map((vector, target) => rankOf(vector, target));
      const recallAt = (k: number) => ranks.filter((rank) => rank < k).length / ranks.length;
      expect(recallAt(1)).toBeGreaterThanOrEqual(0.95);
      expect(recallAt(5)).toBe(1);
    });
  });

  it('is regenerated byte for byte by the generator', () => {
    const outDir = tempDir();
    for (const file of generateTestModel(outDir)) {
      expect(readFileSync(join(outDir, file)).equals(readFileSync(join(TEST_MODEL_DIR, file))), file).toBe(true);
    }
  });
});

describe('transformers.js model resolution', () => {
  const defaults = { localModelPath: env.localModelPath, cacheDir: env.cacheDir };
  afterAll(() => Object.assign(env, defaults));

  it('resolves a bare id against env.localModelPath', async () => {
    env.localModelPath = dirname(TEST_MODEL_DIR);
    const extractor = await pipeline('feature-extraction', basename(TEST_MODEL_DIR), { dtype: 'fp32' });
    expect((await embed(extractor, ['peace']))[0]).toHaveLength(TEST_MODEL_DIMENSIONS);
    await extractor.dispose();
  });

  // The pipeline() `cache_dir` option is not applied to the files it inspects
  // first (4.3.1), so a Hub cache outside the default must be set on env.cacheDir.
  it('loads a Hub id from env.cacheDir laid out as <cacheDir>/<owner>/<name>/', async () => {
    env.cacheDir = tempDir();
    cpSync(TEST_MODEL_DIR, join(env.cacheDir, 'citebot/test-model'), { recursive: true });
    const extractor = await pipeline('feature-extraction', 'citebot/test-model', { dtype: 'fp32' });
    expect((await embed(extractor, ['peace']))[0]).toHaveLength(TEST_MODEL_DIMENSIONS);
    await extractor.dispose();
  });

  it('fails with ModelFileNotFoundError for a Hub id that is not cached', async () => {
    env.cacheDir = tempDir();
    await expect(pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2')).rejects.toThrow(
      /env\.allowRemoteModels=false` and file was not found locally/,
    );
  });
});

describe('bench model', () => {
  let outDir: string;
  let extractor: FeatureExtractionPipeline;
  beforeAll(async () => {
    outDir = tempDir();
    generateBenchModel(outDir);
    extractor = await loadModel(outDir);
  });
  afterAll(() => extractor.dispose());

  it('embeds a padded batch to finite 384-dimensional unit vectors', async () => {
    const texts = ['Hi.', 'What does Putin want?', readCorpusParagraphs()[0]!];
    const vectors = await embed(extractor, texts);
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(384);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 4);
    }
  });

  it('has a q8 variant in int8 arithmetic whose embeddings stay close to fp32', async () => {
    const graph = readFileSync(join(outDir, QUANTIZED_MODEL_FILE)).toString('latin1');
    expect(graph).toContain('DynamicQuantizeLinear');
    expect(graph).toContain('MatMulInteger');
    const quantized = await pipeline('feature-extraction', outDir, { dtype: 'q8' });
    const texts = ['Hi.', 'What does Putin want?', ...readCorpusParagraphs().slice(0, 3)];
    const [fp32, q8] = [await embed(extractor, texts), await embed(quantized, texts)];
    await quantized.dispose();
    texts.forEach((text, i) => {
      const cosine = dot(fp32[i]!, q8[i]!);
      expect(cosine, text).toBeGreaterThan(0.95);
      // Rounding to int8 must show: identical vectors would mean the fp32 graph ran.
      expect(cosine, text).toBeLessThan(1 - 1e-7);
    });
  });
});

describe('BERT encoder graph', () => {
  it('matches a plain-JS forward pass, padding included', async () => {
    const vocab = buildWordPieceVocab([], ['putin', 'talks', 'trump', 'world']);
    const shape: BertShape = { vocabSize: vocab.length, hiddenSize: 8, layers: 2, heads: 2, intermediateSize: 16 };
    // Large weights make attention peaked, so a wrong head split or mask would show.
    const seeded = seededNormalWeights(7, 0.5);
    const weights = new Map<string, Float32Array>();
    const graph = bertEncoderGraph(shape, (name, dims) => {
      const values = seeded(name, dims);
      weights.set(name, values);
      return values;
    });
    const modelDir = tempDir();
    writeModelDir(modelDir, shape, vocab, modelProto(graph, 'reference-check'));

    const extractor = await loadModel(modelDir);
    const texts = ['world', 'Putin talks with Trump about the world'];
    const inputs = extractor.tokenizer(texts, { padding: true });
    const asNumbers = (tensor: Tensor | undefined) => {
      if (!tensor) throw new Error('tokenizer did not return a BERT input');
      return (tensor.tolist() as bigint[][]).map((row) => row.map(Number));
    };
    const expected = bertForward(shape, weights, {
      inputIds: asNumbers(inputs.input_ids),
      attentionMask: asNumbers(inputs.attention_mask),
      tokenTypeIds: asNumbers(inputs.token_type_ids),
    });
    const actual = (await extractor(texts, { pooling: 'none' })).tolist() as number[][][];
    await extractor.dispose();

    expect(actual.length).toBe(expected.length);
    expected.flat(2).forEach((value, i) => expect(actual.flat(2)[i]).toBeCloseTo(value, 3));
  });
});
