import type { Logger } from '../core/logger.js';

/**
 * Runs `close` once on SIGINT or SIGTERM, then exits; a second signal exits at
 * once. Unexpected errors elsewhere are logged rather than allowed to kill the
 * process: one bad event must not take the bot offline.
 */
export function onShutdown(logger: Logger, close: (signal: string) => Promise<void>): void {
  let closing = false;
  const handle = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'shutting down');
    close(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}
