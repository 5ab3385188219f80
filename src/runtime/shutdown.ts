import type { Logger } from '../core/logger.js';

type Step = () => Promise<unknown> | unknown;

/**
 * Graceful shutdown on SIGINT or SIGTERM, armed from the first line of start-up
 * so a signal during the model download or the index build is honoured too.
 * Components register how to stop as they start; they stop in reverse order.
 * A second signal exits at once. Unhandled rejections are logged, not fatal:
 * one bad event must not take the bot offline.
 */
export class Shutdown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.running) process.exit(1);
      logger.info({ signal }, 'shutting down');
      this.run().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  }

  add(step: Step): void {
    this.steps.push(step);
  }

  /** Runs every registered step, newest first; a failing step is logged and the rest still run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        try {
          await step();
        } catch (error) {
          this.logger.error({ err: error }, 'a shutdown step failed');
        }
      }
    })();
    return this.running;
  }
}
