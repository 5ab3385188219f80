import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.js';
import { copyEssays } from '../support/corpus-copy.js';
import { readEssay } from '../support/documents/essay-model.js';
import { essayFile, PUBLICATION } from '../support/documents/format-corpus.js';
import type { FakeMessage } from '../support/fake-discord/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { testEmbedder } from '../support/test-embedder.js';

const tempDir = useTempDirs();
let harness: Harness;
const TITLE = readEssay('trump-putin-call').title;

beforeAll(async () => {
  const root = await tempDir();
  const corpus = await copyEssays(root);
  // The call essay as a journal would print it (pp. 12–14), with the publication in a sidecar.
  await writeFile(path.join(corpus, 'call-in-print.pdf'), (await essayFile('pdf', 'trump-putin-call')).bytes);
  await writeFile(path.join(corpus, 'call-in-print.meta.yaml'), `publication: ${PUBLICATION}\ndate: 2025-02-13\nsource_url: https://example.org/politika/call\n`);
  harness = await startHarness({ root, corpusDir: corpus, embedder: await testEmbedder(), fake: { users: [{ username: 'reader' }] } });
}, 90_000);

afterAll(async () => {
  await harness?.stop();
});

function customIds(message: FakeMessage): string[] {
  const rows = (message.message.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).flatMap((component) => (component.custom_id ? [component.custom_id] : []));
}

describe('citing a passage in Discord', () => {
  it('GIVEN /passage on a PDF paragraph THEN its title shows the page next to ¶N, and "Cite" replies privately in three styles', async () => {
    const user = harness.discord.users[0]!.id;
    const passage = await harness.discord.sendCommand({ name: 'passage', user, options: [{ name: 'ref', type: 3, value: 'call-in-print#p1' }] }).reply();
    expect(passage.message.embeds[0]!.title).toBe(`${TITLE} · p. 12 · ¶1`);
    const cite = customIds(passage).find((id) => id.startsWith('cite:'));
    expect(cite).toBe('cite:call-in-print#p1');
    const reply = await harness.discord.clickButton({ message: passage, customId: cite!, user }).reply();
    expect(reply.ephemeral).toBe(true);
    const text = reply.message.content ?? '';
    expect(text).toContain(`**Chicago**\nTatiana Stanovaya, “${TITLE},” *${PUBLICATION}*, February 13, 2025, 12, para. 1, https://example.org/politika/call.`);
    expect(text).toContain(`**MLA**\nStanovaya, Tatiana. “${TITLE}.” *${PUBLICATION}*, 13 Feb. 2025, p. 12, par. 1, example.org/politika/call.`);
    expect(text).toContain(`**APA**\nStanovaya, T. (2025, February 13). ${TITLE}. *${PUBLICATION}*, p. 12, para. 1. https://example.org/politika/call`);
    expect(harness.discord.violations).toEqual([]);
  });

  it('GIVEN "Full ¶" on an answer THEN the paragraph it shows has a Cite button too', async () => {
    const user = harness.discord.users[0]!.id;
    const answer = await harness.discord.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: 3, value: 'Who is Kirill Dmitriev?' }] }).reply();
    const full = await harness.discord.clickButton({ message: answer, customId: customIds(answer).find((id) => id.startsWith('cb:full:'))!, user }).reply();
    const cite = customIds(full).find((id) => id.startsWith('cite:'))!;
    expect(cite).toBe(`cite:${full.message.embeds[0]!.footer!.text}`);
    const reply = await harness.discord.clickButton({ message: full, customId: cite, user }).reply();
    expect(reply.message.content).toMatch(/\*\*Chicago\*\*\n.*para\. \d+/);
  });
});
