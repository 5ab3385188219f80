import { addCommand } from './add.js';
import { askCommand } from './ask.js';
import type { CliCommand } from './command.js';
import { evalCommand } from './eval.js';
import { indexCommand } from './index-command.js';
import { passageCommand } from './passage.js';
import { sourcesCommand } from './sources.js';
import { verifyCommand } from './verify.js';

/** Every CLI command, in the order `--help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  indexCommand,
  addCommand,
  sourcesCommand,
  passageCommand,
  verifyCommand,
  askCommand,
  evalCommand,
];
