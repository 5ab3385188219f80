import type { FakeMessage } from './fake-discord/index.js';

/** A command line a maintainer would type: members never need one (they get plain words and slash commands). */
const CLI = /\b(?:npm|npx|pnpm|yarn|tsx)\b|(?:^|\s)--[a-z]/iu;
/** Text the bot repeats from a member (their question) or quotes from an essay; judged elsewhere, not here. */
const ECHOES = /“[^”]*”/gu;
/** Discord's "thinking…" acknowledgements carry no text. */
const DEFERRALS = new Set([5, 6]);

interface Texts {
  sentences: string[];
  labels: string[];
}

interface Body {
  content?: string | null;
  embeds?: { title?: string; description?: string; footer?: { text?: string }; author?: { name?: string }; fields?: { name: string }[] }[] | null;
  components?: { label?: string; components?: { label?: string }[] }[] | null;
}

function textsOf(body: Body): Texts {
  const sentences: string[] = [];
  const labels: string[] = [];
  if (body.content) sentences.push(body.content);
  for (const embed of body.embeds ?? []) {
    if (embed.title) sentences.push(embed.title);
    // A description that starts with a quote block is an essay's words.
    if (embed.description && !embed.description.startsWith('> ')) sentences.push(embed.description);
    if (embed.footer?.text) sentences.push(embed.footer.text);
    if (embed.author?.name) sentences.push(embed.author.name);
    for (const field of embed.fields ?? []) sentences.push(field.name);
  }
  for (const row of body.components ?? []) for (const component of row.components ?? []) if (component.label) labels.push(component.label);
  return { sentences, labels };
}

/**
 * Everything the bot showed members, checked against the project's rule for
 * member-facing words: no command line anywhere, and every sentence, title and
 * button label starting with a capital (or a digit, an emoji, a quote).
 */
export function memberWordingProblems(messages: readonly FakeMessage[]): string[] {
  const problems: string[] = [];
  for (const message of messages) {
    for (const payload of message.payloads as { type?: number; data?: Body }[]) {
      if (payload.type !== undefined && DEFERRALS.has(payload.type)) continue;
      const { sentences, labels } = textsOf((payload.data ?? payload) as Body);
      for (const text of [...sentences, ...labels]) {
        const own = text.replace(ECHOES, '“…”');
        if (CLI.test(own)) problems.push(`a command line in ${JSON.stringify(text.slice(0, 200))}`);
        const first = own.match(/[\p{L}\p{N}]/u)?.[0];
        if (!own.startsWith('“') && first && first !== first.toUpperCase()) problems.push(`starts in lower case: ${JSON.stringify(text.slice(0, 200))}`);
      }
    }
  }
  return [...new Set(problems)];
}
