import { styleText } from 'node:util';
import { excerpt } from '../answer/excerpt.js';
import { citationLine } from '../answer/passages.js';
import { type Answer, MODE_NAMES, type ShownMatch } from '../answer/types.js';
import { terminalText } from './terminal-text.js';

/**
 * A readable terminal rendering: quotes as blocks, citations under them, scores dimmed; with `explain`, the word
 * matches. Nothing from a document reaches the terminal with its control characters (terminalText).
 */
export function renderAnswer(answer: Answer, options: { readonly colour: boolean; readonly explain?: boolean }): string {
  const dim = (text: string) => (options.colour ? styleText('dim', text) : text);
  const bold = (text: string) => (options.colour ? styleText('bold', text) : text);
  const lines: string[] = [];
  if (!answer.answered) {
    lines.push(bold('The essays do not cover that question.'));
    if (answer.results.length > 0) lines.push('Closest passages (low confidence):');
    lines.push('');
  }
  for (const result of answer.results) {
    for (const line of terminalText(excerpt(result)).split('\n')) lines.push(`> ${line.replace(/^>\s?/, '')}`);
    if (result.attribution.length > 0) lines.push(`>   — ${terminalText(result.attribution.join(', '))}`);
    const citation = terminalText(`${citationLine(result)} · ${result.ref}${result.sourceUrl ? ` · ${result.sourceUrl}` : ''}`);
    lines.push(`  ${citation} ${dim(`(score ${result.score.toFixed(3)})`)}`);
    if (options.explain) lines.push(dim(terminalText(`  why: ${explainMatches(result.matches)} · covers ${Math.round(result.coverage * 100)}% of the question`)));
    lines.push('');
  }
  lines.push(dim(`mode: ${MODE_NAMES[answer.mode]} · confidence ${answer.confidence.toFixed(2)}`));
  return lines.join('\n');
}

/** "need ≈ necessary (0.79), Russia = Russia": each question word and the passage word that matched it. */
export function explainMatches(matches: readonly ShownMatch[]): string {
  if (matches.length === 0) return 'no question word matched';
  return matches.map(({ word, matched, similarity }) => (similarity >= 1 ? `${word} = ${matched}` : `${word} ≈ ${matched} (${similarity.toFixed(2)})`)).join(', ');
}
