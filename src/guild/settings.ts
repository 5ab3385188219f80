import { z } from 'zod';

/** What moderators steer with /config, per server. */
export const guildSettingsSchema = z.object({
  /** Channels where the bot answers; empty means every channel it can see. */
  allowedChannels: z.array(z.string().regex(/^\d{17,20}$/)).max(100).default([]),
  /** Whether /ask answers are private (ephemeral) unless the asker says otherwise. */
  privateByDefault: z.boolean().default(false),
  /** Seconds a member waits between questions; 0 turns the limit off. */
  cooldownSeconds: z.number().int().min(0).max(3600).default(15),
  /** Passages shown per answer page. */
  passages: z.number().int().min(1).max(5).default(3),
  /** How sure the engine must be to answer rather than say "not covered". */
  strictness: z.enum(['lenient', 'normal', 'strict']).default('normal'),
});

export type GuildSettings = z.infer<typeof guildSettingsSchema>;

export const DEFAULT_GUILD_SETTINGS: GuildSettings = guildSettingsSchema.parse({});

export function isChannelAllowed(settings: GuildSettings, channelId: string, parentChannelId: string | null): boolean {
  if (settings.allowedChannels.length === 0) return true;
  // A thread inherits its parent channel's permission.
  return settings.allowedChannels.includes(channelId) || (parentChannelId !== null && settings.allowedChannels.includes(parentChannelId));
}
