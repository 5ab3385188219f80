import { constants } from 'node:buffer';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';

describe('parseConfig', () => {
  it('GIVEN nothing set THEN every default applies with the right type', () => {
    const config = parseConfig({});
    expect(config.ok && config.value).toMatchObject({
      CORPUS_DIR: path.resolve('docs/essays'),
      INDEX_DIR: path.resolve('index'),
      EMBEDDING_MODEL: 'Xenova/bge-small-en-v1.5',
      EMBEDDING_DTYPE: 'q8',
      ALLOW_DMS: true,
      MESSAGE_CONTENT_INTENT: false,
      EMBEDDING_BATCH_SIZE: 16,
      LOG_LEVEL: 'info',
    });
    expect(config.ok && config.value.HEALTH_PORT).toBeUndefined();
  });

  it('GIVEN blank values as in .env.example THEN they count as unset', () => {
    const config = parseConfig({ EMBEDDING_POOLING: '', HEALTH_PORT: '', DISCORD_TOKEN: '', ALLOW_DMS: '', MESSAGE_CONTENT_INTENT: ' ' });
    expect(config.ok && config.value).toMatchObject({ ALLOW_DMS: true, MESSAGE_CONTENT_INTENT: false });
    expect(config.ok && config.value.DISCORD_TOKEN).toBeUndefined();
  });

  it('GIVEN flags and numbers as text THEN they are parsed', () => {
    const config = parseConfig({ ALLOW_DMS: 'no', MESSAGE_CONTENT_INTENT: 'true', HEALTH_PORT: '8080', EMBEDDING_DTYPE: 'fp32' });
    expect(config.ok && config.value).toMatchObject({ ALLOW_DMS: false, MESSAGE_CONTENT_INTENT: true, HEALTH_PORT: 8080, EMBEDDING_DTYPE: 'fp32' });
  });

  it('GIVEN invalid values THEN one error names each variable', () => {
    const config = parseConfig({ EMBEDDING_DTYPE: 'fp64', DISCORD_GUILD_ID: 'abc', HEALTH_PORT: '70000', DISCORD_API_BASE: 'ftp://x' });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error.code).toBe('CONFIG_INVALID');
    for (const name of ['EMBEDDING_DTYPE', 'DISCORD_GUILD_ID', 'HEALTH_PORT', 'DISCORD_API_BASE']) expect(config.error.message).toContain(name);
  });

  it('GIVEN MAX_DOCUMENT_BYTES beyond the longest string Node can make THEN it is refused, and the largest readable size accepted', () => {
    const refused = parseConfig({ MAX_DOCUMENT_BYTES: String(1024 * 1024 * 1024) });
    expect(!refused.ok && refused.error.message).toMatch(/MAX_DOCUMENT_BYTES Too big: expected number to be <=\s?536870888/);
    const largest = parseConfig({ MAX_DOCUMENT_BYTES: String(constants.MAX_STRING_LENGTH) });
    expect(largest.ok && largest.value.MAX_DOCUMENT_BYTES).toBe(constants.MAX_STRING_LENGTH);
  });

  it('GIVEN a rejected REINDEX_GUILDS entry THEN the message says which entry, never its value', () => {
    const config = parseConfig({ REINDEX_GUILDS: '100000000000000001, MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret' });
    expect(!config.ok && config.error.message).toBe('invalid configuration: REINDEX_GUILDS entry 2 is not a Discord server id (17 to 20 digits)');
  });
});
