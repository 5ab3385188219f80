// The driver's side of the bot process: starts it, asks it for measurements, stops it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotMessage, BotPhaseStats, BotProcessArgs, BotRequest, MemorySample } from './protocol.js';

const BOT_SCRIPT = fileURLToPath(new URL('./bot-process.ts', import.meta.url));
/** Loading the model and building the index for two essays takes seconds; a minute means something is wrong. */
const START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

type RequestKind = BotRequest['kind'];

export class BotHandle {
  private nextId = 1;
  private readonly pending = new Map<number, (value: unknown) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: BotMessage) => {
      if (message.kind !== 'reply') return;
      this.pending.get(message.id)?.(message.value);
      this.pending.delete(message.id);
    });
  }

  static async start(args: BotProcessArgs): Promise<BotHandle> {
    // --expose-gc so heap samples can be taken after a full GC; tsx to run TypeScript. LOAD_BOT_NODE_FLAGS adds
    // flags NODE_OPTIONS refuses, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see what blocks the event loop.
    const extraFlags = process.env.LOAD_BOT_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    const execArgv = ['--expose-gc', '--import', 'tsx', ...extraFlags];
    const child = fork(BOT_SCRIPT, [JSON.stringify(args)], { execArgv, stdio: 'inherit' });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error('the bot process did not start within a minute')), START_TIMEOUT_MS);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        if (error) reject(error);
        else resolve();
      };
      child.on('message', (message: BotMessage) => {
        if (message.kind === 'ready') settle();
        if (message.kind === 'failed') settle(new Error(`the bot process failed: ${message.error}`));
      });
      child.once('exit', (code) => settle(new Error(`the bot process exited with code ${code}`)));
    });
    return new BotHandle(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resets the bot's meters (lag, heartbeats, peak RSS, log counts). */
  startPhase(): Promise<void> {
    return this.request('phase-start') as Promise<void>;
  }

  endPhase(): Promise<BotPhaseStats> {
    return this.request('phase-end') as Promise<BotPhaseStats>;
  }

  sampleMemory(): Promise<MemorySample> {
    return this.request('memory-sample') as Promise<MemorySample>;
  }

  async stop(): Promise<void> {
    await this.request('stop').catch(() => this.child.kill());
  }

  private request(kind: RequestKind): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the bot process did not answer "${kind}" within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      this.child.send({ id, kind } satisfies BotRequest);
    });
  }
}
