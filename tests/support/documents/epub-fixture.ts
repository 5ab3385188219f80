import yazl from 'yazl';
import type { Essay, EssayBlock } from './essay-model.js';

export interface EpubFixtureOptions {
  readonly creator?: string;
  readonly publisher?: string;
  readonly date?: string;
  /** Extra archive entries, by name (a forged "../" name, an oversized chapter…). */
  readonly extraEntries?: Readonly<Record<string, Buffer | string>>;
  /** A spine item whose href climbs out of the archive. */
  readonly traversalHref?: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An essay as an EPUB 3: one chapter per section (the sections of the essay, the
 * opening paragraphs as chapter 1), listed in the spine in reading order but in the
 * manifest in reverse, so reading the manifest order would be wrong.
 */
export async function essayEpub(essay: Essay, options: EpubFixtureOptions = {}): Promise<Buffer> {
  const chapters: { title: string; blocks: EssayBlock[] }[] = [{ title: essay.title, blocks: [] }];
  for (const block of essay.blocks) {
    if (block.kind === 'heading') chapters.push({ title: block.text, blocks: [block] });
    else chapters.at(-1)!.blocks.push(block);
  }
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { compress: false });
  zip.addBuffer(
    Buffer.from(`<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`),
    'META-INF/container.xml',
  );
  const items = chapters.map((_, index) => `<item id="c${index + 1}" href="text/chapter-${index + 1}.xhtml" media-type="application/xhtml+xml"/>`).reverse();
  const spine = chapters.map((_, index) => `<itemref idref="c${index + 1}"/>`);
  if (options.traversalHref) {
    items.push(`<item id="evil" href="${escape(options.traversalHref)}" media-type="application/xhtml+xml"/>`);
    spine.push('<itemref idref="evil"/>');
  }
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:00000000-0000-4000-8000-000000000000</dc:identifier>
<dc:title>${escape(essay.title)}</dc:title>
${options.creator ? `<dc:creator>${escape(options.creator)}</dc:creator>` : ''}
${options.publisher ? `<dc:publisher>${escape(options.publisher)}</dc:publisher>` : ''}
${options.date ? `<dc:date>${escape(options.date)}</dc:date>` : ''}
<dc:language>en</dc:language>
</metadata>
<manifest>${items.join('')}<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest>
<spine>${spine.join('')}</spine>
</package>`;
  zip.addBuffer(Buffer.from(opf), 'OEBPS/content.opf');
  zip.addBuffer(Buffer.from(xhtml('Contents', `<nav epub:type="toc"><ol>${chapters.map((c, i) => `<li><a href="text/chapter-${i + 1}.xhtml">${escape(c.title)}</a></li>`).join('')}</ol></nav>`)), 'OEBPS/nav.xhtml');
  chapters.forEach((chapter, index) => {
    const body = chapter.blocks
      .map((block) => {
        if (block.kind === 'heading') return `<h2>${escape(block.text)}</h2>`;
        if (block.attribution.length === 0) return `<p>${escape(block.text)}</p>`;
        return `<blockquote><p>${escape(block.text)}</p>${block.attribution.map((line) => `<p>${escape(line)}</p>`).join('')}</blockquote>`;
      })
      .join('\n');
    zip.addBuffer(Buffer.from(xhtml(chapter.title, index === 0 ? `<h1>${escape(essay.title)}</h1>\n${body}` : body)), `OEBPS/text/chapter-${index + 1}.xhtml`);
  });
  for (const [name, data] of Object.entries(options.extraEntries ?? {})) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function xhtml(title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${escape(title)}</title></head>
<body>${body}</body></html>`;
}
