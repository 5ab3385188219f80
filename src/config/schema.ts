import { constants } from 'node:buffer';
import path from 'node:path';
import { z } from 'zod';

/** A document is decoded into one string: Node cannot make a longer one (536,870,888 characters on 64-bit). */
const MAX_READABLE_DOCUMENT_BYTES = constants.MAX_STRING_LENGTH;

/** A blank value in .env (`NAME=`) means "not set", so `.env.example` can list every variable. */
const unsetIfBlank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());
// `prefault` (not `default`) runs the fallback through the schema, so "true" becomes true like a real value would.
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) => z.preprocess(unsetIfBlank, schema.prefault(fallback as never));

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const snowflake = z.string().trim().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const folder = (fallback: string) => withDefault(z.string().trim(), fallback).transform((value) => path.resolve(value));
const int = (fallback: number, min: number, max: number) => withDefault(z.coerce.number().int().min(min).max(max), fallback);

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
  LEXICON_FILE: folder('lexicon/glove-6b-100d.lex'),
  SYNONYMS_FILE: folder('lexicon/synonyms.txt'),

  EMBEDDING_MODEL: withDefault(z.string().trim().min(1), 'Xenova/bge-small-en-v1.5'),
  EMBEDDING_DTYPE: withDefault(z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']), 'q8'),
  EMBEDDING_POOLING: optional(z.enum(['mean', 'cls'])),
  EMBEDDING_QUERY_PREFIX: optional(z.string()),
  EMBEDDING_PASSAGE_PREFIX: optional(z.string()),
  EMBEDDING_BATCH_SIZE: int(16, 1, 512),
  CHUNK_MAX_TOKENS: int(256, 32, 8192),
  RERANK_MODEL: optional(z.string().trim()),
  MAX_DOCUMENT_BYTES: int(10 * 1024 * 1024, 1024, MAX_READABLE_DOCUMENT_BYTES),
  /** `add <url>` may fetch from loopback, private and link-local addresses (off: a URL cannot reach the machine's own services). */
  ALLOW_PRIVATE_URLS: withDefault(flag, 'false'),
  FETCH_TIMEOUT_MS: int(20_000, 100, 600_000),

  DISCORD_TOKEN: optional(z.string().trim()),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(z.url({ protocol: /^https?$/ })),
  ALLOW_DMS: withDefault(flag, 'true'),
  /** Servers whose moderators may /reindex (the shared index); blank lets any server's moderators. */
  REINDEX_GUILDS: withDefault(z.string(), '').transform((value, context) => {
    const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
    // The rejected value is not echoed: a token pasted on the wrong line would end up in the terminal or a log.
    ids.forEach((id, i) => {
      if (!/^\d{17,20}$/.test(id)) context.addIssue({ code: 'custom', message: `entry ${i + 1} is not a Discord server id (17 to 20 digits)` });
    });
    return ids;
  }),
  MESSAGE_CONTENT_INTENT: withDefault(flag, 'false'),
  /** Shards `npm run start:shards` runs, one process each: "auto" asks Discord how many the bot needs. */
  TOTAL_SHARDS: withDefault(z.string().trim(), 'auto').transform((value, context): number | 'auto' => {
    if (value === 'auto') return 'auto';
    const count = Number(value);
    if (Number.isInteger(count) && count >= 1 && count <= 10_000) return count;
    context.addIssue({ code: 'custom', message: 'must be "auto" or a whole number of shards, at least 1' });
    return z.NEVER;
  }),

  HEALTH_PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  HEALTH_HOST: withDefault(z.string().trim().min(1), '127.0.0.1'),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

export type Environment = z.infer<typeof environmentSchema>;
