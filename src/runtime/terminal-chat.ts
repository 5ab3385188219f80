import { createInterface } from 'node:readline';
import { renderAnswer } from '../cli/render-answer.js';
import { formatError } from '../core/errors.js';
import type { EngineHolder } from './engine-holder.js';

const HOW_TO_CONNECT = `No DISCORD_TOKEN is set, so citebot is answering here in the terminal.
To run it on Discord: create an application at https://discord.com/developers/applications,
put its bot token in .env as DISCORD_TOKEN, run \`npm run register\` once, then \`npm start\`.
(docs/deploy.md has the details.)
`;

/**
 * The same answer engine as the bot, on stdin/stdout: a fresh clone runs its
 * main job with no credentials. Reads one question per line until end of input.
 */
export async function runTerminalChat(engines: EngineHolder, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const interactive = 'isTTY' in input && input.isTTY === true;
  output.write(`${HOW_TO_CONNECT}\n`);
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const prompt = () => output.write('Ask about the essays (Ctrl+D to quit) › ');
  prompt();
  for await (const line of lines) {
    const current = engines.current();
    if (line.trim() !== '' && current) {
      const answer = await current.engine.ask(line);
      output.write(`${answer.ok ? renderAnswer(answer.value, { colour: interactive }) : formatError(answer.error)}\n\n`);
    }
    prompt();
  }
  output.write('\n');
}
