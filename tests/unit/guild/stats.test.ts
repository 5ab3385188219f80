import { describe, expect, it } from 'vitest';
import type { GuildEvent } from '../../../src/guild/events.js';
import { statsCsv } from '../../../src/guild/stats-csv.js';
import { summarizeEvents } from '../../../src/guild/stats.js';

const at = (minute: number) => `2026-11-22T00:${String(minute).padStart(2, '0')}:00.000Z`;
const question = (minute: number, outcome: 'answered' | 'declined' | 'rejected', extra: Partial<GuildEvent> = {}): GuildEvent => ({
  type: 'question',
  at: at(minute),
  answerId: String(minute),
  answered: outcome === 'answered',
  outcome,
  latencyMs: outcome === 'rejected' ? 0 : 10 * minute,
  refs: outcome === 'answered' ? ['doc#p1'] : [],
  mode: 'fused',
  ...extra,
} as GuildEvent);
const vote = (answerId: string, userId: string, choice: 'up' | 'down'): GuildEvent => ({ type: 'feedback', at: at(59), answerId, userId, vote: choice, refs: [] });

describe('summarizeEvents', () => {
  it('GIVEN answered, declined and rejected questions THEN rejected ones are counted apart and not as questions or latencies', () => {
    const stats = summarizeEvents([question(1, 'answered'), question(2, 'declined', { question: 'borscht?' }), question(3, 'rejected'), question(4, 'rejected')]);
    expect(stats).toMatchObject({ questions: 2, answered: 1, declined: 1, rejected: 2, latencyP50Ms: 10, latencyP95Ms: 20 });
  });

  it('GIVEN events from before outcomes were recorded THEN `answered` decides answered or declined', () => {
    const old = { type: 'question', at: at(1), answerId: '1', answered: false, latencyMs: 5, refs: [], mode: 'fused' } as GuildEvent;
    expect(summarizeEvents([old])).toMatchObject({ questions: 1, declined: 1, rejected: 0 });
  });

  it('GIVEN declined questions THEN they are listed newest first, and paragraphs never cited in an answer are listed in reading order', () => {
    const stats = summarizeEvents([question(1, 'declined', { question: 'first gap' }), question(2, 'answered'), question(3, 'declined', { question: 'second gap' })], ['doc#p1', 'doc#p2', 'doc#p3']);
    expect(stats.recentDeclined.map((entry) => entry.question)).toEqual(['second gap', 'first gap']);
    expect(stats.neverCited).toEqual(['doc#p2', 'doc#p3']);
  });

  it('GIVEN a member who changes their vote THEN one vote per member per answer counts, their latest', () => {
    const stats = summarizeEvents([vote('a', 'm1', 'up'), vote('a', 'm1', 'down'), vote('a', 'm2', 'up'), vote('b', 'm1', 'up')]);
    expect(stats).toMatchObject({ thumbsUp: 2, thumbsDown: 1 });
  });
});

describe('statsCsv', () => {
  it('GIVEN a declined question that looks like a spreadsheet formula THEN it is quoted and defused', () => {
    const stats = summarizeEvents([question(1, 'declined', { question: '=HYPERLINK("https://evil.example","click")' })], ['doc#p1']);
    expect(statsCsv(stats).split('\r\n')).toEqual([
      '"kind","at","value"',
      `"declined question","${at(1)}","'=HYPERLINK(""https://evil.example"",""click"")"`,
      '"never cited paragraph","","doc#p1"',
      '',
    ]);
  });
});
