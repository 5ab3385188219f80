import type { Blockquote, Heading, Nodes, Parent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { looksLikeAttribution, lineSpans } from './attribution.js';
import type { DocumentMetadata, Paragraph, ParsedSource, Span } from './document.js';
import { readFrontMatter } from './front-matter.js';

/** Markdown is stored as written: paragraph spans point into the file's own text. */
export function parseMarkdown(text: string): ParsedSource {
  const tree: Root = fromMarkdown(text, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  });
  const collector = new ParagraphCollector(text);
  let metadata: DocumentMetadata = {};
  let headingTitle: string | undefined;

  for (const node of tree.children) {
    if (node.type === 'yaml') {
      metadata = readFrontMatter(node.value);
    } else if (node.type === 'heading' && node.depth === 1 && collector.isEmpty() && headingTitle === undefined) {
      // A leading H1 names the document rather than opening a section.
      headingTitle = headingText(node);
    } else {
      collector.visit(node);
    }
  }
  const title = metadata.title ?? headingTitle;
  return { text, metadata: title ? { ...metadata, title } : metadata, paragraphs: collector.paragraphs };
}

function headingText(node: Heading): string {
  return toString(node).trim();
}

function spanOf(node: Nodes): Span | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

class ParagraphCollector {
  readonly paragraphs: Paragraph[] = [];
  private section: string | null = null;

  constructor(private readonly text: string) {}

  isEmpty(): boolean {
    return this.paragraphs.length === 0;
  }

  /** Walks with an explicit stack: deeply nested quotes or lists must not exhaust the call stack. */
  visit(root: Nodes): void {
    const stack: { node: Nodes; credits?: readonly Span[] }[] = [{ node: root }];
    while (stack.length > 0) {
      const { node, credits } = stack.pop()!;
      switch (node.type) {
        case 'heading':
          this.section = headingText(node) || this.section;
          break;
        case 'paragraph':
          this.add(spanOf(node), credits ?? []);
          break;
        case 'blockquote':
          stack.push(...this.quotationChildren(node).reverse());
          break;
        case 'list':
        case 'listItem':
          stack.push(...(node as Parent).children.map((child) => ({ node: child as Nodes })).reverse());
          break;
        default:
          // Code, HTML, tables and rules are not prose a reader would cite by paragraph.
          break;
      }
    }
  }

  /** Trailing credit lines of a quotation become the attribution of the paragraph above them. */
  private quotationChildren(node: Blockquote): { node: Nodes; credits?: readonly Span[] }[] {
    const children = [...node.children];
    const credits: Span[] = [];
    while (children.length > 1) {
      const last = children[children.length - 1];
      const span = last && last.type === 'paragraph' ? spanOf(last) : undefined;
      if (!span) break;
      const lines = lineSpans(this.text, span);
      if (!looksLikeAttribution(lines.map((line) => this.text.slice(line.start, line.end)))) break;
      credits.unshift(...lines);
      children.pop();
    }
    const lastIndex = children.length - 1;
    return children.map((child, index) => (index === lastIndex && child.type === 'paragraph' ? { node: child as Nodes, credits } : { node: child as Nodes }));
  }

  private add(span: Span | undefined, attribution: readonly Span[]): void {
    if (!span) return;
    const raw = this.text.slice(span.start, span.end);
    if (raw.trim() === '') return;
    const trimmed = { start: span.start + raw.length - raw.trimStart().length, end: span.end - (raw.length - raw.trimEnd().length) };
    this.paragraphs.push({ number: this.paragraphs.length + 1, section: this.section, span: trimmed, attribution });
  }
}
