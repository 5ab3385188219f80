type MetaKey = 'title' | 'author' | 'publication' | 'date';

/**
 * The page's own description of itself, in the conventions publishers use: Highwire
 * `citation_*` tags (what Google Scholar reads), Open Graph, Dublin Core and plain
 * `author` / `date`. The first tag found for a field wins.
 */
const META_NAMES: Readonly<Record<string, MetaKey>> = {
  citation_title: 'title',
  'dc.title': 'title',
  'og:title': 'title',
  citation_author: 'author',
  'dc.creator': 'author',
  author: 'author',
  'article:author': 'author',
  citation_journal_title: 'publication',
  citation_publisher: 'publication',
  'og:site_name': 'publication',
  citation_publication_date: 'date',
  citation_date: 'date',
  'dc.date': 'date',
  'article:published_time': 'date',
  date: 'date',
};

const MAX_META = 500;

/** A `<meta>` tag's field and value, when it is one citebot cites. */
export function htmlMetaField(attributes: Readonly<Record<string, string>>): { key: MetaKey; value: string } | undefined {
  const name = (attributes.name ?? attributes.property ?? '').toLowerCase();
  const key = META_NAMES[name];
  const value = attributes.content?.replace(/\s+/g, ' ').trim().slice(0, MAX_META);
  if (!key || !value || /^https?:\/\//i.test(value)) return undefined;
  return { key, value: key === 'date' ? value.replace(/T.*$/, '') : value };
}
