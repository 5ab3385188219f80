import { looksLikeAttribution } from './attribution.js';
import type { DocumentMetadata, PageRange, Paragraph, Span } from './document.js';

/**
 * heading: gives the section of the paragraphs below it; paragraph: counted and quoted;
 * credit: the attribution of the quotation just before it; note: a footnote, kept
 * apart from the body (after it, in a "Notes" section) so body numbering is unaffected.
 */
export type BlockKind = 'heading' | 'paragraph' | 'credit' | 'note';

const NOTES_SECTION = 'Notes';
const MAX_CREDIT_LINES = 3;

export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\f\r]+/g, ' ').trim();
}

/**
 * For formats whose markup is not something a reader quotes (HTML, PDF, DOCX, EPUB),
 * the stored text is the readable text: one block per line pair, whitespace collapsed.
 * Paragraph spans index into that text.
 */
export class StoredTextBuilder {
  private readonly blocks: { kind: BlockKind; content: string; pages: PageRange | undefined }[] = [];

  add(raw: string, kind: BlockKind, pages?: PageRange): void {
    const content = collapseWhitespace(raw);
    if (content !== '') this.blocks.push({ kind, content, pages });
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  /**
   * A quotation ends: its last lines, when they read like a credit (a name, a role)
   * and are not its only text, become its attribution.
   */
  creditTrailingLines(quotationStart: number): void {
    const count = this.blocks.length - quotationStart;
    for (let lines = Math.min(MAX_CREDIT_LINES, count - 1); lines >= 1; lines -= 1) {
      const tail = this.blocks.slice(this.blocks.length - lines);
      if (tail.every((block) => block.kind === 'paragraph') && looksLikeAttribution(tail.map((block) => block.content))) {
        for (const block of tail) block.kind = 'credit';
        return;
      }
    }
  }

  hasHeadingSince(start: number): boolean {
    return this.blocks.slice(start).some((block) => block.kind === 'heading');
  }

  insertHeading(at: number, text: string): void {
    const content = collapseWhitespace(text);
    if (content !== '') this.blocks.splice(at, 0, { kind: 'heading', content, pages: undefined });
  }

  firstHeading(): string | undefined {
    return this.blocks.find((block) => block.kind === 'heading')?.content;
  }

  /** The stored text, paragraphs and metadata of a document titled by its metadata or else by its first heading. */
  finish(metadata: DocumentMetadata): { text: string; paragraphs: Paragraph[]; metadata: DocumentMetadata } {
    const title = metadata.title ?? this.firstHeading();
    return { ...this.build(title), metadata: title ? { ...metadata, title } : metadata };
  }

  /** The stored text and its paragraphs; a first heading equal to the title names the document, not a section. */
  build(title: string | undefined): { text: string; paragraphs: Paragraph[] } {
    const ordered = [...this.blocks.filter((block) => block.kind !== 'note'), ...this.blocks.filter((block) => block.kind === 'note')];
    let text = '';
    const paragraphs: Paragraph[] = [];
    let section: string | null = null;
    let inNotes = false;
    for (const block of ordered) {
      if (text.length > 0) text += '\n\n';
      const span: Span = { start: text.length, end: text.length + block.content.length };
      text += block.content;
      if (block.kind === 'heading') {
        if (!(paragraphs.length === 0 && section === null && block.content === title)) section = block.content;
        continue;
      }
      const previous = paragraphs.at(-1);
      if (block.kind === 'credit' && previous && !inNotes) {
        paragraphs[paragraphs.length - 1] = { ...previous, attribution: [...previous.attribution, span] };
        continue;
      }
      if (block.kind === 'note') inNotes = true;
      paragraphs.push({
        number: paragraphs.length + 1,
        section: inNotes ? NOTES_SECTION : section,
        span,
        attribution: [],
        ...(block.pages ? { pages: block.pages } : {}),
      });
    }
    return { text, paragraphs };
  }
}
