import mammoth from 'mammoth';
import { err, ok, type Result } from '../../core/result.js';
import type { DocumentMetadata, ParsedSource } from '../document.js';
import { collectHtmlBlocks } from '../html.js';
import { StoredTextBuilder } from '../stored-text.js';
import { xmlElements } from './xml-fields.js';
import { readZipEntries, type ZipLimits, type ZipProblem } from './zip-entries.js';

type DocxProblem = ZipProblem | { readonly kind: 'not-docx' };

/** Word's built-in quotation styles, read as block quotes; the title paragraph names the document. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
];

/**
 * A Word document through mammoth: headings (Heading 1–6 styles) give sections,
 * Quote-styled paragraphs are block quotes whose trailing credit lines become their
 * attribution, footnotes and endnotes are kept apart from the body, and images are
 * never read. The archive is checked for zip bombs and forged paths first, because
 * mammoth inflates what it reads without a limit.
 */
export async function parseDocx(bytes: Uint8Array, limits: ZipLimits): Promise<Result<ParsedSource, DocxProblem>> {
  const entries = await readZipEntries(bytes, (name) => /\.(?:xml|rels)$/i.test(name), limits);
  if (!entries.ok) return entries;
  if (!entries.value.has('word/document.xml')) return err({ kind: 'not-docx' });
  let html: string;
  try {
    const converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = converted.value;
  } catch {
    return err({ kind: 'not-docx' });
  }
  const builder = new StoredTextBuilder();
  collectHtmlBlocks(html, builder);
  const metadata = coreProperties(entries.value.get('docProps/core.xml')?.toString('utf8'));
  return ok(builder.finish(metadata));
}

/** docProps/core.xml: dc:title and dc:creator (people separated by ";"). Its dates are the file's, not the work's. */
function coreProperties(xml: string | undefined): DocumentMetadata {
  if (!xml) return {};
  const fields = xmlElements(xml, new Set(['dc:title', 'dc:creator']));
  const title = fields.find((field) => field.name === 'dc:title')?.text;
  const authors = fields
    .filter((field) => field.name === 'dc:creator')
    .flatMap((field) => field.text.split(/\s*;\s*/))
    .filter(Boolean);
  return { ...(title ? { title } : {}), ...(authors.length > 0 ? { authors } : {}) };
}
