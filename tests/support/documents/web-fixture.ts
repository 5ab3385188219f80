import type { Essay } from './essay-model.js';

export interface WebFixtureOptions {
  readonly author?: string;
  readonly site?: string;
  readonly date?: string;
}

/** Text that sits on the page around the article and must not end up in the corpus. */
export const PAGE_CLUTTER = [
  'Subscribe to our newsletter',
  'Sponsored: Buy cheap flights to Vienna today',
  'Most popular this week',
  'Ivan from Omsk commented: I disagree with all of this',
  'Cookie settings and privacy policy',
];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An essay as a news site serves it: menus, an ad slot, a sidebar, a comment
 * thread and a footer around an <article> with a byline and meta tags.
 */
export function essayPage(essay: Essay, options: WebFixtureOptions = {}): string {
  const body = essay.blocks
    .map((block) => {
      if (block.kind === 'heading') return `<h2>${escape(block.text)}</h2>`;
      if (block.attribution.length === 0) return `<p>${escape(block.text)}</p>`;
      return `<blockquote><p>${escape(block.text)}</p>${block.attribution.map((line) => `<p>${escape(line)}</p>`).join('')}</blockquote>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escape(essay.title)} | ${escape(options.site ?? 'News')}</title>
${options.author ? `<meta name="author" content="${escape(options.author)}">` : ''}
${options.site ? `<meta property="og:site_name" content="${escape(options.site)}">` : ''}
${options.date ? `<meta property="article:published_time" content="${options.date}T09:00:00Z">` : ''}
<meta property="og:title" content="${escape(essay.title)}">
<script>window.dataLayer = [];</script>
</head><body>
<header class="site-header"><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/regions">Regions</a></li><li><a href="/topics">Topics</a></li></ul></nav>
<div class="newsletter"><p>${PAGE_CLUTTER[0]}</p><form><input type="email"></form></div></header>
<div class="ad ad-banner" id="ad-top"><p>${PAGE_CLUTTER[1]}</p></div>
<main><article class="post">
<h1 class="entry-title">${escape(essay.title)}</h1>
${options.author ? `<p class="byline">By <a rel="author" href="/experts/author">${escape(options.author)}</a></p>` : ''}
<div class="entry-content">
${body}
</div></article>
<aside class="sidebar"><h3>${PAGE_CLUTTER[2]}</h3><ul><li><a href="/a">Another story</a></li><li><a href="/b">Yet another story</a></li></ul></aside>
<section class="comments" id="comments"><h3>Comments</h3><div class="comment"><p>${PAGE_CLUTTER[3]}</p></div></section>
</main>
<footer class="site-footer"><p>${PAGE_CLUTTER[4]}</p><p>© 2025 ${escape(options.site ?? 'News')}</p></footer>
</body></html>`;
}
