import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type QuestionSource = 'slash' | 'message-command' | 'mention' | 'forum' | 'dm' | 'terminal';
export type QuestionOutcome = 'answered' | 'abstained' | 'rejected';

/** Prometheus metrics (prom-client), on a registry of their own so tests can create several. */
export class BotMetrics {
  readonly registry = new Registry();
  readonly questions = new Counter({
    name: 'citebot_questions_total',
    help: 'Questions handled, by where they came from and how they ended',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly abstentions = new Counter({
    name: 'citebot_abstentions_total',
    help: 'Questions the essays did not cover',
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: 'citebot_answer_duration_seconds',
    help: 'Time from question received to answer computed',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'citebot_errors_total',
    help: 'Interactions or messages that failed with an unexpected error',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'citebot_discord_rate_limited_total',
    help: 'Discord requests delayed by a rate limit (discord.js pacing or a 429)',
    labelNames: ['global'] as const,
    registers: [this.registry],
  });
  readonly indexChunks = new Gauge({ name: 'citebot_index_chunks', help: 'Chunks in the loaded index', registers: [this.registry] });
  readonly keywordMode = new Gauge({
    name: 'citebot_keyword_only',
    help: '1 when answering from keyword search only (no embedding model)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'citebot_' });
  }

  recordQuestion(source: QuestionSource, outcome: QuestionOutcome, seconds?: number): void {
    this.questions.inc({ source, outcome });
    if (outcome === 'abstained') this.abstentions.inc();
    if (seconds !== undefined) this.answerSeconds.observe(seconds);
  }
}
