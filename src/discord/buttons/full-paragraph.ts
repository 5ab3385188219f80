import { type Passage, passageAt } from '../../answer/passages.js';
import type { AnswerResult } from '../../answer/types.js';
import type { BotContext } from '../bot-context.js';
import { respond } from '../discord-io.js';
import { expiredNotice } from '../notices.js';
import { citeButtonFor } from '../render/passage-controls.js';
import { passageMessage } from '../render/passage-message.js';
import type { AnswerButtonHandler } from './answer-button.js';

/** "Full ¶N": the whole paragraph, to the clicker alone, with its Cite button. */
export const showFullParagraph: AnswerButtonHandler = async (interaction, context, id, cached) => {
  const result = cached.answer.results[id.argument];
  if (!result) return respond(interaction, expiredNotice, 'private');
  await respond(interaction, passageMessage(currentPassage(context, result), [citeButtonFor(id.answerId, id.argument, result.paragraph)]), 'private');
};

/** The paragraph as it is in the current index, or as it was quoted if the document has since gone. */
function currentPassage(context: BotContext, result: AnswerResult): Passage {
  const library = context.engines.current()?.index.library;
  return (
    (library ? passageAt(library, result.docId, result.paragraph) : undefined) ?? {
      ref: result.ref,
      docId: result.docId,
      title: result.title,
      section: result.section,
      paragraph: result.paragraph,
      text: result.text,
      attribution: result.attribution,
      sourceUrl: result.sourceUrl,
      ...(result.pages ? { pages: result.pages } : {}),
      start: result.textStart,
      end: result.textStart + result.text.length,
    }
  );
}
