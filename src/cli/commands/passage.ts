import { Command } from 'commander';
import { citationLine, findPassage } from '../../answer/passages.js';
import { loadIndex } from '../../index/index-files.js';
import { terminalText } from '../terminal-text.js';
import type { CliCommand } from './command.js';

export const passageCommand: CliCommand = (lazy) =>
  new Command('passage')
    .description('print a stored paragraph verbatim with its citation')
    .argument('<ref>', 'passage reference, <document>#p<number>, e.g. trump-putin-call#p1')
    .option('--json', 'print one JSON object')
    .action(async (ref: string, options: { json?: boolean }) => {
      const context = lazy.get();
      const loaded = await loadIndex(context.config.INDEX_DIR, { withVectors: false });
      if (!loaded.ok) return context.fail(loaded.error);
      const passage = findPassage(loaded.value.library, ref);
      if (!passage.ok) return context.fail(passage.error);
      const found = passage.value;
      if (options.json) {
        context.print(JSON.stringify(found));
        return;
      }
      context.print(terminalText(found.text));
      for (const line of found.attribution) context.print(`  — ${terminalText(line)}`);
      context.print(`\n${terminalText(`${citationLine(found)} · ${found.ref}${found.sourceUrl ? ` · ${found.sourceUrl}` : ''}`)}`);
    });
