import path from 'node:path';
import { watch } from 'chokidar';

export interface CorpusWatcher {
  /** Resolves once the folder has been scanned and changes are being reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onChange` once the corpus folder has been quiet for `debounceMs` after a
 * file was added, changed or removed (a copy in progress counts as one change:
 * chokidar waits for the size to settle). Hidden files — editors' swap files,
 * citebot's own temporary files — are ignored. Links are not followed: one pointing
 * out of the corpus (or back up to it) would have the watch walk the whole disk, and
 * the build refuses them anyway (corpus-files.ts).
 */
export function watchCorpus(dir: string, onChange: () => void, options: { readonly debounceMs: number }): CorpusWatcher {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (file) => path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.')),
    awaitWriteFinish: { stabilityThreshold: Math.min(300, options.debounceMs), pollInterval: 50 },
  });
  watcher.on('all', (event) => {
    if (event === 'addDir') return;
    clearTimeout(timer);
    timer = setTimeout(onChange, options.debounceMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
