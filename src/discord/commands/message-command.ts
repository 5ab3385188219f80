import type { MessageContextMenuCommandInteraction, RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/** A command in a message's Apps menu (right-click or long-press a message): its registration data and its handler. */
export interface MessageCommand {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void>;
}
