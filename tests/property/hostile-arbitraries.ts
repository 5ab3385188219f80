import fc from 'fast-check';

/** Words the essays use, so some hostile questions are still answerable and reach the quoting and rendering paths. */
const ESSAY_WORDS = [
  'Putin', 'Witkoff', 'Trump', 'Kremlin', 'Hegseth', '2014 borders', 'Ukraine', 'NATO', 'sanctions', 'tariff', 'India',
  'Thomas Graham', 'Dmitriev', 'Abramovich', 'phone call', 'ceasefire', 'Moscow', 'What does Russia want?', 'U.S.', 'talks',
];

const snowflake = fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }).map(String);

/** Zero-width characters, joiners, the BOM, soft hyphen and every bidi control. */
export const INVISIBLES = [
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\u2061', '\u2064', '\ufeff', '\u00ad',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c',
];

export const invisible = fc.constantFrom(...INVISIBLES);

export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

export const mention = fc.oneof(
  fc.constantFrom('@everyone', '@here', '＠everyone', '@\u200beveryone'),
  snowflake.map((id) => `<@${id}>`),
  snowflake.map((id) => `<@!${id}>`),
  snowflake.map((id) => `<@&${id}>`),
  snowflake.map((id) => `<#${id}>`),
  snowflake.map((id) => `<:pepe:${id}>`),
  snowflake.map((id) => `<a:dance:${id}>`),
  fc.integer({ min: -1e10, max: 1e10 }).map((t) => `<t:${t}:R>`),
);

export const link = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.domain().map((domain) => `www.${domain}`),
  fc.webUrl().map((url) => `<${url}>`),
  fc.tuple(fc.string({ maxLength: 10 }), fc.webUrl()).map(([text, url]) => `[${text}](${url})`),
  fc.webUrl().map((url) => url.toUpperCase()),
);

export const markdown = fc.constantFrom(
  '**', '__', '*', '_', '~~', '||', '`', '```', '```js\nconst x = 1;\n```', '```\n@everyone\n```', '> ', '>>> ', '# ', '## ',
  '-# ', '- ', '1. ', '[', ']', '](', ')', '\\', '<', '>', '#', '|', '~',
);

export const whitespace = fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\r\n', '\r', '\u00a0', '\u3000', '\u2028', '\u2029', '\u0085');

const word = fc.oneof(
  fc.constantFrom(...ESSAY_WORDS),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);

/** One piece of a hostile message. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: word, weight: 6 },
  { arbitrary: whitespace, weight: 4 },
  { arbitrary: mention, weight: 3 },
  { arbitrary: link, weight: 2 },
  { arbitrary: markdown, weight: 3 },
  { arbitrary: invisible, weight: 3 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }), weight: 1 },
  // Markup glued to a word, so `\b`-style boundaries are exercised.
  { arbitrary: fc.tuple(fc.constantFrom('_', '*', '~', '|', 'x', '1', ''), fc.oneof(mention, link), fc.constantFrom('_', '*', '', 'x', '.')).map((parts) => parts.join('')), weight: 2 },
);

/** A hostile message of a few dozen pieces. */
export const hostileText = (maxPieces = 30): fc.Arbitrary<string> => fc.array(fragment, { maxLength: maxPieces }).map((parts) => parts.join(''));

/** The same piece repeated to `length` code units (mass mentions, walls of text). */
export const repeatedTo = (length: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(fragment, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '', '\n'))
    .map(([parts, glue]) => {
      const unit = parts.join('') + glue;
      return unit.length === 0 ? 'x'.repeat(length) : unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    });

/** Every kind of hostile question the tests send. */
export const hostileQuestion = (options: { longLength: number }): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: hostileText(), weight: 10 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }), weight: 2 },
    { arbitrary: fc.string({ unit: fc.oneof(invisible, whitespace, loneSurrogate), maxLength: 40 }), weight: 1 },
    { arbitrary: repeatedTo(options.longLength), weight: 2 },
    { arbitrary: fc.constantFrom(...['@everyone ', '@here ', '<@123456789012345678> ', '<@&987654321098765432> ', '<#111111111111111111> '].map((m) => m.repeat(300))), weight: 1 },
  );

/** A real question about the essays with hostile pieces spliced in, so it is often still answered. */
export const seasonedQuestion: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'What did Hegseth say about the 2014 borders?',
      'Who is Thomas Graham?',
      'What does the Kremlin want?',
      'tariff on India',
      'How long did Trump and Putin talk on the phone?',
      'Who are Kirill Dmitriev, Abramovich and Voloshin?',
    ),
    fc.array(fc.tuple(fc.oneof(mention, invisible, loneSurrogate, link, markdown), fc.nat()), { maxLength: 6 }),
  )
  .map(([question, noise]) =>
    noise.reduce<string>((text, [piece, at]) => {
      const cut = at % (text.length + 1);
      return text.slice(0, cut) + piece + text.slice(cut);
    }, question),
  );
