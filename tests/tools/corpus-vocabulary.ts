// The vocabulary both generated models share, and the IDF weights the test
// model's embedding table is scaled by.
import { bertWords } from './bert-text.js';
import { readCorpusParagraphs } from './corpus.js';
import { QUESTION_WORDS, STOPWORDS } from './english-words.js';
import { buildWordPieceVocab } from './wordpiece.js';

export interface CorpusVocabulary {
  vocab: string[];
  /** Smoothed IDF of every word seen in the corpus. */
  idf: ReadonlyMap<string, number>;
  /** The IDF of a word seen in one paragraph: the weight given to words the corpus lacks. */
  maxIdf: number;
}

/** `padToSize` fills the vocabulary up to a fixed size with `[unused#]` tokens. */
export function corpusVocabulary(padToSize = 0): CorpusVocabulary {
  const paragraphs = readCorpusParagraphs();
  const paragraphWords = paragraphs.map(bertWords);

  const documentFrequency = new Map<string, number>();
  for (const words of paragraphWords) {
    for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  // Smoothed as in scikit-learn: ln((1 + N) / (1 + df)) + 1 stays positive for words in every paragraph.
  const paragraphCount = paragraphs.length;
  const smoothedIdf = (df: number) => Math.log((1 + paragraphCount) / (1 + df)) + 1;
  const idf = new Map([...documentFrequency].map(([word, df]) => [word, smoothedIdf(df)]));

  const corpusWords = [...documentFrequency.keys()];
  // Taken after normalisation: accents are already stripped (é reaches WordPiece
  // as e), while curly quotes, dashes and ellipses remain and need tokens.
  const characters = corpusWords.flatMap((word) => [...word]);
  const vocab = buildWordPieceVocab(characters, [...corpusWords, ...QUESTION_WORDS, ...STOPWORDS], padToSize);
  return { vocab, idf, maxIdf: smoothedIdf(1) };
}
