import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../../src/answer/types.js';
import { markdownDocument, memoryIndex } from '../../support/memory-index.js';
import { citationMessage } from '../../../src/discord/render/citation-message.js';
import { passageMessage } from '../../../src/discord/render/passage-message.js';
import { citation, quoteBlock } from '../../../src/discord/render/quote-block.js';
import { answerResult } from '../../support/answer-result.js';

const TEXT = 'Read [the real memo](https://evil.example/login) and **this** before [voting](<https://evil.example/2>).';

function result(text: string): AnswerResult {
  return answerResult('memo', 1, text, { title: 'Memo [see](https://evil.example/t)' });
}

/** A masked link as Discord parses it: an unescaped `[`, text, `](`, a target, `)`. */
const MASKED_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;

describe('quotes in Discord messages', () => {
  it('GIVEN a masked link inside a quoted document THEN the quote, the citation and the full paragraph show it as text, not a link', () => {
    const quote = quoteBlock(result(TEXT), 1000);
    expect(quote).not.toMatch(MASKED_LINK);
    expect(quote).toBe('> Read \\[the real memo\\](https://evil.example/login) and \\*\\*this\\*\\* before \\[voting\\](<https://evil.example/2>).');
    expect(citation(result(TEXT))).not.toMatch(MASKED_LINK);
    const full = passageMessage({ ref: 'memo#p1', docId: 'memo', title: 'Memo', section: null, paragraph: 1, text: TEXT, attribution: [], sourceUrl: null, start: 0, end: TEXT.length });
    expect(full.embeds?.[0]?.description).not.toMatch(MASKED_LINK);
  });

  it('GIVEN metadata with a masked link and Markdown THEN the Cite reply shows them as text, with only the styles’ own italics', async () => {
    const document = markdownDocument('memo', '---\ntitle: "Memo [see](https://evil.example/t)"\nauthor: "**Bold** Name"\npublication: "_Gazette_"\n---\n\nText.\n');
    const { library } = await memoryIndex([document], null);
    const content = citationMessage(library, 'memo', 1)?.content ?? '';
    expect(content).not.toMatch(MASKED_LINK);
    expect(content).toContain('**Chicago**\n\\*\\*Bold\\*\\* Name, “Memo \\[see\\](https://evil.example/t),” *\\_Gazette\\_*, para. 1.');
    expect(citationMessage(library, 'memo', 2)).toBeUndefined();
  });
});
