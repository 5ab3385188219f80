import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

const optionalSnowflake = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(snowflake.optional())
  .optional();

const folder = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value) => path.resolve(value === '' ? fallback : value));

const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Every environment variable citebot reads. `.env.example` and the README's
 * configuration table list the same names and defaults; keep the three in step.
 */
export const environmentSchema = z.object({
  CORPUS_DIR: folder('docs/essays'),
  INDEX_DIR: folder('index'),
  DATA_DIR: folder('data'),
  MODEL_CACHE_DIR: folder('.cache/models'),
  CALIBRATION_FILE: folder('eval/calibration.json'),

  EMBEDDING_MODEL: z.string().trim().min(1).default('Xenova/bge-small-en-v1.5'),
  EMBEDDING_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']).default('fp32'),
  EMBEDDING_POOLING: z.enum(['mean', 'cls']).optional(),
  EMBEDDING_QUERY_PREFIX: z.string().optional(),
  EMBEDDING_PASSAGE_PREFIX: z.string().optional(),
  EMBEDDING_BATCH_SIZE: int(32, 1, 512),
  CHUNK_MAX_TOKENS: int(256, 32, 8192),
  RERANK_MODEL: optionalText,
  MAX_DOCUMENT_BYTES: int(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),

  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: optionalSnowflake,
  DISCORD_GUILD_ID: optionalSnowflake,
  DISCORD_API_BASE: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ protocol: /^https?$/ }).optional())
    .optional(),
  ALLOW_DMS: flag.default(true),
  MESSAGE_CONTENT_INTENT: flag.default(false),

  HEALTH_PORT: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : Number(value)))
    .pipe(z.number().int().min(0).max(65_535).optional())
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;
