import type { MessagePayload } from './render/payload.js';

/** Short plain messages: refusals, rate-limit notices, apologies. Never a stack trace, never a CLI command. */
export const notice = (text: string): MessagePayload => ({ content: text });

export const cooldownNotice = (waitMs: number) =>
  notice(`You’re asking quickly! Please wait ${Math.ceil(waitMs / 1000)} s before your next question.`);

export const channelNotice = (allowed: readonly string[]) =>
  notice(`I answer questions in ${allowed.map((id) => `<#${id}>`).join(', ')}. Please ask there.`);

export const apology = (reference: string) =>
  notice(`Sorry, something went wrong on my side while answering. It has been logged (reference \`${reference}\`); please try again in a moment.`);

export const expiredNotice = notice('This answer is too old for its buttons to work. Please ask again with /ask.');

export const drainingNotice = notice('I’m restarting right now. Please ask again in a minute.');

export const dmRefusal = notice('I only answer questions in servers. Ask me there with /ask or by mentioning me.');

export const mentionHelp = notice('Ask me a question about the essays, for example: “What does the Kremlin want from the talks?”');

export const notCoveredNotice = notice('The essays don’t cover that, as far as I can tell. Use `/sources` to see what they are about.');

export const noTextNotice = notice('That message has no text I can look up. Pick a message with a question in it, or use /ask.');
