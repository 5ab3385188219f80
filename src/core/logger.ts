import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { REDACTED, scrubSecrets, usableSecrets } from './secrets.js';

export type { Logger };

export interface LoggerOptions {
  readonly level: string;
  /** Secret values (the bot token) scrubbed from every line, whatever field or message carries them. */
  readonly secrets?: readonly (string | undefined)[];
  /** Human-readable lines instead of JSON; defaults to on when stderr is a terminal. */
  readonly pretty?: boolean;
  /** Where lines go instead of stderr (tests capture them). */
  readonly destination?: { write(line: string): void };
}

/**
 * Logs go to stderr so that stdout stays clean for machine output (`--json`).
 * Redaction happens twice: by field name for the usual suspects, and by value for
 * the configured secrets, because an error message can quote a token anywhere.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = usableSecrets(options.secrets ?? []);
  const scrub = (line: string) => scrubSecrets(line, secrets);
  const usePretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true);
  const destination = options.destination
    ? options.destination
    : usePretty
    ? pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' })
    : pino.destination({ fd: 2, sync: true });
  return pino(
    {
      level: options.level,
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization'],
        censor: REDACTED,
      },
      hooks: secrets.length > 0 ? { streamWrite: scrub } : {},
    },
    destination,
  );
}
