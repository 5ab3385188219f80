import { stemmer } from 'stemmer';

/** Function words that carry no topic; matching them only adds noise to BM25. */
const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves also may might must shall us one ever according essay essays say says said tell ' +
    // The same words as chat spells them without the apostrophe ("whats", "doesnt").
    'whats thats whos hows wheres theres heres dont doesnt didnt isnt arent wasnt werent cant couldnt shouldnt wouldnt wont ' +
    'havent hasnt hadnt im ive youre theyre cannot'
  ).split(' '),
);

/**
 * Contractions, undone before words are split at apostrophes: otherwise "doesn't"
 * leaves the search term "doesn", "we're" the term "re", and "won't" the word "won"
 * (as in an election), each a word no passage has, which would lower every
 * passage's coverage of the question.
 */
const CONTRACTIONS: readonly [RegExp, string][] = [
  [/\bwon[`´'‘’ʼ]t\b/giu, 'will not'],
  [/\bcan[`´'‘’ʼ]t\b/giu, 'can not'],
  [/\bshan[`´'‘’ʼ]t\b/giu, 'shall not'],
  [/\bain[`´'‘’ʼ]t\b/giu, 'is not'],
  [/\b(\p{L}+)n[`´'‘’ʼ]t\b/giu, '$1 not'],
  [/[`´'‘’ʼ](?:re|ve|ll|d|m)\b/giu, ''],
];

function expandContractions(text: string): string {
  return CONTRACTIONS.reduce((expanded, [pattern, replacement]) => expanded.replace(pattern, replacement), text);
}

/**
 * Splits text into the tokens that become index terms, contractions undone: the
 * keyword index (MiniSearch), term frequencies, coverage and quotes all split the
 * same way, so a word means the same to each of them.
 */
export function splitWords(text: string): string[] {
  return expandContractions(text).split(/[\s\p{P}\p{S}ʼ]+/u);
}

/**
 * Normalises a token for the keyword index and for queries alike: lower case,
 * straight apostrophes, possessives dropped, stopwords removed, Porter stem.
 * Returning null drops the token.
 */
export function keywordTerm(token: string): string | null {
  const word = surfaceWord(token);
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  return /^\d+$/.test(word) ? word : stemmer(word);
}

/** The distinct index terms of a text, in order of first appearance. */
export function keywordTermsOf(text: string): string[] {
  return keywordTokensOf(text).map(({ term }) => term);
}

/** An index term and how much it counts in a query (1 = a word of the question itself). */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** Each distinct term of a text, at full weight. */
export function weightedTermsOf(text: string): WeightedTerm[] {
  return keywordTermsOf(text).map((term) => ({ term, weight: 1 }));
}

/** An index term with the word it was first seen as (lower case): word vectors know words, not stems. */
export interface KeywordToken {
  readonly term: string;
  readonly word: string;
}

/** The distinct index terms of a text with their first surface form, in order of first appearance. */
export function keywordTokensOf(text: string): KeywordToken[] {
  const tokens = new Map<string, KeywordToken>();
  forEachKeywordToken(text, (term, word) => {
    if (!tokens.has(term)) tokens.set(term, { term, word });
  });
  return [...tokens.values()];
}

/** Calls `visit` for every token of a text that is an index term (repeats included), with the word as written. */
export function forEachKeywordToken(text: string, visit: (term: string, word: string) => void): void {
  for (const token of splitWords(text)) {
    const term = keywordTerm(token);
    if (term !== null) visit(term, surfaceWord(token));
  }
}

/** The token as word vectors spell it: lower case, possessive and apostrophes dropped. */
function surfaceWord(token: string): string {
  return token
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}
