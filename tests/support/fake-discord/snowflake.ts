/** Discord's epoch (2015-01-01); discord.js derives `createdTimestamp` from ids, so ids must encode real time. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Issues increasing, time-based snowflakes like Discord's id generator (timestamp << 22 | increment). */
export class SnowflakeFactory {
  private increment = 0n;

  next(): string {
    const elapsed = BigInt(Date.now()) - DISCORD_EPOCH_MS;
    this.increment = (this.increment + 1n) & 0xfffn;
    return ((elapsed << 22n) | this.increment).toString();
  }
}

/** Which shard receives a guild's events: Discord's documented formula. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
