import { type Config, parseConfig } from '../config/load-config.js';
import { CitebotFailure, type CitebotError, formatError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { scrubSecrets } from '../core/secrets.js';
import type { Embedder } from '../embedding/embedder.js';
import type { Reranker } from '../answer/answer-engine.js';
import type { WordVectors } from '../lexicon/word-vectors.js';
import type { EngineParts } from '../runtime/open-engine.js';
import { openEmbedder, openReranker, openSynonyms, openWordVectors } from '../runtime/open-models.js';
import { readCalibration } from '../runtime/read-calibration.js';

export interface CliContext {
  readonly config: Config;
  readonly logger: Logger;
  /** Machine-readable or primary output: stdout. Logs and progress go to stderr. */
  print(text: string): void;
  /** The embedding model, loaded on first use; null when it cannot be loaded. */
  embedder(): Promise<Embedder | null>;
  /** The RERANK_MODEL cross-encoder, loaded on first use; null when unset or unavailable. */
  reranker(): Promise<Reranker | null>;
  /** The word-vector table, loaded on first use; null when missing or damaged (exact words only). */
  words(): Promise<WordVectors | null>;
  /** What `openEngine` needs, every part loaded. */
  engineParts(): Promise<EngineParts>;
  /** Reports an expected failure in one line and sets a failing exit code. */
  fail(error: CitebotError, exitCode?: number): void;
}

/** Config is validated on first use, so `--help` works even with a broken `.env`. */
export class LazyCliContext {
  private context: CliContext | undefined;
  private embedderLoad: Promise<Embedder | null> | undefined;
  private rerankerLoad: Promise<Reranker | null> | undefined;
  private wordsLoad: Promise<WordVectors | null> | undefined;

  get(): CliContext {
    if (this.context) return this.context;
    const parsed = parseConfig(process.env);
    if (!parsed.ok) throw new CitebotFailure(parsed.error);
    const config = parsed.value;
    const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
    const context: CliContext = {
      config,
      logger,
      print: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      embedder: () => (this.embedderLoad ??= openEmbedder(config, logger)),
      reranker: () => (this.rerankerLoad ??= openReranker(config, logger)),
      words: () => (this.wordsLoad ??= openWordVectors(config, logger)),
      engineParts: async () => ({
        embedder: await context.embedder(),
        reranker: await context.reranker(),
        words: await context.words(),
        synonyms: await openSynonyms(config, logger),
        calibration: await readCalibration(config.CALIBRATION_FILE, logger),
        logger,
      }),
      fail(error, exitCode = 1) {
        process.stderr.write(scrubSecrets(`citebot: ${formatError(error)}\n`, [config.DISCORD_TOKEN]));
        process.exitCode = exitCode;
      },
    };
    this.context = context;
    return context;
  }

  async close(): Promise<void> {
    const embedder = await this.embedderLoad;
    await embedder?.dispose();
  }
}
