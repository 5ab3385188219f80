import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

/** How often a process checks that whoever started it is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Calls `stop` once the npm that started this process is gone. `npm run index`
 * is npm → sh → node: a SIGTERM to npm is passed on, but a SIGKILL cannot be, and
 * the indexer would keep running, holding the build lock, with nobody to see it.
 * A process whose parent dies is adopted by init, so its parent pid changes: this
 * watches every link from this process up to npm. Links above npm are not watched,
 * so `nohup npm run index &` still outlives the terminal, and a process not started
 * by npm (`node --import tsx …`, systemd, Docker) is left to its own signals.
 */
export function stopWhenOrphaned(stop: () => void): () => void {
  if (!process.env.npm_lifecycle_event) return () => {};
  const chain = chainUpToNpm();
  const timer = setInterval(() => {
    if (!isIntact(chain)) {
      clearInterval(timer);
      stop();
    }
  }, PARENT_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Each process from this one up to npm, with the parent it had at the start. Without /proc, just our own link. */
function chainUpToNpm(): { pid: number; parent: number }[] {
  const chain = [{ pid: process.pid, parent: process.ppid }];
  for (let link = chain[0]!; link.parent > 1 && chain.length < 8 && !isNpm(link.parent); ) {
    const parent = parentOf(link.parent);
    if (parent === undefined) break;
    link = { pid: link.parent, parent };
    chain.push(link);
  }
  return chain;
}

function isIntact(chain: readonly { pid: number; parent: number }[]): boolean {
  return chain.every((link) => (link.pid === process.pid ? process.ppid : parentOf(link.pid)) === link.parent);
}

/** A process's parent pid, from /proc (Linux); undefined elsewhere or once it has exited. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may itself contain spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isNpm(pid: number): boolean {
  try {
    return /^npm\b/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * `citebot passage … | head` closes the pipe before everything is written: that
 * is the reader being done, not an error worth a stack trace.
 */
export function exitQuietlyWhenOutputCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

let gracefulStop: (() => void) | undefined;

/**
 * SIGINT, SIGTERM and SIGHUP end the process through process.exit, which runs the
 * exit cleanups (an interrupted build removes its lock and unfinished files) —
 * unless a long-running command (`index --watch`) has asked to stop by itself
 * first (stopGracefullyOnSignal). A second signal ends the process anyway.
 */
export function exitOnStopSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const stop = gracefulStop;
      gracefulStop = undefined;
      if (stop) stop();
      else process.exit(128 + constants.signals[signal]);
    });
  }
}

/** The next stop signal calls `stop` instead of exiting the process. */
export function stopGracefullyOnSignal(stop: () => void): void {
  gracefulStop = stop;
}
