import { parseConfig, readDotenvFile } from './config/load-config.js';
import { formatError } from './core/errors.js';
import { scrubSecrets } from './core/secrets.js';
import { registerCommands } from './discord/register.js';

/**
 * `npm run register`: publishes the slash commands to Discord. Discord's error
 * texts can quote the token they rejected, so every line printed is scrubbed.
 */
readDotenvFile();
const config = parseConfig(process.env);
if (!config.ok) {
  process.stderr.write(scrubSecrets(`citebot: ${formatError(config.error)}\n`));
  process.exitCode = 2;
} else {
  const secrets = [config.value.DISCORD_TOKEN, process.env.DISCORD_TOKEN];
  try {
    process.stdout.write(scrubSecrets(`${await registerCommands(config.value)}\n`, secrets));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(scrubSecrets(`citebot: registering commands failed: ${reason.split('\n')[0]}\n`, secrets));
    process.exitCode = 1;
  }
}
