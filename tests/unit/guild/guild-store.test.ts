import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GuildStore } from '../../../src/guild/guild-store.js';
import { DEFAULT_GUILD_SETTINGS } from '../../../src/guild/settings.js';
import { summarizeEvents } from '../../../src/guild/stats.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const A = '111111111111111111';
const B = '222222222222222222';

describe('GuildStore', () => {
  it('GIVEN settings changed in one server THEN another server keeps its own, across a restart', async () => {
    const dir = await tempDir();
    await new GuildStore(dir).updateSettings(A, (current) => ({ ...current, cooldownSeconds: 42, passages: 5 }));
    const reopened = new GuildStore(dir);
    expect((await reopened.settings(A)).settings).toMatchObject({ cooldownSeconds: 42, passages: 5 });
    expect((await reopened.settings(B)).settings).toEqual(DEFAULT_GUILD_SETTINGS);
  });

  it('GIVEN a damaged settings file THEN that server falls back to defaults with a recovery hint, others keep theirs', async () => {
    const dir = await tempDir();
    const store = new GuildStore(dir);
    await store.updateSettings(A, (current) => ({ ...current, cooldownSeconds: 5 }));
    await store.updateSettings(B, (current) => ({ ...current, cooldownSeconds: 7 }));
    await writeFile(path.join(dir, 'guilds', A, 'settings.json'), '{"cooldownSeco');
    const fresh = new GuildStore(dir);
    const damaged = await fresh.settings(A);
    expect(damaged.settings).toEqual(DEFAULT_GUILD_SETTINGS);
    expect(damaged.problem?.code).toBe('SETTINGS_CORRUPT');
    expect(damaged.problem?.hint).toContain('/config');
    expect((await fresh.settings(B)).settings.cooldownSeconds).toBe(7);
    // Setting them again rewrites the file whole.
    await fresh.updateSettings(A, (current) => ({ ...current, cooldownSeconds: 9 }));
    expect(JSON.parse(await readFile(path.join(dir, 'guilds', A, 'settings.json'), 'utf8')).cooldownSeconds).toBe(9);
  });

  it('GIVEN concurrent changes to one server THEN none is lost', async () => {
    const store = new GuildStore(await tempDir());
    const channels = ['300000000000000001', '300000000000000002', '300000000000000003', '300000000000000004'];
    await Promise.all(channels.map((id) => store.updateSettings(A, (current) => ({ ...current, allowedChannels: [...current.allowedChannels, id] }))));
    expect((await store.settings(A)).settings.allowedChannels.sort()).toEqual(channels);
  });

  it('GIVEN events with a torn last line THEN it is skipped and stats come from the rest, per server', async () => {
    const dir = await tempDir();
    const store = new GuildStore(dir);
    const question = { type: 'question' as const, at: '2026-11-22T00:00:00.000Z', answered: true, latencyMs: 12, refs: ['doc#p1'], mode: 'fused' as const };
    await store.record(A, { ...question, answerId: '1' });
    await store.record(A, { ...question, answerId: '2', answered: false, refs: [] });
    await store.record(B, { ...question, answerId: '3' });
    await writeFile(path.join(dir, 'guilds', A, 'events.jsonl'), `${await readFile(path.join(dir, 'guilds', A, 'events.jsonl'), 'utf8')}{"type":"ques`);
    const stats = summarizeEvents(await store.events(A));
    expect(stats).toMatchObject({ questions: 2, answered: 1, declined: 1, rejected: 0, topCited: [{ ref: 'doc#p1', count: 1 }] });
    expect(summarizeEvents(await store.events(B)).questions).toBe(1);
  });

  it('GIVEN a server id that is not a snowflake THEN no file is touched outside the data folder', async () => {
    const store = new GuildStore(await tempDir());
    await expect(store.record('../../etc', { type: 'feedback', at: '', answerId: '1', userId: '2', vote: 'up', refs: [] })).rejects.toThrow(
      'not a Discord server id',
    );
    await expect(store.updateSettings('..', (current) => current)).rejects.toThrow('not a Discord server id');
  });
});
