import { respond } from '../discord-io.js';
import { notice } from '../notices.js';
import { citationMessage } from '../render/citation-message.js';
import type { ButtonHandler } from './answer-button.js';

/**
 * "Cite ¶N": the paragraph's reference in Chicago, MLA and APA, to the clicker
 * alone. The button sits under an answer's passage, its "Full ¶" reply, or a
 * /passage reply; the reference is built from the current index, so a corrected
 * sidecar shows at once.
 */
export const citePassage: ButtonHandler = async (interaction, context, id) => {
  const shown = context.answers.get(id.answerId)?.answer.results[id.argument] ?? context.answers.passage(id.answerId);
  if (!shown) return respond(interaction, notice('This button is too old to work. Please ask again, or look the passage up with /passage.'), 'private');
  const library = context.engines.current()?.index.library;
  const message = library ? citationMessage(library, shown.docId, shown.paragraph) : undefined;
  await respond(interaction, message ?? notice('That passage is no longer in the essays.'), 'private');
};
