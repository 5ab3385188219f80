import type { PageRange } from '../corpus/document.js';

export type CitationStyle = 'chicago' | 'mla' | 'apa';
export const CITATION_STYLES: readonly CitationStyle[] = ['chicago', 'mla', 'apa'];

/** What a reference is made of; every field but the title may be missing, and is then left out. */
export interface CitedWork {
  readonly title: string;
  readonly authors: readonly string[];
  readonly publication: string | null;
  readonly date: string | null;
  readonly sourceUrl: string | null;
  /** When a web page was fetched: "accessed" (Chicago, MLA) for undated pages. */
  readonly retrieved: string | null;
}

export interface CitedPlace {
  readonly paragraph: number;
  readonly pages?: PageRange | undefined;
}

/** How italics are shown: nothing in a terminal or JSON, `*…*` in Discord. */
export type Italic = (text: string) => string;
const plain: Italic = (text) => text;

interface Name {
  readonly given: string;
  readonly family: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MLA_MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/**
 * A reference to one passage in Chicago (note form, which cites a place), MLA 9
 * or APA 7, with the page(s) and paragraph. Built from the document's metadata
 * only: a field the document does not give is left out, never guessed.
 */
export function formatCitation(style: CitationStyle, work: CitedWork, place: CitedPlace, italic: Italic = plain): string {
  switch (style) {
    case 'chicago':
      return chicago(work, place, italic);
    case 'mla':
      return mla(work, place, italic);
    case 'apa':
      return apa(work, place, italic);
  }
}

/** "p. 12" or "pp. 12–13": for citation lines next to ¶N. */
export function pageLabel(pages: PageRange | undefined): string | undefined {
  if (!pages) return undefined;
  return `${pages.first === pages.last ? 'p.' : 'pp.'} ${pageSpan(pages)}`;
}

/** "12" or "12–13". */
function pageSpan(pages: PageRange): string {
  return pages.first === pages.last ? `${pages.first}` : `${pages.first}–${pages.last}`;
}

function chicago(work: CitedWork, place: CitedPlace, italic: Italic): string {
  const names = work.authors.map(parseName).map((name) => fullName(name));
  const authors = names.length > 3 ? `${names[0]} et al.` : joinList(names, 'and');
  const title = work.publication ? `“${work.title},”` : `${italic(work.title)},`;
  const pages = place.pages ? pageSpan(place.pages) : undefined;
  const parts = [
    authors ? `${authors},` : '',
    title,
    work.publication ? `${italic(work.publication)},` : '',
    work.date ? `${longDate(work.date)},` : work.retrieved ? `accessed ${longDate(work.retrieved)},` : '',
    pages ? `${pages},` : '',
    `para. ${place.paragraph}${work.sourceUrl ? ',' : '.'}`,
    work.sourceUrl ? `${work.sourceUrl}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function mla(work: CitedWork, place: CitedPlace, italic: Italic): string {
  const names = work.authors.map(parseName);
  const first = names[0];
  let authors = '';
  if (first && names.length === 1) authors = invertedName(first);
  else if (first && names.length === 2) authors = `${invertedName(first)}, and ${fullName(names[1]!)}`;
  else if (first) authors = `${invertedName(first)}, et al`;
  const container = [
    work.publication ? italic(work.publication) : '',
    work.date ? mlaDate(work.date) : '',
    pageLabel(place.pages) ?? '',
    `par. ${place.paragraph}`,
    work.sourceUrl ? work.sourceUrl.replace(/^https?:\/\//, '') : '',
  ].filter(Boolean);
  const parts = [
    authors ? `${authors}.` : '',
    work.publication ? `“${endWith(work.title, '.')}”` : `${italic(work.title)}.`,
    `${capitalised(container.join(', '))}.`,
    work.retrieved && work.sourceUrl ? `Accessed ${mlaDate(work.retrieved)}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function apa(work: CitedWork, place: CitedPlace, italic: Italic): string {
  const names = work.authors.map(parseName).map(apaName);
  const authors = names.length <= 1 ? (names[0] ?? '') : names.length <= 20 ? `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}` : `${names.slice(0, 19).join(', ')}, … ${names.at(-1)}`;
  const date = `(${work.date ? apaDate(work.date) : 'n.d.'}).`;
  const title = work.publication ? endWith(work.title, '.') : italic(endWith(work.title, '.'));
  const where = [work.publication ? italic(work.publication) : '', pageLabel(place.pages) ?? '', `para. ${place.paragraph}`].filter(Boolean).join(', ');
  const lead = authors ? [endWith(authors, '.'), date, title] : [title, date];
  return [...lead, `${capitalised(where)}.`, work.sourceUrl ?? ''].filter(Boolean).join(' ');
}

/** "Tatiana Stanovaya" or "Stanovaya, Tatiana"; a single word (an organisation) is a family name alone. */
function parseName(written: string): Name {
  const comma = written.indexOf(',');
  if (comma > 0) return { family: written.slice(0, comma).trim(), given: written.slice(comma + 1).trim() };
  const words = written.trim().split(/\s+/);
  return words.length === 1 ? { family: words[0] ?? '', given: '' } : { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

const fullName = (name: Name) => [name.given, name.family].filter(Boolean).join(' ');
const invertedName = (name: Name) => (name.given ? `${name.family}, ${name.given}` : name.family);
const apaName = (name: Name) => {
  const initials = name.given
    .split(/[\s]+/)
    .filter(Boolean)
    .map((part) => part.split('-').map((piece) => `${piece.charAt(0).toUpperCase()}.`).join('-'))
    .join(' ');
  return initials ? `${name.family}, ${initials}` : name.family;
};

function joinList(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items.at(-1)}`;
}

/** A locator that opens a sentence ("Par. 5"), when nothing comes before it. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function endWith(text: string, mark: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}${mark}`;
}

/** YYYY, YYYY-MM or YYYY-MM-DD; anything else is shown as written. */
function dateParts(date: string): { year: string; month?: number; day?: number } | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!match?.[1]) return undefined;
  const month = match[2] ? Number(match[2]) : undefined;
  const day = match[3] ? Number(match[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  return { year: match[1], ...(month ? { month } : {}), ...(day ? { day } : {}) };
}

/**
 * A date in a style's order: `withDay` and `withMonth` arrange the parts; a year
 * alone is the year, and a date that is not YYYY[-MM[-DD]] is shown as written.
 */
function styledDate(
  date: string,
  months: readonly string[],
  withDay: (year: string, month: string, day: number) => string,
  withMonth: (year: string, month: string) => string,
): string {
  const parts = dateParts(date);
  if (!parts) return date;
  if (!parts.month) return parts.year;
  const month = months[parts.month - 1]!;
  return parts.day ? withDay(parts.year, month, parts.day) : withMonth(parts.year, month);
}

const longDate = (date: string) => styledDate(date, MONTHS, (year, month, day) => `${month} ${day}, ${year}`, (year, month) => `${month} ${year}`);
const mlaDate = (date: string) => styledDate(date, MLA_MONTHS, (year, month, day) => `${day} ${month} ${year}`, (year, month) => `${month} ${year}`);
const apaDate = (date: string) => styledDate(date, MONTHS, (year, month, day) => `${year}, ${month} ${day}`, (year, month) => `${year}, ${month}`);
