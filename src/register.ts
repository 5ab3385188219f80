import { parseConfig, readDotenvFile } from './config/load-config.js';
import { formatError } from './core/errors.js';
import { registerCommands } from './discord/register.js';

/** `npm run register`: publishes the slash commands to Discord. */
readDotenvFile();
const config = parseConfig(process.env);
if (!config.ok) {
  process.stderr.write(`citebot: ${formatError(config.error)}\n`);
  process.exitCode = 2;
} else {
  try {
    process.stdout.write(`${await registerCommands(config.value)}\n`);
  } catch (error) {
    process.stderr.write(`citebot: registering commands failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
