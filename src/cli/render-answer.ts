import { styleText } from 'node:util';
import { excerpt } from '../answer/excerpt.js';
import { citationLine } from '../answer/passages.js';
import type { Answer } from '../answer/types.js';

/** A readable terminal rendering: quotes as blocks, citations under them, scores dimmed. */
export function renderAnswer(answer: Answer, colour: boolean): string {
  const dim = (text: string) => (colour ? styleText('dim', text) : text);
  const bold = (text: string) => (colour ? styleText('bold', text) : text);
  const lines: string[] = [];
  if (!answer.answered) {
    lines.push(bold('The essays do not cover that question.'));
    if (answer.results.length > 0) lines.push('Closest passages (low confidence):');
    lines.push('');
  }
  for (const result of answer.results) {
    for (const line of excerpt(result).split(/\r?\n/)) lines.push(`> ${line.replace(/^>\s?/, '')}`);
    if (result.attribution.length > 0) lines.push(`>   — ${result.attribution.join(', ')}`);
    lines.push(`  ${citationLine(result)} · ${result.ref}${result.sourceUrl ? ` · ${result.sourceUrl}` : ''} ${dim(`(score ${result.score.toFixed(3)})`)}`);
    lines.push('');
  }
  lines.push(dim(`mode: ${answer.mode}`));
  return lines.join('\n');
}
