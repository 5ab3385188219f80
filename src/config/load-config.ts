import { config as loadDotenv } from 'dotenv';
import { type CitebotError, citebotError } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { type Environment, environmentSchema } from './schema.js';

export type Config = Readonly<Environment>;

/** Reads `.env` (if present) into the process environment; real environment variables win. */
export function readDotenvFile(): void {
  loadDotenv({ quiet: true });
}

/** Validates the environment once, at start-up; the rest of the code only sees `Config`. */
export function parseConfig(env: NodeJS.ProcessEnv): Result<Config, CitebotError> {
  const parsed = environmentSchema.safeParse(env);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  return err(citebotError('CONFIG_INVALID', { problems }));
}
