// A BERT-style WordPiece vocabulary and the Hugging Face tokenizer files that
// describe it (tokenizer.json in the `tokenizers` format, tokenizer_config.json).
// transformers.js reads only these two; special_tokens_map.json is not needed.

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const [PAD, UNK, CLS, SEP, MASK] = SPECIAL_TOKENS;
const SUBWORD_PREFIX = '##';
export const MODEL_MAX_LENGTH = 512;

// Uppercase letters are left out: the normalizer lowercases before WordPiece runs.
const ASCII_CHARACTERS = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i)).filter(
  (char) => !/[A-Z]/.test(char),
);
// Typography that questions pasted from documents tend to carry.
const TYPOGRAPHIC_CHARACTERS = ['‘', '’', '“', '”', '–', '—', '…', '«', '»', '•'];

export function isSubwordPiece(token: string): boolean {
  return token.startsWith(SUBWORD_PREFIX);
}

/**
 * Special tokens, then every character bare and as a `##` continuation (so any
 * word made of known characters tokenizes without [UNK]), then whole words.
 * `padToSize` appends `[unused#]` entries, as BERT checkpoints do, to reach a fixed vocab size.
 */
export function buildWordPieceVocab(
  characters: Iterable<string>,
  words: Iterable<string>,
  padToSize = 0,
): string[] {
  const chars = [...new Set([...ASCII_CHARACTERS, ...TYPOGRAPHIC_CHARACTERS, ...characters])].sort();
  const vocab: string[] = [...SPECIAL_TOKENS, ...chars, ...chars.map((char) => SUBWORD_PREFIX + char)];
  const known = new Set(vocab);
  vocab.push(...[...new Set(words)].filter((word) => !known.has(word)).sort());
  if (padToSize > 0 && vocab.length > padToSize) {
    throw new Error(`vocabulary has ${vocab.length} tokens, more than the requested ${padToSize}`);
  }
  for (let unused = 0; vocab.length < padToSize; unused++) vocab.push(`[unused${unused}]`);
  return vocab;
}

export function tokenizerJson(vocab: readonly string[]): object {
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const idOf = (token: string): number => {
    const id = ids.get(token);
    if (id === undefined) throw new Error(`${token} missing from vocabulary`);
    return id;
  };
  const special = (token: string, typeId: number) => ({ SpecialToken: { id: token, type_id: typeId } });
  const sequence = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: idOf(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special(CLS, 0), sequence('A', 0), special(SEP, 0)],
      pair: [special(CLS, 0), sequence('A', 0), special(SEP, 0), sequence('B', 1), special(SEP, 1)],
      special_tokens: Object.fromEntries(
        [CLS, SEP].map((token) => [token, { id: token, ids: [idOf(token)], tokens: [token] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: SUBWORD_PREFIX, cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: UNK,
      continuing_subword_prefix: SUBWORD_PREFIX,
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(ids),
    },
  };
}

export function tokenizerConfigJson(): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    do_basic_tokenize: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    clean_up_tokenization_spaces: true,
    model_max_length: MODEL_MAX_LENGTH,
    cls_token: CLS,
    sep_token: SEP,
    pad_token: PAD,
    unk_token: UNK,
    mask_token: MASK,
  };
}
