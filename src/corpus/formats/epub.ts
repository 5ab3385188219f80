import path from 'node:path';
import { err, ok, type Result } from '../../core/result.js';
import type { DocumentMetadata, ParsedSource } from '../document.js';
import { collectHtmlBlocks } from '../html.js';
import { collapseWhitespace, StoredTextBuilder } from '../stored-text.js';
import { xmlElements } from './xml-fields.js';
import { readZipEntries, type ZipLimits, type ZipProblem } from './zip-entries.js';

type EpubProblem = ZipProblem | { readonly kind: 'not-epub'; readonly reason: string };

const CHAPTER_TYPES = new Set(['application/xhtml+xml', 'text/html']);

/**
 * An EPUB (2 or 3): the package document's spine gives the chapters in reading
 * order, each read like an HTML page, so chapter headings become sections (a
 * chapter without a heading is headed by its <title>). Metadata comes from the OPF
 * (dc:title, dc:creator, dc:publisher, dc:date). A manifest reference that leaves
 * the archive is refused like a forged entry name.
 */
export async function parseEpub(bytes: Uint8Array, limits: ZipLimits): Promise<Result<ParsedSource, EpubProblem>> {
  const entries = await readZipEntries(bytes, (name) => /\.(?:xml|opf|xhtml|html?|ncx)$/i.test(name), limits);
  if (!entries.ok) return entries;
  const files = entries.value;
  const container = files.get('META-INF/container.xml')?.toString('utf8');
  const rootPath = container && xmlElements(container, new Set(['rootfile']))[0]?.attributes['full-path'];
  if (!rootPath) return err({ kind: 'not-epub', reason: 'no META-INF/container.xml naming a package document' });
  const opf = files.get(rootPath)?.toString('utf8');
  if (!opf) return err({ kind: 'not-epub', reason: `the package document ${rootPath} is missing` });

  const elements = xmlElements(opf, new Set(['item', 'itemref', 'dc:title', 'dc:creator', 'dc:publisher', 'dc:date']));
  const hrefs = new Map<string, { href: string; type: string }>();
  for (const item of elements.filter((element) => element.name === 'item')) {
    const { id, href } = item.attributes;
    if (id && href) hrefs.set(id, { href, type: item.attributes['media-type'] ?? '' });
  }
  const builder = new StoredTextBuilder();
  const metadata = packageMetadata(elements);
  for (const itemref of elements.filter((element) => element.name === 'itemref')) {
    const item = hrefs.get(itemref.attributes.idref ?? '');
    if (!item || !CHAPTER_TYPES.has(item.type)) continue;
    const resolved = resolveHref(rootPath, item.href);
    if (!resolved) return err({ kind: 'unsafe-path', name: item.href.slice(0, 200) });
    const chapter = files.get(resolved);
    if (!chapter) continue;
    const start = builder.blockCount;
    const { titleText } = collectHtmlBlocks(chapter.toString('utf8'), builder);
    const heading = collapseWhitespace(titleText);
    if (!builder.hasHeadingSince(start) && heading && heading !== metadata.title) builder.insertHeading(start, heading);
  }
  return ok(builder.finish(metadata));
}

/** An href of the package document as an archive path, or undefined when it climbs out of the archive. */
function resolveHref(rootPath: string, href: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(href.split('#')[0] ?? '');
  } catch {
    return undefined;
  }
  if (decoded.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(decoded)) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(rootPath), decoded));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}

function packageMetadata(elements: readonly { name: string; text: string }[]): DocumentMetadata {
  const first = (name: string) => elements.find((element) => element.name === name && element.text !== '')?.text.slice(0, 500);
  const authors = elements.filter((element) => element.name === 'dc:creator' && element.text !== '').map((element) => element.text.slice(0, 500));
  const title = first('dc:title');
  const publication = first('dc:publisher');
  const date = first('dc:date')?.replace(/T.*$/, '');
  return {
    ...(title ? { title } : {}),
    ...(authors.length > 0 ? { authors: authors.slice(0, 50) } : {}),
    ...(publication ? { publication } : {}),
    ...(date ? { date } : {}),
  };
}
