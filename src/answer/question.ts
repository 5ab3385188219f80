import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';

/** Longest question accepted, after cleaning. Long enough for any real question, short enough to bound work. */
export const MAX_QUESTION_CHARS = 500;

const DISCORD_TOKENS = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:-?\d+(?::[tTdDfFR])?>|@(?:everyone|here)(?![\p{L}\p{N}])/gu;
const URLS = /(?:https?:\/\/|(?<![\p{L}\p{N}])www\.)\S+/giu;
const CODE_FENCES = /```[^\n`]*\n?|```/g;
// Zero-width characters and bidirectional controls: invisible, but they split words.
const INVISIBLE = /\p{Cf}/gu;
// A masked link, [text](url "title"): the member's words stay, the address goes.
const MASKED_LINKS = /\[([^[\]\n]*)\]\(\s*<?[^()\s<>]*>?(?:\s+"[^"\n]*")?\s*\)/g;
// Line-start markup: headings, subtext, block quotes, list markers.
const LINE_MARKUP = /^[ \t]*(?:#{1,3}[ \t]+|-#[ \t]+|>{1,3}[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/gm;
// What is left of markup: the remains of a link whose address was already cut, then markup characters and escapes.
const MARKDOWN = /\]\((?:[^()\n]*\))?|[|*_~`<>#[\]\\]/g;

/**
 * Reduces a message to the question in it: Discord mentions, links, markdown
 * and invisible characters go; whitespace collapses. Works for any language and
 * script, since only markup is removed.
 */
export function cleanQuestion(raw: string): Result<string, CitebotError> {
  // Removing one kind of markup can expose another ("@everyone_" once "_" is gone): clean until nothing changes.
  let cleaned = raw.normalize('NFKC');
  for (let previous: string | undefined; cleaned !== previous; ) {
    previous = cleaned;
    cleaned = cleaned
      .replace(INVISIBLE, '')
      .replace(CODE_FENCES, ' ')
      .replace(DISCORD_TOKENS, ' ')
      .replace(MASKED_LINKS, ' $1 ')
      .replace(URLS, ' ')
      .replace(LINE_MARKUP, ' ')
      .replace(MARKDOWN, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ (?=[?!.,;:](?:\s|$))/g, '')
      .trim();
  }
  if (cleaned === '' || !/[\p{L}\p{N}]/u.test(cleaned)) return err(citebotError('QUESTION_EMPTY'));
  if (cleaned.length > MAX_QUESTION_CHARS) {
    return err(citebotError('QUESTION_TOO_LONG', { length: cleaned.length, limit: MAX_QUESTION_CHARS }));
  }
  return ok(cleaned);
}
