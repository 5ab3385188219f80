import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { DocumentMetadata } from '../document.js';
import { parseHtml } from '../html.js';

export interface ReadableArticle {
  /** A standalone HTML document holding only the article: what is stored in the corpus. */
  readonly html: string;
  /** What the page says about itself (meta tags, byline): the sidecar's starting point. */
  readonly metadata: DocumentMetadata;
}

/** Articles shorter than this are not told apart from navigation pages. */
const MIN_ARTICLE_CHARACTERS = 200;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The readable part of a web page — the article, without menus, ads, sidebars or
 * comments — by Mozilla's Readability (Firefox Reader View) over a linkedom DOM,
 * which runs no scripts. Undefined when the page has no article.
 */
export function readableArticle(pageHtml: string): ReadableArticle | undefined {
  const { document } = parseHTML(pageHtml);
  const own = parseHtml(pageHtml).metadata;
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: MIN_ARTICLE_CHARACTERS }).parse();
  if (!article?.content || (article.textContent ?? '').trim().length < MIN_ARTICLE_CHARACTERS) return undefined;
  const byline = article.byline?.replace(/^\s*by\s+/i, '').trim();
  const title = own.title ?? article.title?.trim();
  const metadata: DocumentMetadata = {
    ...(title ? { title } : {}),
    ...(own.authors ? { authors: own.authors } : byline ? { authors: [byline] } : {}),
    ...((own.publication ?? article.siteName) ? { publication: own.publication ?? article.siteName! } : {}),
    ...((own.date ?? article.publishedTime) ? { date: (own.date ?? article.publishedTime!).replace(/T.*$/, '') } : {}),
  };
  const html = `<!doctype html>
<html${article.lang ? ` lang="${escape(article.lang)}"` : ''}><head><meta charset="utf-8"><title>${escape(title ?? '')}</title></head>
<body><article>
${article.content}
</article></body></html>
`;
  return { html, metadata };
}
