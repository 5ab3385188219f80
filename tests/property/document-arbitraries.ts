import fc from 'fast-check';
import { invisible, loneSurrogate } from './hostile-arbitraries.js';

const WORDS = ['Putin', 'Kremlin', 'envoy', 'talks', 'U.S.', 'Mr.', 'e.g.', 'sanctions', 'ceasefire', '2014', 'Ukraine’s', 'naïve', 'Zürich', 'Москва', '北京', 'مرحبا', '😀', 'x'];

const word = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 6 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), weight: 1 },
  { arbitrary: invisible, weight: 1 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.constantFrom('&amp;', '&nbsp;', '&#0;', '&#xD800;', '&#x110000;', '&bogus;', '&lt;p&gt;', '\u00a0', '\t', '\u0000', '\u0007'), weight: 1 },
);

/** A run of words, sometimes ending like a sentence. */
export const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 14 }), fc.constantFrom('.', '?', '!', '…', ':', '', '', '”', '.)'))
  .map(([words, end]) => words.join(' ') + end);

/** A very long line (a 5,000-character heading, a paragraph without a break). */
const wall = fc.tuple(sentence, fc.integer({ min: 0, max: 6_000 })).map(([text, length]) => `${text} `.repeat(Math.ceil(length / (text.length + 1))).slice(0, Math.max(length, 1)));

/** Sentences, sometimes with whitespace left at the end of the line. */
const prose = fc
  .tuple(
    fc.oneof({ arbitrary: fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')), weight: 8 }, { arbitrary: wall, weight: 1 }),
    fc.constantFrom('', '', '', '', ' ', '  ', '\t', '\u00a0'),
  )
  .map(([text, trailing]) => text + trailing);

const junkYaml = fc.oneof(
  fc.constantFrom(
    'title: [unclosed', 'title: *alias', 'a: &a [*a, *a]', 'title: 123', 'title: ""', 'title: "   "', 'date: 2024-02-30', 'date: 2025-01-01',
    'source_url: javascript:alert(1)', 'source_url: https://example.com/essay', 'source_url: [https://x]', '%YAML 1.2', '!!binary xyz', '? complex',
    ': :', '- - -', 'title: |\n  multi\n  line', '\ttitle: tab', 'title: @everyone', '---', '...',
  ),
  prose.map((text) => `title: ${text}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const frontMatter = fc.array(junkYaml, { maxLength: 5 }).map((lines) => ['---', ...lines, '---'].join('\n'));

/** One markdown block, possibly spanning lines (always with "\n" here; line endings are varied afterwards). */
const markdownBlock = fc.oneof(
  { arbitrary: prose, weight: 8 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), prose).map(([level, text]) => `${'#'.repeat(level)} ${text}`), weight: 3 },
  { arbitrary: fc.tuple(prose, fc.constantFrom('===', '---')).map(([text, rule]) => `${text}\n${rule}`), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.array(prose, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom('— Thomas Graham', 'Thomas Graham', 'Former senior director, NSC', '– a source', '-'), { maxLength: 3 }))
      .map(([depth, paragraphs, credits]) => {
        const marker = `${'>'.repeat(depth)} `;
        const body = paragraphs.map((text) => marker + text.split('\n').join(`\n${marker}`)).join(`\n${marker.trimEnd()}\n`);
        return credits.length > 0 ? `${body}\n${marker.trimEnd()}\n${credits.map((line) => marker + line).join('\n')}` : body;
      }),
    weight: 3,
  },
  { arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '1. ', '  - ', '+ ', '10) '), fc.array(prose, { minLength: 1, maxLength: 3 })).map(([marker, items]) => items.map((item) => marker + item).join('\n')), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '```js', '````'), prose, fc.boolean()).map(([fence, code, closed]) => `${fence}\n${code}${closed ? `\n${fence.slice(0, 3)}` : ''}`), weight: 2 },
  { arbitrary: fc.constantFrom('***', '---', '| a | b |\n|---|---|\n| 1 | 2 |', '<div>', '</div>', '<!-- comment -->', '<!--', '[ref]: https://example.com', '    indented code', '\\', '*', '**', '_', '[', ']('), weight: 2 },
  { arbitrary: fc.constantFrom('', ' ', '\t', '\u00a0', '  \t  ', '>'), weight: 2 },
);

/** Markdown-ish text: optional (junk) front matter, then blocks separated by one or two line breaks. */
export const markdownText = fc
  .tuple(fc.option(frontMatter, { nil: undefined }), fc.array(fc.tuple(markdownBlock, fc.constantFrom('\n\n', '\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 14 }))
  .map(([front, blocks]) => (front ? `${front}\n` : '') + blocks.map(([block, gap]) => block + gap).join(''));

const TAGS = ['p', 'div', 'blockquote', 'figure', 'figcaption', 'cite', 'footer', 'h1', 'h2', 'h3', 'h6', 'script', 'style', 'svg', 'title', 'li', 'ul', 'pre', 'span', 'a', 'section', 'template', 'head', 'body', 'table', 'td', 'tr', 'em', 'b'];
const attribute = fc.constantFrom('', ' class="x"', ' href="javascript:alert(1)"', ' "\'=', ' data-x=\'<p>\'', ' style="display:none"', ' a=b c');

const htmlPiece = fc.oneof(
  { arbitrary: prose, weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom(...TAGS), attribute).map(([tag, attrs]) => `<${tag}${attrs}>`), weight: 5 },
  { arbitrary: fc.constantFrom(...TAGS).map((tag) => `</${tag}>`), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('p', 'li', 'blockquote', 'h2', 'figcaption'), prose).map(([tag, text]) => `<${tag}>${text}</${tag}>`), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '<br>', '<hr/>', '<br/>', '<!-- c -->', '<!--', '-->', '<![CDATA[x]]>', '<!DOCTYPE html>', '<', '>', '</', '<?xml version="1.0"?>', '<p', '<<p>>',
      '<meta name="date" content="2024-01-01">', '<link rel="canonical" href="https://example.com/a">', '<link rel="canonical" href="javascript:x">',
      '<title></title>', '<title>&nbsp;</title>', '<p>&nbsp;</p>', '<blockquote><p>Quoted.</p><footer>— Someone</footer></blockquote>', '<figure><figcaption>Credit</figcaption></figure>',
    ),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(' ', '\n', '\r\n', '\t', '\u00a0'), weight: 2 },
);

/** HTML-ish text: tags open, closed, stray and unclosed, entities, comments. */
export const htmlText = fc.array(htmlPiece, { minLength: 1, maxLength: 40 }).map((pieces) => pieces.join(''));

/** Plain text: headings, paragraphs, blank and whitespace-only lines. */
export const plainText = fc
  .array(fc.tuple(fc.oneof({ arbitrary: prose, weight: 6 }, { arbitrary: fc.constantFrom('', ' ', '\t', '   \t'), weight: 1 }), fc.constantFrom('\n', '\n\n', '\n \n', '\n\t\n\n')), { minLength: 1, maxLength: 14 })
  .map((lines) => lines.map(([line, gap]) => line + gap).join(''));

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed';

/** Rewrites every "\n" of `text` as the chosen line ending (for "mixed", a different one per line, decided by `choices`). */
export function withLineEndings(text: string, ending: LineEnding, choices: readonly number[] = []): string {
  if (ending === 'lf') return text;
  if (ending === 'crlf') return text.replace(/\n/g, '\r\n');
  if (ending === 'cr') return text.replace(/\n/g, '\r');
  let i = 0;
  let previous = '';
  return text.replace(/\n/g, () => {
    let chosen = ['\n', '\r\n', '\r'][(choices[i++ % Math.max(1, choices.length)] ?? 0) % 3]!;
    // "\r" then "\n" would read as one CRLF line ending, not two.
    if (previous === '\r' && chosen === '\n') chosen = '\r\n';
    previous = chosen;
    return chosen;
  });
}

export const lineEnding = fc.constantFrom<LineEnding>('lf', 'crlf', 'cr', 'mixed');

/** Windows-1252's characters for bytes 0x80–0x9F (undefined bytes map to themselves). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Encodes `text` as Windows-1252; characters it lacks become "?". */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const high = CP1252_HIGH.indexOf(char);
    return high >= 0 ? 0x80 + high : 0x3f;
  });
}

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'windows-1252' | 'invalid-utf8';

export function encode(text: string, encoding: Encoding, junk: readonly number[] = []): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'windows-1252':
      return windows1252(text);
    case 'invalid-utf8': {
      // Bytes that are never valid UTF-8 where they land: a lone continuation, an overlong, an encoded surrogate, 0xFF.
      const bad = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xc3, 0x28]];
      const utf8 = Buffer.from(text, 'utf8');
      const parts: Buffer[] = [];
      let at = 0;
      for (const [i, value] of junk.entries()) {
        const cut = Math.min(utf8.length, at + (value % 64));
        parts.push(utf8.subarray(at, cut), Buffer.from(bad[(value + i) % bad.length]!));
        at = cut;
      }
      parts.push(utf8.subarray(at), Buffer.from(bad[junk.length % bad.length]!));
      return Buffer.concat(parts);
    }
  }
}

export const encoding = fc.constantFrom<Encoding>('utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'windows-1252', 'invalid-utf8');
