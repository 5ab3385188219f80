import { Parser } from 'htmlparser2';
import type { DocumentMetadata, Paragraph, ParsedSource, Span } from './document.js';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'svg', 'iframe', 'object', 'head']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCKS = new Set([
  'p', 'li', 'blockquote', 'pre', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside',
  'figure', 'figcaption', 'cite', 'td', 'th', 'tr', 'table', 'ul', 'ol', 'dl', 'dt', 'dd', 'br', 'hr', 'body',
  ...HEADINGS,
]);
const CREDITS = new Set(['footer', 'cite', 'figcaption']);
const QUOTATIONS = new Set(['blockquote', 'figure']);

type BlockKind = 'heading' | 'paragraph' | 'credit';

/**
 * HTML markup is not something a reader quotes, so for HTML the stored text is the
 * page's readable text: one block per line pair, whitespace collapsed as a browser
 * would. Spans index into that text. The parser streams with an explicit stack, so
 * deeply nested markup cannot exhaust the call stack.
 */
export function parseHtml(html: string): ParsedSource {
  const builder = new StoredTextBuilder();
  const meta: { title?: string; sourceUrl?: string; date?: string } = {};
  const openTags: string[] = [];
  let skipDepth = 0;
  let quotationDepth = 0;
  let titleText = '';
  let buffer = '';
  let bufferKind: BlockKind = 'paragraph';

  const flush = () => {
    builder.add(buffer, bufferKind);
    buffer = '';
    bufferKind = 'paragraph';
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        openTags.push(name);
        if (SKIPPED.has(name)) skipDepth += 1;
        if (QUOTATIONS.has(name)) quotationDepth += 1;
        if (name === 'link' && attributes.rel === 'canonical' && /^https?:\/\/[^\s/]\S*$/i.test(attributes.href ?? '')) meta.sourceUrl = attributes.href;
        if (name === 'meta' && attributes.name === 'date' && attributes.content) meta.date = attributes.content;
        if (skipDepth > 0) return;
        if (BLOCKS.has(name)) flush();
        if (HEADINGS.has(name)) bufferKind = 'heading';
        else if (CREDITS.has(name) && quotationDepth > 0) bufferKind = 'credit';
      },
      ontext(text) {
        if (openTags.at(-1) === 'title') titleText += text;
        else if (skipDepth === 0) buffer += text;
      },
      onclosetag(name) {
        const index = openTags.lastIndexOf(name);
        if (index === -1) return;
        const closed = openTags.splice(index);
        skipDepth -= closed.filter((tag) => SKIPPED.has(tag)).length;
        quotationDepth -= closed.filter((tag) => QUOTATIONS.has(tag)).length;
        if (skipDepth === 0 && BLOCKS.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();

  const title = collapse(titleText) || builder.firstHeading();
  const metadata: DocumentMetadata = { ...meta, ...(title ? { title } : {}) };
  return { text: builder.text, metadata, paragraphs: builder.paragraphs(title) };
}

function collapse(text: string): string {
  return text.replace(/[ \t\n\f\r]+/g, ' ').trim();
}

class StoredTextBuilder {
  text = '';
  private readonly blocks: { kind: BlockKind; span: Span }[] = [];

  add(raw: string, kind: BlockKind): void {
    const content = collapse(raw);
    if (content === '') return;
    if (this.text.length > 0) this.text += '\n\n';
    this.blocks.push({ kind, span: { start: this.text.length, end: this.text.length + content.length } });
    this.text += content;
  }

  firstHeading(): string | undefined {
    const heading = this.blocks.find((block) => block.kind === 'heading');
    return heading ? this.text.slice(heading.span.start, heading.span.end) : undefined;
  }

  paragraphs(title: string | undefined): Paragraph[] {
    const paragraphs: Paragraph[] = [];
    let section: string | null = null;
    for (const block of this.blocks) {
      const content = this.text.slice(block.span.start, block.span.end);
      if (block.kind === 'heading') {
        if (!(paragraphs.length === 0 && section === null && content === title)) section = content;
        continue;
      }
      const previous = paragraphs.at(-1);
      if (block.kind === 'credit' && previous) {
        paragraphs[paragraphs.length - 1] = { ...previous, attribution: [...previous.attribution, block.span] };
        continue;
      }
      paragraphs.push({ number: paragraphs.length + 1, section, span: block.span, attribution: [] });
    }
    return paragraphs;
  }
}
