import { Command } from 'commander';
import { readDotenvFile } from '../config/load-config.js';
import { CitebotFailure } from '../core/errors.js';
import { scrubSecrets } from '../core/secrets.js';
import { exitOnStopSignals, exitQuietlyWhenOutputCloses, stopWhenOrphaned } from '../runtime/process-guards.js';
import { CLI_COMMANDS } from './commands/all.js';
import { LazyCliContext } from './context.js';

exitQuietlyWhenOutputCloses();
exitOnStopSignals();
stopWhenOrphaned(() => {
  process.stderr.write('citebot: the process that started this command has gone; stopping.\n');
  process.exit(1);
});
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
    process.stderr.write(scrubSecrets(`citebot: ${error.message}\n`));
    process.exitCode = 2;
  } else if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('commander.'))) {
    throw error;
  }
} finally {
  await context.close();
}
