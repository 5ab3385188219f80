import { Command, InvalidArgumentError } from 'commander';
import { CITATION_STYLES, type CitationStyle } from '../../answer/citation.js';
import { citePassage } from '../../answer/cite-passage.js';
import { citationLine, findPassage } from '../../answer/passages.js';
import { loadIndex } from '../../index/index-files.js';
import { terminalText } from '../terminal-text.js';
import type { CliCommand } from './command.js';

export function parseCitationStyle(value: string): CitationStyle {
  const style = value.toLowerCase();
  if ((CITATION_STYLES as readonly string[]).includes(style)) return style as CitationStyle;
  throw new InvalidArgumentError(`expected ${CITATION_STYLES.join(', ')}`);
}

export const passageCommand: CliCommand = (lazy) =>
  new Command('passage')
    .description('print a stored paragraph verbatim with its citation')
    .argument('<ref>', 'passage reference, <document>#p<number> (e.g. trump-putin-call#p1), or <document>#page=<page> for a PDF page')
    .option('--json', 'print one JSON object')
    .option('--cite [style]', `print a full reference instead: ${CITATION_STYLES.join(', ')} (default chicago)`, parseCitationStyle)
    .action(async (ref: string, options: { json?: boolean; cite?: CitationStyle | true }) => {
      const context = lazy.get();
      const loaded = await loadIndex(context.config.INDEX_DIR, { withVectors: false });
      if (!loaded.ok) return context.fail(loaded.error);
      const passage = findPassage(loaded.value.library, ref);
      if (!passage.ok) return context.fail(passage.error);
      const found = passage.value;
      const style = options.cite === true ? 'chicago' : options.cite;
      const citation = style ? citePassage(loaded.value.library, found.docId, found.paragraph, style) : undefined;
      if (options.json) {
        context.print(JSON.stringify(citation ? { ...found, citation: { style, text: citation } } : found));
        return;
      }
      if (citation) {
        context.print(terminalText(citation));
        return;
      }
      context.print(terminalText(found.text));
      for (const line of found.attribution) context.print(`  — ${terminalText(line)}`);
      context.print(`\n${terminalText(`${citationLine(found)} · ${found.ref}${found.sourceUrl ? ` · ${found.sourceUrl}` : ''}`)}`);
    });
