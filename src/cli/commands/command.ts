import type { Command } from 'commander';
import type { LazyCliContext } from '../context.js';

/** One CLI command: builds its commander definition around the shared, lazily created context. */
export type CliCommand = (context: LazyCliContext) => Command;
