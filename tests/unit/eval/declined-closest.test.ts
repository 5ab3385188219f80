import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../../src/answer/types.js';
import { type EvaluatedRun, scoreRuns } from '../../../src/eval/evaluate.js';
import type { GoldenQuestion } from '../../../src/eval/golden.js';
import { answerResult } from '../../support/answer-result.js';

const THRESHOLD = 0.4;

function question(id: string, paragraph: number): GoldenQuestion {
  return { id, kind: 'paraphrase', split: 'tune', question: id, evidence: [{ doc: 'essay', paragraph, text: 'x' }], why: 'fixture' };
}

/** A ranked passage of "essay" with its soft coverage. */
function passage(paragraph: number, coverage: number): AnswerResult {
  return answerResult('essay', paragraph, 'Quotable.', { score: coverage, coverage });
}

function run(id: string, rightParagraph: number, confidence: number, ranking: AnswerResult[]): EvaluatedRun {
  return { question: question(id, rightParagraph), confidence, ranking };
}

describe('declined, right among closest', () => {
  it('GIVEN declined answerable questions THEN it counts those whose shown closest passages (coverage ≥ half the threshold, first two) hold the right one', () => {
    const runs = [
      // Declined; the right paragraph is second and covers enough to be shown.
      run('shown', 2, 0.3, [passage(1, 0.3), passage(2, 0.25)]),
      // Declined; the right paragraph is third: only two closest passages are shown.
      run('third', 3, 0.3, [passage(1, 0.3), passage(2, 0.3), passage(3, 0.3)]),
      // Declined; the right paragraph ranks first but covers too little to be shown at all.
      run('too weak', 1, 0.1, [passage(1, 0.1)]),
      // Answered: not part of this rate.
      run('answered', 1, 0.9, [passage(1, 0.9)]),
    ];

    const report = scoreRuns(runs, [], { mode: 'lexical', threshold: THRESHOLD });

    expect(report.declinedShowingRight).toBeCloseTo(1 / 3);
    expect(report.answeredRate).toBeCloseTo(1 / 4);
  });

  it('GIVEN no answerable question declined THEN nothing was missed: 1', () => {
    const report = scoreRuns([run('answered', 1, 0.9, [passage(1, 0.9)])], [], { mode: 'lexical', threshold: THRESHOLD });
    expect(report.declinedShowingRight).toBe(1);
  });
});
