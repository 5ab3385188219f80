import { Parser } from 'htmlparser2';
import type { DocumentMetadata, ParsedSource } from './document.js';
import { htmlMetaField } from './html-meta.js';
import { type BlockKind, collapseWhitespace, StoredTextBuilder } from './stored-text.js';
import { isHttpUrl } from './front-matter.js';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'svg', 'iframe', 'object', 'head']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCKS = new Set([
  'p', 'li', 'blockquote', 'pre', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside',
  'figure', 'figcaption', 'cite', 'td', 'th', 'tr', 'table', 'ul', 'ol', 'dl', 'dt', 'dd', 'br', 'hr', 'body',
  ...HEADINGS,
]);
const CREDITS = new Set(['footer', 'cite', 'figcaption']);
const QUOTATIONS = new Set(['blockquote', 'figure']);
const MAX_AUTHORS = 50;
/** Footnotes as EPUB (epub:type), DPUB-ARIA (role) and mammoth's DOCX conversion (id) mark them. */
const NOTE_TYPE = /\b(?:foot|end|rear)note\b/;
const NOTE_ID = /^(?:foot|end)note-\d+$/;
const NOTE_LINK_TYPE = /\b(?:noteref|backlink)\b/;

interface OpenTag {
  readonly name: string;
  readonly skip: boolean;
  readonly note: boolean;
  /** For a quotation that is read (not inside skipped markup): the builder's block count when it opened. */
  quotationStart?: number;
}

interface HtmlMeta {
  title?: string;
  sourceUrl?: string;
  date?: string;
  publication?: string;
  authors?: string[];
}

/**
 * HTML markup is not something a reader quotes, so for HTML the stored text is the
 * page's readable text: one block per line pair, whitespace collapsed as a browser
 * would. Spans index into that text.
 */
export function parseHtml(html: string): ParsedSource {
  const builder = new StoredTextBuilder();
  const { meta, titleText } = collectHtmlBlocks(html, builder);
  const title = meta.title ?? (collapseWhitespace(titleText) || builder.firstHeading());
  const { authors, ...rest } = meta;
  const metadata: DocumentMetadata = { ...rest, ...(authors?.length ? { authors } : {}), ...(title ? { title } : {}) };
  return { ...builder.build(title), metadata };
}

/**
 * Adds the readable blocks of one HTML (or XHTML) document to `builder`: several
 * calls make one stored text of many files (EPUB chapters). Footnote markers are
 * left out of the text and footnotes become notes; a quotation's trailing lines
 * that read like a credit become its attribution. The parser streams with an
 * explicit stack, so deeply nested markup cannot exhaust the call stack.
 */
export function collectHtmlBlocks(html: string, builder: StoredTextBuilder): { meta: HtmlMeta; titleText: string } {
  const meta: HtmlMeta = {};
  const openTags: OpenTag[] = [];
  let skipDepth = 0;
  let quotationDepth = 0;
  let noteDepth = 0;
  let titleText = '';
  let buffer = '';
  let bufferKind: BlockKind = 'paragraph';

  const flush = () => {
    builder.add(buffer, noteDepth > 0 && bufferKind !== 'heading' ? 'note' : bufferKind);
    buffer = '';
    bufferKind = 'paragraph';
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const types = `${attributes['epub:type'] ?? ''} ${attributes.role?.replace(/doc-/g, '') ?? ''}`;
        const noteLink = name === 'a' && (attributes.href ?? '').startsWith('#') && (openTags.at(-1)?.name === 'sup' || NOTE_LINK_TYPE.test(types));
        const tag: OpenTag = {
          name,
          skip: SKIPPED.has(name) || noteLink || (name === 'a' && /^#(?:foot|end)note-ref-/.test(attributes.href ?? '')),
          note: NOTE_TYPE.test(types) || NOTE_ID.test(attributes.id ?? ''),
        };
        openTags.push(tag);
        if (tag.skip) skipDepth += 1;
        if (tag.note) noteDepth += 1;
        if (name === 'link' && attributes.rel === 'canonical' && isHttpUrl(attributes.href ?? '')) meta.sourceUrl = attributes.href;
        if (name === 'meta') readMeta(meta, attributes);
        if (skipDepth > 0) return;
        if (BLOCKS.has(name)) flush();
        if (QUOTATIONS.has(name)) {
          quotationDepth += 1;
          tag.quotationStart = builder.blockCount;
        }
        if (HEADINGS.has(name)) bufferKind = 'heading';
        else if (CREDITS.has(name) && quotationDepth > 0) bufferKind = 'credit';
      },
      ontext(text) {
        if (openTags.at(-1)?.name === 'title') titleText += text;
        else if (skipDepth === 0) buffer += text;
      },
      onclosetag(name) {
        let index = openTags.length - 1;
        while (index >= 0 && openTags[index]!.name !== name) index -= 1;
        if (index === -1) return;
        const closed = openTags.splice(index);
        for (const tag of closed) if (tag.skip) skipDepth -= 1;
        if (skipDepth === 0 && BLOCKS.has(name)) flush();
        for (const tag of closed.reverse()) {
          if (tag.note) noteDepth -= 1;
          if (tag.quotationStart === undefined) continue;
          quotationDepth -= 1;
          builder.creditTrailingLines(tag.quotationStart);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { meta, titleText };
}

function readMeta(meta: HtmlMeta, attributes: Record<string, string>): void {
  const field = htmlMetaField(attributes);
  if (!field) return;
  if (field.key !== 'author') {
    meta[field.key] ??= field.value;
    return;
  }
  const authors = (meta.authors ??= []);
  if (authors.length < MAX_AUTHORS && !authors.includes(field.value)) authors.push(field.value);
}
