// Mirrors what the tokenizer.json we write does to text before WordPiece
// (BertNormalizer + BertPreTokenizer as implemented by @huggingface/tokenizers),
// so the vocabulary is built from exactly the pieces the model will be fed.

// BertPreTokenizer's punctuation: Unicode P plus every ASCII non-alphanumeric symbol.
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const IS_PUNCTUATION = new RegExp(`^[${PUNCTUATION}]$`, 'u');

// Tab, newline and carriage return count as whitespace, not control characters.
const CONTROL = /^(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;

function isChineseChar(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x20000 && codePoint <= 0x2a6df) ||
    (codePoint >= 0x2a700 && codePoint <= 0x2b73f) ||
    (codePoint >= 0x2b740 && codePoint <= 0x2b81f) ||
    (codePoint >= 0x2b820 && codePoint <= 0x2ceaf) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x2f800 && codePoint <= 0x2fa1f)
  );
}

// lowercase: true with strip_accents: null means accents are stripped too, so
// "é" reaches the model as "e".
export function bertNormalize(text: string): string {
  let cleaned = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint === 0 || codePoint === 0xfffd || CONTROL.test(char)) continue;
    if (/^\s$/u.test(char)) cleaned += ' ';
    else if (isChineseChar(codePoint)) cleaned += ` ${char} `;
    else cleaned += char;
  }
  return cleaned.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

export function bertPreTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKEN) ?? [];
}

export function bertWords(text: string): string[] {
  return bertPreTokenize(bertNormalize(text));
}

export function isPunctuation(char: string): boolean {
  return IS_PUNCTUATION.test(char);
}
