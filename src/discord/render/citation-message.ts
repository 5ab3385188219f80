import { CITATION_STYLES, type CitationStyle } from '../../answer/citation.js';
import { citePassage } from '../../answer/cite-passage.js';
import { paragraphRef } from '../../corpus/document.js';
import type { Library } from '../../index/library.js';
import { DISCORD_LIMITS, fitText } from '../limits.js';
import type { MessagePayload } from './payload.js';
import { escapeQuoted } from './quote-block.js';

/** A private-use character no title contains, standing in for italics while the rest is escaped. */
const ITALIC_MARK = '\uE000';
const STYLE_NAMES: Readonly<Record<CitationStyle, string>> = { chicago: 'Chicago', mla: 'MLA', apa: 'APA' };

/**
 * "How to cite …": the paragraph's reference in every style, ready to copy, from
 * what the index holds about its document; undefined when the index no longer has it.
 */
export function citationMessage(library: Library, docId: string, paragraph: number): MessagePayload | undefined {
  const lines: string[] = [];
  for (const style of CITATION_STYLES) {
    const citation = citePassage(library, docId, paragraph, style, (text) => `${ITALIC_MARK}${text}${ITALIC_MARK}`);
    if (citation === undefined) return undefined;
    // Escaped as a whole (brackets too: no masked links), so a title's own * or _ stays literal; the italics are put back after.
    lines.push(`**${STYLE_NAMES[style]}**\n${escapeQuoted(citation).replaceAll(ITALIC_MARK, '*')}`);
  }
  return { content: fitText(`How to cite ${paragraphRef(docId, paragraph)}:\n\n${lines.join('\n\n')}`, DISCORD_LIMITS.content) };
}
