import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGE_GUILD, startHarness } from '../support/bot-harness.js';
import { copyEssays } from '../support/corpus-copy.js';
import { slowEmbedder } from '../support/slow-embedder.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();

/** Every quoted excerpt of a reply, with the "…" and block-quote markers removed and markdown escapes undone. */
function quotesOf(embed: { description?: string; fields?: { value: string }[] }): string[] {
  const blocks = [embed.description ?? '', ...(embed.fields ?? []).map((field) => field.value)];
  return blocks.flatMap((block) =>
    block
      .split('\n')
      .filter((line) => line.startsWith('> ') && !line.startsWith('> — '))
      .map((line) => line.slice(2).replace(/^… /, '').replace(/ …$/, '').replaceAll('\\', '')),
  );
}

describe('reindex during a burst of questions', () => {
  it('GIVEN /reindex while 24 questions are in flight THEN every answer arrives, quoting one version of the essay, never a mix', async () => {
    const root = await tempDir();
    const corpusDir = await copyEssays(root);
    let delay = 0;
    const users = Array.from({ length: 30 }, (_, i) => ({ username: `member${i}` }));
    const harness = await startHarness({ root, corpusDir, embedder: slowEmbedder(await testEmbedder(), () => delay), fake: { users } });
    try {
      const file = path.join(corpusDir, 'trump-putin-call.md');
      const before = await readFile(file, 'utf8');
      const after = before
        .replace('Keith Kellogg from direct contact with Moscow', 'Keith Kellogg from every channel to Moscow')
        .replace('whom Putin named as his chief negotiator', 'whom Putin appointed chief negotiator');
      expect(after).not.toBe(before);
      await writeFile(file, after);

      delay = 50;
      const members = harness.discord.users.map((user) => user.id);
      const questions = ['Who is Keith Kellogg?', 'Is Medinsky the chief negotiator?', 'What did Washington do with Kellogg?'];
      const first = members.slice(1, 13).map((user, i) => harness.discord.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: 3, value: questions[i % 3]! }] }));
      const reindex = harness.discord.sendCommand({ name: 'reindex', user: members[0], memberPermissions: MANAGE_GUILD });
      const second = members.slice(13, 25).map((user, i) => harness.discord.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: 3, value: questions[i % 3]! }] }));
      const replies = await Promise.all([...first, ...second].map((interaction) => interaction.reply(20_000)));
      expect((await reindex.reply(30_000)).message.embeds[0]?.title).toBe('Reindex finished');

      const versions = [before, after, await readFile(path.join(corpusDir, 'putin-witkoff-meeting.md'), 'utf8')];
      for (const reply of replies) {
        const quotes = quotesOf(reply.message.embeds[0]!);
        expect(quotes.length).toBeGreaterThan(0);
        // Some single version of the essays (old or new, plus the unchanged one) contains every quote of this reply.
        const consistent = [0, 1].some((v) => quotes.every((quote) => versions[v]!.includes(quote) || versions[2]!.includes(quote)));
        expect(consistent, quotes.join(' | ')).toBe(true);
      }
      expect(harness.discord.violations).toEqual([]);
    } finally {
      await harness.stop();
    }
  }, 60_000);
});
