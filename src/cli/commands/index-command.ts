import { Command, InvalidArgumentError } from 'commander';
import { type CitebotError, formatError } from '../../core/errors.js';
import type { Result } from '../../core/result.js';
import { describeModel } from '../../index/manifest.js';
import { stopGracefullyOnSignal } from '../../runtime/process-guards.js';
import { reindex, type ReindexOutcome } from '../../runtime/reindex.js';
import type { CliContext } from '../context.js';
import { buildProgress } from '../progress.js';
import type { CliCommand } from './command.js';

interface IndexFlags {
  full?: boolean;
  strict?: boolean;
  json?: boolean;
  watch?: boolean;
  debounce: number;
}

function parseDebounce(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 50 || ms > 60_000) throw new InvalidArgumentError('expected milliseconds from 50 to 60000');
  return ms;
}

export const indexCommand: CliCommand = (lazy) =>
  new Command('index')
    .description('build or update the index from the corpus folder (only changed documents are re-embedded)')
    .option('--full', 'rebuild every document, not only the changed ones')
    .option('--strict', 'exit non-zero when a corpus file had to be skipped')
    .option('--json', 'print the summary as one JSON object (one per build with --watch)')
    .option('--watch', 'keep running: re-index whenever a file in the corpus folder is added, changed or removed')
    .option('--debounce <ms>', 'with --watch: wait for this much quiet after a change before building', parseDebounce, 1000)
    .action(async (flags: IndexFlags) => {
      const context = lazy.get();
      const { config, logger } = context;
      const models = { embedder: await context.embedder(), words: await context.words() };
      const outcome = await reindex(config, models, { full: flags.full === true, progress: buildProgress(logger), logger });
      report(context, outcome, flags);
      if (!flags.watch) return;
      const { watchAndReindex } = await import('../../runtime/watch-reindex.js');
      const watching = watchAndReindex(config, models, { debounceMs: flags.debounce, logger, onBuilt: (next) => report(context, next, flags) });
      await watching.ready;
      if (!flags.json) context.print(`Watching ${config.CORPUS_DIR} for changes (Ctrl+C to stop).`);
      // The first Ctrl+C (or SIGTERM) lets a running build finish; a second one ends it like any command.
      await new Promise<void>((resolve) => stopGracefullyOnSignal(resolve));
      await watching.stop();
    });

function report(context: CliContext, outcome: Result<ReindexOutcome, CitebotError>, flags: IndexFlags): void {
  if (!outcome.ok) return context.fail(outcome.error);
  const { summary, skipped, warnings } = outcome.value;
  const model = summary.manifest.model;
  if (flags.json) {
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
    context.print(`Indexed ${context.config.CORPUS_DIR} into ${context.config.INDEX_DIR}: ${counts}, in ${seconds} s.`);
    if (summary.rebuildReason) context.print(`Rebuilt every document: ${summary.rebuildReason}.`);
    if (!model) context.print('No embedding model: the index supports keyword search only.');
    else if (summary.chunksEmbedded > 0) context.print(`${summary.chunksEmbedded} chunks embedded with ${describeModel(model)}.`);
    else context.print('The index was already up to date.');
    for (const problem of skipped) context.print(`Skipped: ${problem.message}`);
    for (const problem of warnings) context.print(`Warning: ${formatError(problem)}`);
  }
  if (flags.strict && skipped.length > 0) process.exitCode = 1;
}
