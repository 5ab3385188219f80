import { describe, expect, it } from 'vitest';
import type { ParsedSource } from '../../../src/corpus/document.js';
import { decodeText } from '../../../src/corpus/decode.js';
import { parseHtml } from '../../../src/corpus/html.js';
import { parseMarkdown } from '../../../src/corpus/markdown.js';
import { parsePlainText } from '../../../src/corpus/plain-text.js';

const paragraphTexts = (parsed: ParsedSource) => parsed.paragraphs.map((p) => parsed.text.slice(p.span.start, p.span.end));

describe('markdown', () => {
  it('GIVEN a leading H1 and no front matter THEN the H1 is the title, not a section', () => {
    const parsed = parseMarkdown('# The Title\n\nFirst paragraph.\n\n## Part two\n\nSecond paragraph.\n');
    expect(parsed.metadata.title).toBe('The Title');
    expect(parsed.paragraphs.map((p) => p.section)).toEqual([null, 'Part two']);
  });

  it('GIVEN list items and a code block THEN items are paragraphs and code is not', () => {
    const parsed = parseMarkdown('Intro.\n\n- first item\n- second item\n\n```\ncode();\n```\n');
    expect(paragraphTexts(parsed)).toEqual(['Intro.', 'first item', 'second item']);
  });

  it('GIVEN CRLF line endings THEN spans still point at the exact text', () => {
    const parsed = parseMarkdown('---\r\ntitle: T\r\n---\r\n\r\nOne.\r\n\r\nTwo.\r\n');
    expect(parsed.metadata.title).toBe('T');
    expect(paragraphTexts(parsed)).toEqual(['One.', 'Two.']);
  });

  it('GIVEN a source_url in front matter THEN it is kept as metadata', () => {
    expect(parseMarkdown('---\nsource_url: https://example.org/a\n---\n\nText.\n').metadata.sourceUrl).toBe('https://example.org/a');
  });
});

describe('plain text', () => {
  it('GIVEN no blank lines THEN each line is a paragraph and a short unpunctuated line is a heading', () => {
    const parsed = parsePlainText('First para.\nA heading\nSecond para.\n');
    expect(paragraphTexts(parsed)).toEqual(['First para.', 'Second para.']);
    expect(parsed.paragraphs[1]?.section).toBe('A heading');
  });

  it('GIVEN blank-line separated blocks with \\r line endings THEN blocks are paragraphs', () => {
    const parsed = parsePlainText('Line one\rstill one.\r\rParagraph two.');
    expect(paragraphTexts(parsed)).toEqual(['Line one\rstill one.', 'Paragraph two.']);
  });
});

describe('html', () => {
  it('GIVEN markup, entities, scripts and a credited blockquote THEN the stored text is readable and credits attach', () => {
    const html = `<html><head><title>Page &amp; title</title><script>alert(1)</script></head><body>
      <h1>Page &amp; title</h1><p>First <em>para</em>&nbsp;here.</p>
      <h2>Section</h2><blockquote><p>Quoted words.</p><footer>— Someone</footer></blockquote>
      <ul><li>Item one.</li></ul></body></html>`;
    const parsed = parseHtml(html);
    expect(parsed.metadata.title).toBe('Page & title');
    expect(paragraphTexts(parsed)).toEqual(['First para\u00a0here.', 'Quoted words.', 'Item one.']);
    expect(parsed.paragraphs[1]?.section).toBe('Section');
    expect(parsed.paragraphs[1]?.attribution.map((a) => parsed.text.slice(a.start, a.end))).toEqual(['— Someone']);
    expect(parsed.text).not.toMatch(/alert|<em>/);
  });

  it('GIVEN 20,000 nested elements THEN parsing does not overflow the stack', () => {
    // A recursive parser would overflow long before this depth.
    const depth = 20_000;
    const parsed = parseHtml(`${'<div>'.repeat(depth)}<p>Deep text.</p>${'</div>'.repeat(depth)}`);
    expect(paragraphTexts(parsed)).toEqual(['Deep text.']);
  });
});

describe('decodeText', () => {
  it('GIVEN UTF-16 with a BOM THEN it decodes', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from('Hé.', 'utf16le')]);
    expect(decodeText(bytes)).toEqual({ ok: true, value: { text: 'Hé.', invalidSequences: 0 } });
  });

  it('GIVEN Windows-1252 bytes THEN curly quotes come out right', () => {
    expect(decodeText(new Uint8Array([0x93, 0x48, 0x69, 0x94]))).toEqual({ ok: true, value: { text: '“Hi”', invalidSequences: 0 } });
  });

  it('GIVEN UTF-8 text with a few invalid bytes THEN it stays UTF-8, each bad sequence replaced and counted', () => {
    const bytes = Buffer.concat([Buffer.from('Zelensky’s “peace plan” — Kyiv, '), Buffer.from([0x92, 0xff]), Buffer.from(' Köln � ok.')]);
    expect(decodeText(bytes)).toEqual({ ok: true, value: { text: 'Zelensky’s “peace plan” — Kyiv, \uFFFD\uFFFD Köln � ok.', invalidSequences: 2 } });
  });

  it('GIVEN ASCII with one byte that is not UTF-8 THEN it is read as Windows-1252, not damaged UTF-8', () => {
    expect(decodeText(Buffer.from([...Buffer.from('It'), 0x92, ...Buffer.from('s here.')]))).toEqual({ ok: true, value: { text: 'It’s here.', invalidSequences: 0 } });
  });

  it('GIVEN a NUL byte THEN it is binary', () => {
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])).ok).toBe(false);
  });
});
