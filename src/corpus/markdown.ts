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

  visit(node: Nodes): void {
    switch (node.type) {
      case 'heading':
        this.section = headingText(node) || this.section;
        return;
      case 'paragraph':
        this.add(spanOf(node), []);
        return;
      case 'blockquote':
        this.visitQuotation(node);
        return;
      case 'list':
      case 'listItem':
        this.visitChildren(node);
        return;
      default:
        // Code, HTML, tables and rules are not prose a reader would cite by paragraph.
        return;
    }
  }

  private visitChildren(node: Parent): void {
    for (const child of node.children) this.visit(child as Nodes);
  }

  /** Trailing credit lines of a quotation become the attribution of the paragraph above them. */
  private visitQuotation(node: Blockquote): void {
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
    children.forEach((child, index) => {
      if (index === lastIndex && child.type === 'paragraph') this.add(spanOf(child), credits);
      else this.visit(child as Nodes);
    });
  }

  private add(span: Span | undefined, attribution: readonly Span[]): void {
    if (!span || this.text.slice(span.start, span.end).trim() === '') return;
    this.paragraphs.push({ number: this.paragraphs.length + 1, section: this.section, span, attribution });
  }
}
