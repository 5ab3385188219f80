import { watchFile, unwatchFile } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { type CitebotError, formatError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { err, ok, type Result } from '../core/result.js';
import { MANIFEST_FILE, readManifest } from '../index/index-files.js';
import { addKeywords, type EngineParts, LOAD_KEYWORDS_LATER_BYTES, type OpenedEngine, openEngine } from './open-engine.js';
import { reindex, type ReindexOutcome } from './reindex.js';

const WATCH_INTERVAL_MS = 2_000;

/**
 * The engine the bot answers with, swapped whole when the index changes: a
 * question takes `current()` once and keeps that generation to the end, so every
 * answer comes from one consistent index while a new one is loaded beside it.
 */
export class EngineHolder {
  private opened: OpenedEngine | undefined;
  private rebuilding: Promise<Result<ReindexOutcome, CitebotError>> | undefined;
  private reloading: Promise<void> | undefined;
  private readonly listeners: ((opened: OpenedEngine) => void)[] = [];

  private readonly logger: Logger;

  constructor(
    private readonly config: Config,
    private readonly parts: EngineParts,
    private readonly keywordsLaterAbove = LOAD_KEYWORDS_LATER_BYTES,
  ) {
    this.logger = parts.logger;
  }

  current(): OpenedEngine | undefined {
    return this.opened;
  }

  onSwap(listener: (opened: OpenedEngine) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Opens the index on disk and makes it current. When it has vectors, answering
   * starts as soon as they are in; the keyword index follows in the background
   * and the full engine replaces the vectors-only one (`keywordsLoaded` resolves).
   */
  async load(): Promise<Result<OpenedEngine, CitebotError>> {
    const opened = await openEngine(this.config.INDEX_DIR, this.parts, { keywordsLaterAbove: this.keywordsLaterAbove });
    if (!opened.ok) return opened;
    this.make(opened.value);
    if (!opened.value.keywordReady) this.keywordsLoaded = this.completeWithKeywords(opened.value);
    return opened;
  }

  /** Settles when the current generation's keyword index is in (at once when it already is). */
  keywordsLoaded: Promise<void> = Promise.resolve();

  private make(opened: OpenedEngine): void {
    this.opened = opened;
    const { index, engine, keywordReady } = opened;
    this.logger.info({ buildId: index.manifest.buildId, mode: engine.mode, chunks: index.library.chunkCount, keywordReady }, 'index loaded');
    for (const listener of this.listeners) listener(opened);
  }

  private async completeWithKeywords(partial: OpenedEngine): Promise<void> {
    const complete = await addKeywords(partial, this.parts);
    // A newer generation may have been swapped in meanwhile; it brings its own keywords.
    if (this.opened !== partial) return;
    if (complete.ok) this.make(complete.value);
    else this.logger.error({ code: complete.error.code }, `the keyword index cannot be loaded: ${formatError(complete.error)}`);
  }

  /** Rebuilds from the corpus while the current engine keeps answering, then swaps. One rebuild at a time. */
  async rebuild(options: { readonly full: boolean }): Promise<Result<ReindexOutcome, CitebotError>> {
    this.rebuilding ??= this.rebuildOnce(options).finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  /** Notices a new generation written by `npm run index` (or another process) and swaps it in. */
  watch(): () => void {
    const manifest = path.join(this.config.INDEX_DIR, MANIFEST_FILE);
    const check = () => {
      this.reloading ??= this.reloadIfChanged().finally(() => {
        this.reloading = undefined;
      });
    };
    watchFile(manifest, { interval: WATCH_INTERVAL_MS }, check);
    return () => unwatchFile(manifest, check);
  }

  private async rebuildOnce(options: { readonly full: boolean }): Promise<Result<ReindexOutcome, CitebotError>> {
    const outcome = await reindex(this.config, this.parts, { full: options.full, logger: this.logger });
    if (!outcome.ok) return outcome;
    if (outcome.value.summary.manifest.buildId !== this.opened?.index.manifest.buildId) {
      const loaded = await this.load();
      if (!loaded.ok) return err(loaded.error);
    }
    return ok(outcome.value);
  }

  private async reloadIfChanged(): Promise<void> {
    const manifest = await readManifest(this.config.INDEX_DIR);
    if (!manifest.ok || manifest.value.buildId === this.opened?.index.manifest.buildId) return;
    const loaded = await this.load();
    if (!loaded.ok) this.logger.error({ code: loaded.error.code }, `a new index was written but cannot be loaded: ${formatError(loaded.error)}`);
  }
}
