import { askCommand } from './ask.js';
import { configCommand } from './config.js';
import { findInEssaysCommand } from './find-in-essays.js';
import type { MessageCommand } from './message-command.js';
import { passageCommand } from './passage.js';
import { reindexCommand } from './reindex.js';
import type { SlashCommand } from './slash-command.js';
import { sourcesCommand } from './sources.js';
import { statsCommand } from './stats.js';

/** Every slash command, registered by `npm run register` and routed by name. */
export const SLASH_COMMANDS: readonly SlashCommand[] = [askCommand, passageCommand, sourcesCommand, reindexCommand, configCommand, statsCommand];

/** Every message command (a message's Apps menu), registered and routed the same way. */
export const MESSAGE_COMMANDS: readonly MessageCommand[] = [findInEssaysCommand];
