import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Essay } from './essay-model.js';

export interface DocxFixtureOptions {
  readonly creator?: string;
  /** A footnote whose marker follows the first paragraph. */
  readonly footnote?: string;
}

/**
 * An essay as Word writes it (through the docx library): a Title paragraph,
 * Heading 2 sections, Normal paragraphs, the quotation in Word's built-in Quote
 * style with its credit lines after it, a footnote, and core properties.
 */
export async function essayDocx(essay: Essay, options: DocxFixtureOptions = {}): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ text: essay.title, heading: HeadingLevel.TITLE })];
  let first = true;
  for (const block of essay.blocks) {
    if (block.kind === 'heading') {
      children.push(new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 }));
      continue;
    }
    const quote = block.attribution.length > 0;
    const runs = [new TextRun(block.text), ...(first && options.footnote ? [new FootnoteReferenceRun(1)] : [])];
    children.push(new Paragraph({ children: runs, ...(quote ? { style: 'Quote' } : {}) }));
    for (const credit of block.attribution) children.push(new Paragraph({ text: credit, style: 'Quote' }));
    first = false;
  }
  const document = new Document({
    title: essay.title,
    ...(options.creator ? { creator: options.creator } : {}),
    styles: { paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true }, paragraph: { indent: { left: 720 } } }] },
    ...(options.footnote ? { footnotes: { 1: { children: [new Paragraph(options.footnote)] } } } : {}),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
