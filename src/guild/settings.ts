import { z } from 'zod';

const channelId = z.string().regex(/^\d{17,20}$/);

/** How long an idle thread stays open, in minutes: the only values Discord accepts (1 hour, 1 day, 3 days, 1 week). */
export const THREAD_ARCHIVE_MINUTES = [60, 1440, 4320, 10080] as const;
export type ThreadArchiveMinutes = (typeof THREAD_ARCHIVE_MINUTES)[number];

/** What moderators steer with /config, per server. */
export const guildSettingsSchema = z.object({
  /** Channels where the bot answers; empty means every channel it can see. */
  allowedChannels: z.array(channelId).max(100).default([]),
  /** Whether /ask answers are private (ephemeral) unless the asker says otherwise. */
  privateByDefault: z.boolean().default(false),
  /** Seconds a member waits between questions; 0 turns the limit off. */
  cooldownSeconds: z.number().int().min(0).max(3600).default(15),
  /** Passages shown per answer page. */
  passages: z.number().int().min(1).max(5).default(3),
  /** How sure the engine must be to answer rather than say "not covered". */
  strictness: z.enum(['lenient', 'normal', 'strict']).default('normal'),
  /** Answer a mention in a new thread started from the question, so the conversation stays there. */
  threadAnswers: z.boolean().default(false),
  /** Auto-archive duration of the threads the bot opens. */
  threadArchiveMinutes: z.literal([...THREAD_ARCHIVE_MINUTES]).default(1440),
  /** Forum channels where each new post is answered in its own thread. */
  forumChannels: z.array(channelId).max(25).default([]),
  /**
   * Whether "the essays don't cover this" may be posted publicly (to /ask and
   * mentions, when there are closest passages to show); otherwise only the asker sees it.
   */
  publicDeclines: z.boolean().default(false),
});

export type GuildSettings = z.infer<typeof guildSettingsSchema>;

export const DEFAULT_GUILD_SETTINGS: GuildSettings = guildSettingsSchema.parse({});

export function isChannelAllowed(settings: GuildSettings, channelId: string, parentChannelId: string | null): boolean {
  if (settings.allowedChannels.length === 0) return true;
  // A thread inherits its parent channel's permission; a forum the bot answers in counts as allowed.
  const allowed = [...settings.allowedChannels, ...settings.forumChannels];
  return allowed.includes(channelId) || (parentChannelId !== null && allowed.includes(parentChannelId));
}
