import { Command } from 'commander';
import { formatError } from '../../core/errors.js';
import { describeModel } from '../../index/manifest.js';
import { reindex } from '../../runtime/reindex.js';
import { buildProgress } from '../progress.js';
import type { CliCommand } from './command.js';

export const indexCommand: CliCommand = (lazy) =>
  new Command('index')
    .description('build or update the index from the corpus folder (only changed documents are re-embedded)')
    .option('--full', 'rebuild every document, not only the changed ones')
    .option('--strict', 'exit non-zero when a corpus file had to be skipped')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: { full?: boolean; strict?: boolean; json?: boolean }) => {
      const context = lazy.get();
      const { config, logger } = context;
      const outcome = await reindex(config, { embedder: await context.embedder(), words: await context.words() }, {
        full: options.full === true,
        progress: buildProgress(logger),
        logger,
      });
      if (!outcome.ok) return context.fail(outcome.error);
      const { summary, skipped, warnings } = outcome.value;
      const model = summary.manifest.model;
      if (options.json) {
        context.print(
          JSON.stringify({
            added: summary.added,
            updated: summary.updated,
            removed: summary.removed,
            unchanged: summary.unchanged,
            chunksEmbedded: summary.chunksEmbedded,
            rebuildReason: summary.rebuildReason,
            elapsedMs: summary.elapsedMs,
            model: model?.id ?? null,
            skipped: skipped.map((problem) => ({ code: problem.code, message: problem.message })),
            warnings: warnings.map((problem) => ({ code: problem.code, message: problem.message })),
          }),
        );
      } else {
        const seconds = (summary.elapsedMs / 1000).toFixed(1);
        const counts = [
          `${summary.added.length} added`,
          `${summary.updated.length} updated`,
          `${summary.removed.length} removed`,
          `${summary.unchanged.length} unchanged`,
        ].join(', ');
        context.print(`Indexed ${config.CORPUS_DIR} into ${config.INDEX_DIR}: ${counts}, in ${seconds} s.`);
        if (summary.rebuildReason) context.print(`Rebuilt every document: ${summary.rebuildReason}.`);
        if (!model) context.print('No embedding model: the index supports keyword search only.');
        else if (summary.chunksEmbedded > 0) context.print(`${summary.chunksEmbedded} chunks embedded with ${describeModel(model)}.`);
        else context.print('The index was already up to date.');
        for (const problem of skipped) context.print(`Skipped: ${problem.message}`);
        for (const problem of warnings) context.print(`Warning: ${formatError(problem)}`);
      }
      if (options.strict && skipped.length > 0) process.exitCode = 1;
    });
