import path from 'node:path';
import { Command } from 'commander';
import { readCorpus } from '../../corpus/read-corpus.js';
import { type ComparedRow, compareConfigurations, type PartScores } from '../../eval/compare.js';
import { runGolden, scoreRuns, type EvaluationReport } from '../../eval/evaluate.js';
import { belowFloors, floorKeyOf, readFloors } from '../../eval/floors.js';
import { GOLDEN_SPLITS, readGoldenSet } from '../../eval/golden.js';
import { withCalibration } from '../../eval/write-calibration.js';
import { openEngine } from '../../runtime/open-engine.js';
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
    .description('score retrieval, abstention and quotes on the golden set, tune and holdout parts apart; exits non-zero below the floors')
    .option('--golden <file>', 'golden questions (JSON Lines)', 'eval/golden.jsonl')
    .option('--floors <file>', 'minimum scores per mode and part', 'eval/floors.json')
    .option('--compare', 'also score every configuration (exact words, near-word floors, fusion strategies), thresholds calibrated on the tune part')
    .option('--write', 'with --compare: save the thresholds and this model\'s best fusion to CALIBRATION_FILE')
    .option('--json', 'print one JSON object')
    .action(async (flags: EvalFlags) => {
      const context = lazy.get();
      const { config } = context;
      const parts = await context.engineParts();
      const opened = await openEngine(config.INDEX_DIR, parts);
      if (!opened.ok) return context.fail(opened.error);
      const corpus = await readCorpus(config.CORPUS_DIR, { maxDocumentBytes: config.MAX_DOCUMENT_BYTES });
      if (!corpus.ok) return context.fail(corpus.error);
      const questions = await readGoldenSet(path.resolve(flags.golden));
      const { engine, index } = opened.value;
      const modelId = engine.mode === 'fused' || engine.mode === 'dense' ? (index.manifest.model?.id ?? null) : null;

      const searchIndex = engine.index;
      const rows = flags.compare ? await compareConfigurations(searchIndex, modelId ? parts.embedder : null, questions, corpus.value.documents, parts.synonyms) : [];
      if (flags.write && rows.length > 0) {
        const measuredOn = { golden: flags.golden, questions: questions.length, date: new Date().toISOString().slice(0, 10) };
        await writeFileAtomic(config.CALIBRATION_FILE, `${JSON.stringify(withCalibration(parts.calibration, modelId, rows, measuredOn), null, 2)}\n`);
        context.logger.info({ file: config.CALIBRATION_FILE, model: modelId }, 'calibration written; the evaluation below uses the previous one');
      }
      const runs = await runGolden(engine, questions);
      const reports = Object.fromEntries(
        GOLDEN_SPLITS.map((split) => [
          split,
          scoreRuns(
            runs.filter((run) => run.question.split === split),
            corpus.value.documents,
            { mode: engine.mode, threshold: engine.threshold() },
          ),
        ]),
      ) as Record<(typeof GOLDEN_SPLITS)[number], EvaluationReport>;
      const floorKey = floorKeyOf(engine.mode, modelId);
      const floors = await readFloors(path.resolve(flags.floors), floorKey);
      const failures = floors ? GOLDEN_SPLITS.flatMap((split) => belowFloors(reports[split], floors[split]).map((failure) => `${split} ${failure}`)) : [];

      if (flags.json) {
        const metrics = Object.fromEntries(GOLDEN_SPLITS.map((split) => [split, withoutRuns(reports[split])]));
        context.print(JSON.stringify({ mode: engine.mode, threshold: engine.threshold(), ...metrics, floorKey, floors: floors ?? null, failures, configurations: rows }));
      } else {
        context.print(summary(engine.mode, engine.threshold(), reports));
        if (rows.length > 0) context.print(`\n${comparisonTable(rows)}`);
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

function withoutRuns({ runs: _runs, ...metrics }: EvaluationReport) {
  return metrics;
}

function summary(mode: string, threshold: number, reports: Record<string, EvaluationReport>): string {
  const lines = [`Mode ${mode}, confidence threshold ${threshold.toFixed(3)}`];
  lines.push('| part | questions | Hit@1 | Hit@3 | MRR | both@3 | answered | abstained | declined, right among closest | quote has evidence | quote fidelity |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [split, report] of Object.entries(reports)) {
    lines.push(
      `| ${split} | ${report.questions} | ${fixed(report.hitAt1)} | ${fixed(report.hitAt3)} | ${fixed(report.mrr)} | ${fixed(report.bothAt3)} | ${fixed(report.answeredRate)} | ${fixed(report.abstentionRate)} | ${fixed(report.declinedShowingRight)} | ${fixed(report.quoteEvidence)} | ${fixed(report.quoteFidelity)} |`,
    );
  }
  for (const [split, report] of Object.entries(reports)) {
    const kinds = Object.entries(report.byKind).map(([kind, metrics]) => `${kind} (${metrics.questions}) Hit@1 ${fixed(metrics.hitAt1)} Hit@3 ${fixed(metrics.hitAt3)}`);
    lines.push(`  ${split} by kind: ${kinds.join('; ')}`);
  }
  return lines.join('\n');
}

function comparisonTable(rows: readonly ComparedRow[]): string {
  const cells = (scores: PartScores) =>
    [scores.hitAt1, scores.hitAt3, scores.mrr, scores.answeredRate, scores.abstentionRate, scores.quoteEvidence].map(fixed).join(' | ');
  const header =
    '| configuration | threshold | tune Hit@1 | Hit@3 | MRR | answered | abstained | evidence | holdout Hit@1 | Hit@3 | MRR | answered | abstained | evidence |';
  const lines = rows.map((row) => `| ${row.name} | ${row.threshold.toFixed(3)} | ${cells(row.tune)} | ${cells(row.holdout)} |`);
  return [header, `|${'---|'.repeat(14)}`, ...lines].join('\n');
}
