import { Command } from 'commander';
import { readDotenvFile } from '../config/load-config.js';
import { CitebotFailure } from '../core/errors.js';
import { CLI_COMMANDS } from './commands/all.js';
import { LazyCliContext } from './context.js';

readDotenvFile();
const context = new LazyCliContext();
const program = new Command('citebot')
  .description('Answer questions from a set of essays by quoting them: maintainer commands')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    throw error;
  });
for (const defineCommand of CLI_COMMANDS) program.addCommand(defineCommand(context));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CitebotFailure) {
    process.stderr.write(`citebot: ${error.message}\n`);
    process.exitCode = 2;
  } else if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('commander.'))) {
    throw error;
  }
} finally {
  await context.close();
}
