import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CitebotError, citebotError } from '../core/errors.js';
import { writeFileAtomic } from '../storage/atomic-file.js';
import { type GuildEvent, guildEventSchema } from './events.js';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings, guildSettingsSchema } from './settings.js';

const GUILD_ID = /^\d{17,20}$/;

export interface LoadedSettings {
  readonly settings: GuildSettings;
  /** Set when the stored file was damaged and defaults were used instead. */
  readonly problem?: CitebotError;
}

/**
 * Per-server settings and events on disk, one folder per server, so a damaged
 * file costs one server its settings and no other. Settings are replaced
 * atomically; events are appended one JSON line at a time, and a line torn by a
 * crash is skipped on reading.
 */
export class GuildStore {
  private readonly cache = new Map<string, GuildSettings>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly dataDir: string) {}

  async settings(guildId: string): Promise<LoadedSettings> {
    const cached = this.cache.get(guildId);
    if (cached) return { settings: cached };
    const file = this.file(guildId, 'settings.json');
    let loaded: LoadedSettings;
    try {
      loaded = { settings: guildSettingsSchema.parse(JSON.parse(await readFile(file, 'utf8'))) };
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      loaded = missing
        ? { settings: DEFAULT_GUILD_SETTINGS }
        : { settings: DEFAULT_GUILD_SETTINGS, problem: citebotError('SETTINGS_CORRUPT', { file, reason: describe(error) }) };
    }
    this.cache.set(guildId, loaded.settings);
    return loaded;
  }

  async updateSettings(guildId: string, change: (current: GuildSettings) => GuildSettings): Promise<GuildSettings> {
    return this.serialised(guildId, async () => {
      const next = guildSettingsSchema.parse(change((await this.settings(guildId)).settings));
      await mkdir(this.folder(guildId), { recursive: true });
      await writeFileAtomic(this.file(guildId, 'settings.json'), `${JSON.stringify(next, null, 2)}\n`);
      this.cache.set(guildId, next);
      return next;
    });
  }

  async record(guildId: string, event: GuildEvent): Promise<void> {
    await this.serialised(guildId, async () => {
      await mkdir(this.folder(guildId), { recursive: true });
      await appendFile(this.file(guildId, 'events.jsonl'), `${JSON.stringify(event)}\n`);
    });
  }

  async events(guildId: string): Promise<GuildEvent[]> {
    let raw: string;
    try {
      raw = await readFile(this.file(guildId, 'events.jsonl'), 'utf8');
    } catch {
      return [];
    }
    return raw.split('\n').flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [guildEventSchema.parse(JSON.parse(line))];
      } catch {
        return [];
      }
    });
  }

  /** One write at a time per server, so two /config changes cannot lose each other. */
  private async serialised<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.writes.get(guildId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.writes.set(guildId, settled);
    try {
      return await run;
    } finally {
      if (this.writes.get(guildId) === settled) this.writes.delete(guildId);
    }
  }

  private folder(guildId: string): string {
    // Server ids come from Discord, but they still name folders: never let one escape DATA_DIR.
    if (!GUILD_ID.test(guildId)) throw new Error(`not a Discord server id: ${guildId.slice(0, 30)}`);
    return path.join(this.dataDir, 'guilds', guildId);
  }

  private file(guildId: string, name: string): string {
    return path.join(this.folder(guildId), name);
  }
}

function describe(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  if (error && typeof error === 'object' && 'issues' in error) return 'invalid values';
  return error instanceof Error ? error.message : String(error);
}
