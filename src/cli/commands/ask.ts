import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import type { AnswerEngine } from '../../answer/answer-engine.js';
import type { CitationStyle } from '../../answer/citation.js';
import { citePassage } from '../../answer/cite-passage.js';
import type { Answer, AnswerResult, Strictness } from '../../answer/types.js';
import type { Library } from '../../index/library.js';
import { formatError } from '../../core/errors.js';
import { openEngine } from '../../runtime/open-engine.js';
import type { CliContext } from '../context.js';
import { renderAnswer } from '../render-answer.js';
import type { CliCommand } from './command.js';
import { parseCitationStyle } from './passage.js';

interface AskFlags {
  json?: boolean;
  cite: CitationStyle;
  stdin?: boolean;
  top: number;
  strictness: Strictness;
  context: string[];
  explain?: boolean;
}

const MAX_TOP = 20;

function parseTop(value: string): number {
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_TOP}`);
  return top;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseStrictness(value: string): Strictness {
  if (value === 'lenient' || value === 'normal' || value === 'strict') return value;
  throw new InvalidArgumentError('expected lenient, normal or strict');
}

/** The JSON shape of one answer: stable for scripts (see README). `cite` gives each result's formatted reference. */
export function answerJson(answer: Answer, cite: (result: AnswerResult) => string | undefined = () => undefined) {
  return {
    question: answer.question,
    answered: answer.answered,
    mode: answer.mode,
    confidence: Number(answer.confidence.toFixed(4)),
    results: answer.results.map((r) => ({
      ref: r.ref,
      docId: r.docId,
      title: r.title,
      section: r.section,
      paragraph: r.paragraph,
      quote: r.quote,
      text: r.text,
      score: Number(r.score.toFixed(4)),
      coverage: Number(r.coverage.toFixed(4)),
      matches: r.matches,
      quoteStart: r.quoteStart,
      quoteEnd: r.quoteEnd,
      attribution: r.attribution,
      sourceUrl: r.sourceUrl,
      pages: r.pages ?? null,
      citation: cite(r) ?? null,
    })),
  };
}

export const askCommand: CliCommand = (lazy) =>
  new Command('ask')
    .description('answer a question from the essays with verbatim quotes and citations')
    .argument('[question...]', 'the question (omit with --stdin)')
    .option('--json', 'print one JSON object per question on stdout')
    .option('--explain', 'show which passage word matched each question word, and how similar they are')
    .option('--stdin', 'read one question per line from stdin (the model loads once)')
    .option('--top <n>', `passages to return, 1–${MAX_TOP}`, parseTop, 3)
    .option('--cite <style>', 'citation style of the `citation` field in --json output: chicago, mla, apa', parseCitationStyle, 'chicago')
    .option('--strictness <level>', 'how sure the engine must be to answer: lenient, normal, strict', parseStrictness, 'normal')
    .option('--context <question>', 'an earlier question of the conversation, for a follow-up (repeat, oldest first)', collect, [])
    .action(async (words: string[], flags: AskFlags) => {
      const context = lazy.get();
      const opened = await openEngine(context.config.INDEX_DIR, await context.engineParts());
      if (!opened.ok) return context.fail(opened.error);
      const engine = opened.value.engine;
      const library = opened.value.index.library;
      if (flags.stdin) {
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          if (line.trim() !== '') await askOne(context, engine, library, line, flags);
        }
        return;
      }
      const question = words.join(' ');
      if (question.trim() === '') return context.fail({ code: 'QUESTION_EMPTY', message: 'no question given', hint: 'npm run cli -- ask "your question"' }, 2);
      await askOne(context, engine, library, question, flags);
    });

async function askOne(context: CliContext, engine: AnswerEngine, library: Library, question: string, flags: AskFlags): Promise<void> {
  const answer = await engine.ask(question, { limit: flags.top, strictness: flags.strictness, context: flags.context });
  if (!answer.ok) {
    if (flags.json) context.print(JSON.stringify({ question, error: { code: answer.error.code, message: formatError(answer.error) } }));
    else context.fail(answer.error);
    return;
  }
  const cite = (result: AnswerResult) => citePassage(library, result.docId, result.paragraph, flags.cite);
  context.print(flags.json ? JSON.stringify(answerJson(answer.value, cite)) : renderAnswer(answer.value, { colour: process.stdout.isTTY === true, explain: flags.explain === true }));
}
