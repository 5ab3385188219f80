/** A half-open range [start, end) of UTF-16 code units in a document's stored text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx' | 'epub';

/** The printed pages a paragraph sits on, as the document labels them ("12", "xiv"). */
export interface PageRange {
  readonly first: string;
  readonly last: string;
}

/** A paragraph as a reader counts it: headings are not paragraphs; a quotation's credit line belongs to it. */
export interface Paragraph {
  /** 1-based position among the document's paragraphs. */
  readonly number: number;
  /** Nearest heading above the paragraph, if any. */
  readonly section: string | null;
  readonly span: Span;
  /** Lines crediting a quotation (speaker, role); empty for ordinary paragraphs. */
  readonly attribution: readonly Span[];
  /** Only for paged documents (PDF). */
  readonly pages?: PageRange;
}

/** What a citation is made of. Every field is optional: a missing one is left out, never invented. */
export interface DocumentMetadata {
  readonly title?: string;
  /** People, as written ("Tatiana Stanovaya" or "Stanovaya, Tatiana"). */
  readonly authors?: readonly string[];
  /** The journal, site or publisher the document appeared in. */
  readonly publication?: string;
  readonly sourceUrl?: string;
  readonly date?: string;
  /** When a web page was fetched (YYYY-MM-DD): "accessed" in citations. */
  readonly retrieved?: string;
}

/** What a format parser makes of a file: the text citebot stores and quotes, and its paragraphs. */
export interface ParsedSource {
  readonly text: string;
  readonly metadata: DocumentMetadata;
  readonly paragraphs: readonly Paragraph[];
}

export interface SourceDocument {
  /** Slug from the file name; the `<doc>` part of a `<doc>#p<N>` reference. */
  readonly id: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly publication: string | null;
  readonly sourceUrl: string | null;
  readonly date: string | null;
  readonly retrieved: string | null;
  /** Path relative to the corpus folder, with forward slashes. */
  readonly path: string;
  readonly format: DocumentFormat;
  /** The stored source text: every span of this document indexes into it. */
  readonly text: string;
  /** Content hash of `text`; reindexing skips documents whose hash is unchanged. */
  readonly hash: string;
  readonly paragraphs: readonly Paragraph[];
}

/** The unit that is embedded: a whole paragraph, or one part of a paragraph too long for the model. */
export interface Chunk {
  readonly docId: string;
  readonly paragraph: number;
  /** 1-based part index; 1 of 1 for a paragraph that fits the model's window. */
  readonly part: number;
  readonly parts: number;
  readonly span: Span;
}

export function sliceSpan(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

export function paragraphRef(docId: string, paragraph: number): string {
  return `${docId}#p${paragraph}`;
}
