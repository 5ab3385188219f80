import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEntryPoint } from '../support/run-cli.js';

/** A bot token's shape: the application id in base64, a timestamp, an HMAC. */
const TOKEN = `${Buffer.from('123456789012345678').toString('base64')}.GhIjKl.s3cr3t-HMAC-part_0123456789abcdefghijklmn`;
let server: Server | undefined;

/** A REST server that rejects every request and, like Discord's error texts can, quotes the credentials it was sent. */
async function echoingRestServer(): Promise<string> {
  server = createServer((request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: `401: Unauthorized token ${request.headers.authorization ?? ''}`, code: 0 }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function run(entry: string, env: Record<string, string>, args: string[] = []) {
  const process = startEntryPoint(entry, { LOG_LEVEL: 'info', ...env }, args);
  const code = await process.exited();
  return { code, output: process.output() };
}

describe('the bot token never reaches a terminal or log', () => {
  it('GIVEN Discord rejecting `npm run register` with an error that quotes the token THEN the one line printed has it redacted', async () => {
    const api = await echoingRestServer();
    const { code, output } = await run('src/register.ts', { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: api, DISCORD_GUILD_ID: '100000000000000001' });
    expect(code).toBe(1);
    expect(output).not.toContain(TOKEN);
    expect(output.trim().split('\n')).toEqual([expect.stringMatching(/^citebot: registering commands failed: .*401: Unauthorized token Bot \[redacted\]$/)]);
  });

  // With DISCORD_TOKEN set too, each entry point's own scrubbing is tested; without, the setting's message must not echo it.
  it.each<[string, string[], Record<string, string>[]]>([
    ['src/register.ts', [], [{ DISCORD_TOKEN: TOKEN, REINDEX_GUILDS: TOKEN }, { REINDEX_GUILDS: `100000000000000001, ${TOKEN}` }]],
    ['src/main.ts', [], [{ DISCORD_TOKEN: TOKEN, REINDEX_GUILDS: TOKEN }]],
    ['src/shards.ts', [], [{ DISCORD_TOKEN: TOKEN, REINDEX_GUILDS: TOKEN }]],
    ['src/cli/main.ts', ['sources'], [{ DISCORD_TOKEN: TOKEN, REINDEX_GUILDS: TOKEN }]],
  ])('GIVEN the token pasted into REINDEX_GUILDS THEN %s refuses the setting without echoing it', async (entry, args, envs) => {
    for (const env of envs) {
      const { code, output } = await run(entry, env, args);
      expect(code).toBe(2);
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(TOKEN.slice(0, 24));
      expect(output).toContain('REINDEX_GUILDS entry');
    }
  });
});
