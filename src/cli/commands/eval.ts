import path from 'node:path';
import { Command } from 'commander';
import { readCorpus } from '../../corpus/read-corpus.js';
import { compareStrategies, type StrategyRow } from '../../eval/compare.js';
import { evaluate, type EvaluationReport } from '../../eval/evaluate.js';
import { belowFloors, readFloors } from '../../eval/floors.js';
import { readGoldenSet } from '../../eval/golden.js';
import { withCalibration } from '../../eval/write-calibration.js';
import { openEngine } from '../../runtime/open-engine.js';
import { readCalibration } from '../../runtime/read-calibration.js';
import { writeFileAtomic } from '../../storage/atomic-file.js';
import type { CliCommand } from './command.js';

interface EvalFlags {
  golden: string;
  floors: string;
  compare?: boolean;
  write?: boolean;
  json?: boolean;
}

const fixed = (value: number) => value.toFixed(3);

export const evalCommand: CliCommand = (lazy) =>
  new Command('eval')
    .description('score retrieval, abstention and quote fidelity on the golden set; exits non-zero below the floors')
    .option('--golden <file>', 'golden questions (JSON Lines)', 'eval/golden.jsonl')
    .option('--floors <file>', 'minimum scores per model', 'eval/floors.json')
    .option('--compare', 'also score every fusion strategy, each with its own calibrated threshold')
    .option('--write', 'with --compare: save the best strategy and thresholds for this model to CALIBRATION_FILE')
    .option('--json', 'print one JSON object')
    .action(async (flags: EvalFlags) => {
      const context = lazy.get();
      const { config } = context;
      const embedder = await context.embedder();
      const calibration = await readCalibration(config.CALIBRATION_FILE, context.logger);
      const opened = await openEngine(config.INDEX_DIR, { embedder, reranker: await context.reranker(), calibration, logger: context.logger });
      if (!opened.ok) return context.fail(opened.error);
      const corpus = await readCorpus(config.CORPUS_DIR, { maxDocumentBytes: config.MAX_DOCUMENT_BYTES });
      if (!corpus.ok) return context.fail(corpus.error);
      const questions = await readGoldenSet(path.resolve(flags.golden));
      const { engine, index } = opened.value;
      const modelId = engine.mode === 'keyword' ? null : (index.manifest.model?.id ?? null);

      const rows = flags.compare ? await compareStrategies(index, modelId ? embedder : null, questions, corpus.value.documents) : [];
      if (flags.write && rows.length > 0) {
        const measuredOn = { golden: flags.golden, questions: questions.length, date: new Date().toISOString().slice(0, 10) };
        const updated = withCalibration(calibration, modelId, rows, measuredOn);
        await writeFileAtomic(config.CALIBRATION_FILE, `${JSON.stringify(updated, null, 2)}\n`);
        context.logger.info({ file: config.CALIBRATION_FILE, model: modelId }, 'calibration written; the evaluation below uses the previous one');
      }
      const report = await evaluate(engine, questions, corpus.value.documents);
      const floorKey = modelId ?? 'keyword';
      const floors = await readFloors(path.resolve(flags.floors), floorKey);
      const failures = floors ? belowFloors(report, floors) : [];

      if (flags.json) {
        const { runs: _runs, ...metrics } = report;
        context.print(JSON.stringify({ ...metrics, floorKey, floors: floors ?? null, failures, strategies: rows }));
      } else {
        context.print(summary(report, questions.length));
        if (rows.length > 0) context.print(`\n${strategyTable(rows)}`);
        context.print(
          !floors
            ? `\nNo floors for "${floorKey}" in ${flags.floors}.`
            : failures.length === 0
              ? `\nAll floors for "${floorKey}" met.`
              : `\nBelow the floors for "${floorKey}": ${failures.join('; ')}`,
        );
      }
      if (failures.length > 0) process.exitCode = 1;
    });

function summary(report: EvaluationReport, total: number): string {
  const unanswerable = report.runs.filter((run) => run.question.kind === 'unanswerable').length;
  return [
    `Golden set: ${total} questions (${total - unanswerable} answerable, ${unanswerable} unanswerable); mode ${report.mode}, threshold ${report.threshold.toFixed(3)}`,
    `Hit@1 ${fixed(report.hitAt1)}  Hit@3 ${fixed(report.hitAt3)}  MRR ${fixed(report.mrr)}  both essays in top 3 ${fixed(report.bothAt3)}`,
    `Answered ${fixed(report.answeredRate)} of answerable, abstained on ${fixed(report.abstentionRate)} of unanswerable, quote fidelity ${fixed(report.quoteFidelity)}`,
    ...Object.entries(report.byKind).map(
      ([kind, metrics]) => `  ${kind} (${metrics.questions}): Hit@1 ${fixed(metrics.hitAt1)}  Hit@3 ${fixed(metrics.hitAt3)}  MRR ${fixed(metrics.mrr)}`,
    ),
  ].join('\n');
}

function strategyTable(rows: readonly StrategyRow[]): string {
  const header = '| fusion | Hit@1 | Hit@3 | MRR | both@3 | calibrated threshold | answered | abstained |';
  const lines = rows.map(
    (r) =>
      `| ${r.name} | ${fixed(r.hitAt1)} | ${fixed(r.hitAt3)} | ${fixed(r.mrr)} | ${fixed(r.bothAt3)} | ${r.calibratedThreshold.toFixed(3)} | ${fixed(r.answeredRate)} | ${fixed(r.abstentionRate)} |`,
  );
  return [header, '|---|---|---|---|---|---|---|---|', ...lines].join('\n');
}
