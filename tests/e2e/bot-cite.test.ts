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

interface Button {
  readonly custom_id: string;
  readonly label?: string;
}
const buttonsOf = (message: FakeMessage): Button[] => ((message.message.components ?? []) as unknown as { components: Button[] }[]).flatMap((row) => row.components);

describe('citing a passage in Discord', () => {
  it('GIVEN /passage on a PDF paragraph THEN its title shows the page next to ¶N, and "Cite ¶1" replies privately in three styles', async () => {
    const user = harness.discord.users[0]!.id;
    const passage = await harness.discord.sendCommand({ name: 'passage', user, options: [{ name: 'ref', type: 3, value: 'call-in-print#p1' }] }).reply();
    expect(passage.message.embeds[0]!.title).toBe(`${TITLE} · p. 12 · ¶1`);
    const cite = buttonsOf(passage).find((button) => button.label === 'Cite ¶1');
    expect(cite?.custom_id).toMatch(/^cb:cite:\d+:0$/);
    const reply = await harness.discord.clickButton({ message: passage, customId: cite!.custom_id, user }).reply();
    expect(reply.ephemeral).toBe(true);
    const text = reply.message.content ?? '';
    expect(text).toMatch(/^How to cite call-in-print#p1:/);
    expect(text).toContain(`**Chicago**\nTatiana Stanovaya, “${TITLE},” *${PUBLICATION}*, February 13, 2025, 12, para. 1, https://example.org/politika/call.`);
    expect(text).toContain(`**MLA**\nStanovaya, Tatiana. “${TITLE}.” *${PUBLICATION}*, 13 Feb. 2025, p. 12, par. 1, example.org/politika/call.`);
    expect(text).toContain(`**APA**\nStanovaya, T. (2025, February 13). ${TITLE}. *${PUBLICATION}*, p. 12, para. 1. https://example.org/politika/call`);
    expect(harness.discord.violations).toEqual([]);
  });

  it('GIVEN /passage with a PDF page THEN the first paragraph printed on it; a page the document lacks is named', async () => {
    const user = harness.discord.users[0]!.id;
    const onPage = await harness.discord.sendCommand({ name: 'passage', user, options: [{ name: 'ref', type: 3, value: 'call-in-print#page=13' }] }).reply();
    expect(onPage.message.embeds[0]!.title).toMatch(/ · (?:p\. 13|pp\. 12–13) · ¶\d+$/);
    const missing = await harness.discord.sendCommand({ name: 'passage', user, options: [{ name: 'ref', type: 3, value: 'call-in-print#page=99' }] }).reply();
    expect(missing.ephemeral).toBe(true);
    expect(missing.message.content).toBe('No paragraph of `call-in-print` is printed on page 99. Use `/sources` to see the essays.');
  });

  it('GIVEN an answer THEN each passage has a "Cite ¶N" button, and "Full ¶" shows the paragraph with the same button', async () => {
    const user = harness.discord.users[0]!.id;
    const answer = await harness.discord.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: 3, value: 'Who is Kirill Dmitriev?' }] }).reply();
    const full = buttonsOf(answer).find((button) => button.custom_id.startsWith('cb:full:'))!;
    const cite = buttonsOf(answer).find((button) => button.custom_id.startsWith('cb:cite:'))!;
    expect(cite.custom_id).toBe(full.custom_id.replace('cb:full:', 'cb:cite:'));
    const reply = await harness.discord.clickButton({ message: answer, customId: cite.custom_id, user }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/\*\*Chicago\*\*\n.*para\. \d+/);
    const paragraph = await harness.discord.clickButton({ message: answer, customId: full.custom_id, user }).reply();
    expect(buttonsOf(paragraph).map((button) => button.custom_id)).toEqual([cite.custom_id]);
    const again = await harness.discord.clickButton({ message: paragraph, customId: cite.custom_id, user }).reply();
    expect(again.message.content).toBe(reply.message.content);
  });
});
