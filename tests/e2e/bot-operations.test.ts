import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, embedLength } from '../../src/discord/limits.js';
import { MANAGE_GUILD, startHarness } from '../support/bot-harness.js';
import { copyEssays } from '../support/corpus-copy.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { ESSAYS_DIR } from '../support/paths.js';
import { slowEmbedder } from '../support/slow-embedder.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
const users = Array.from({ length: 30 }, (_, i) => ({ username: `member${i}` }));
const question = (value: string) => [{ name: 'question', type: 3, value }];

describe('bot operations', () => {
  it('GIVEN a model that takes 2.5 s THEN /ask is still acknowledged within 3 s and answered after', async () => {
    let delay = 0;
    const harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: slowEmbedder(await testEmbedder(), () => delay), fake: { users } });
    try {
      delay = 2_500;
      const interaction = harness.discord.sendCommand({ name: 'ask', options: question('Who is Keith Kellogg?') });
      const ack = await interaction.acknowledged();
      expect(ack.elapsedMs).toBeLessThan(3_000);
      expect(ack.type).toBe(5); // deferred: "citebot is thinking…"
      const reply = await interaction.reply();
      expect(reply.message.embeds[0]?.description).toContain('Kellogg');
      expect(harness.discord.violations).toEqual([]);
    } finally {
      await harness.stop();
    }
  });

  it('GIVEN /config passages 5 and a broad question THEN a long answer stays within every Discord limit', async () => {
    const harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), fake: { users } });
    try {
      const [moderator, member] = harness.discord.users.map((user) => user.id);
      await harness.discord
        .sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: [{ name: 'passages', type: 1, options: [{ name: 'count', type: 4, value: 5 }] }] })
        .reply();
      const reply = await harness.discord
        .sendCommand({ name: 'ask', user: member, options: question('Putin Trump Kremlin Moscow Ukraine Russia war negotiations NATO sanctions Witkoff deal talks') })
        .reply();
      const embeds = reply.message.embeds;
      expect(embeds[0]?.fields?.length).toBe(4);
      expect(embeds.reduce((sum, embed) => sum + embedLength({ ...embed, fields: embed.fields ?? [], footer: embed.footer ?? { text: '' } }), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
      expect(harness.discord.violations).toEqual([]);
    } finally {
      await harness.stop();
    }
  });

  it('GIVEN /config changes THEN they survive a restart of the bot', async () => {
    const root = await tempDir();
    const discord = await FakeDiscord.start({ users });
    try {
      const first = await startHarness({ root, corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), discord });
      const moderator = discord.users[0]!.id;
      const cooldown = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 42 }] }];
      await discord.sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: cooldown }).reply();
      await first.bot.stop(2_000);

      const second = await startHarness({ root, corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), discord });
      const shown = await discord
        .sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: [{ name: 'show', type: 1, options: [] }] })
        .reply();
      expect(shown.message.embeds[0]?.fields?.find((field) => field.name === 'Cooldown')?.value).toBe('42 s per member');
      await second.bot.stop(2_000);
    } finally {
      await discord.stop();
    }
  });

  it('GIVEN questions in flight during /reindex THEN every question is answered and the new paragraph is then citable', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    let delay = 0;
    const harness = await startHarness({ root, corpusDir, embedder: slowEmbedder(await testEmbedder(), () => delay), fake: { users } });
    try {
      await appendFile(path.join(corpusDir, 'trump-putin-call.md'), '\nThe xylophone orchestra negotiated a zucchini treaty in Vladivostok.\n');
      delay = 300;
      const members = harness.discord.users.map((user) => user.id);
      const during = members.slice(1, 9).map((user) => harness.discord.sendCommand({ name: 'ask', user, options: question('What does the Kremlin want?') }));
      const reindex = harness.discord.sendCommand({ name: 'reindex', user: members[0], memberPermissions: MANAGE_GUILD });
      const replies = await Promise.all(during.map((interaction) => interaction.reply()));
      for (const reply of replies) expect(reply.message.embeds[0]?.description).toMatch(/^> /);
      const report = await reindex.reply(30_000);
      expect(report.message.embeds[0]?.description).toMatch(/\*\*0\*\* added · \*\*1\*\* updated · \*\*0\*\* removed · \*\*1\*\* unchanged/);
      delay = 0;
      const after = await harness.discord.sendCommand({ name: 'ask', user: members[10], options: question('zucchini treaty xylophone orchestra') }).reply();
      expect(after.message.embeds[0]?.description).toMatch(/— \*\*After the Trump–Putin phone call[^*]*\*\* · ¶17$/);
      expect(harness.discord.violations).toEqual([]);
    } finally {
      await harness.stop();
    }
  });

  it('GIVEN the gateway drops (resumable) THEN the bot resumes and keeps answering', async () => {
    const harness = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), fake: { users } });
    try {
      harness.discord.closeGateway(4000);
      const reply = await harness.discord.sendCommand({ name: 'ask', options: question('What did Thomas Graham say?') }).reply(20_000);
      expect(reply.message.embeds[0]?.description).toContain('Thomas Graham');
      expect(harness.discord.resumes).toBeGreaterThanOrEqual(1);
      expect(harness.discord.identifies).toBe(1);
    } finally {
      await harness.stop();
    }
  }, 30_000);

  it('GIVEN a DM THEN it is answered by default and refused when ALLOW_DMS=false', async () => {
    const open = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), fake: { users } });
    try {
      const user = open.discord.users[0]!.id;
      open.discord.sendMessage({ content: 'Who is Kirill Dmitriev?', dm: true, author: user });
      const answer = await open.discord.waitFor(() => open.discord.channelMessages(open.discord.dmChannelWith(user)).find((m) => m.message.embeds.length > 0));
      expect(answer.message.embeds[0]?.description).toContain('Dmitriev');
    } finally {
      await open.stop();
    }
    const closed = await startHarness({ root: await tempDir(), corpusDir: ESSAYS_DIR, embedder: await testEmbedder(), fake: { users }, env: { ALLOW_DMS: 'false' } });
    try {
      const user = closed.discord.users[0]!.id;
      closed.discord.sendMessage({ content: 'Who is Kirill Dmitriev?', dm: true, author: user });
      const refusal = await closed.discord.waitFor(() => closed.discord.channelMessages(closed.discord.dmChannelWith(user))[0]);
      expect(refusal.message.content).toContain('I only answer questions in servers');
    } finally {
      await closed.stop();
    }
  });
});
