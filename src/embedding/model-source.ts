import { statSync } from 'node:fs';
import path from 'node:path';
import { env, LogLevel } from '@huggingface/transformers';

export interface ModelSource {
  /** What transformers.js is asked to load: an absolute folder, or a hub id. */
  readonly load: string;
  /** How the model is named in the index manifest: a hub id, or a path relative to the working folder. */
  readonly id: string;
  readonly local: boolean;
}

/**
 * A model setting is either a local folder (read as is, remote loading off) or a
 * Hugging Face hub id (read from the cache, downloaded once if missing).
 */
export function modelSource(model: string): ModelSource {
  const resolved = path.resolve(model);
  if (!isFolder(resolved)) return { load: model, id: model, local: false };
  const relative = path.relative(process.cwd(), resolved);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return { load: resolved, id: inside ? relative.split(path.sep).join('/') : resolved, local: true };
}

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

/** transformers.js reads these globals when loading; set them right before each load. */
export function prepareTransformers(source: ModelSource, cacheDir: string): void {
  env.cacheDir = cacheDir;
  env.allowRemoteModels = !source.local;
  env.logLevel = LogLevel.ERROR;
}

/** The first line of a loading error: enough to say what failed without a stack trace. */
export function loadFailureReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
