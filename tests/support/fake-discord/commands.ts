import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
} from 'discord.js';
import { problem, type FormProblem } from './limits.js';
import type { SnowflakeFactory } from './snowflake.js';

/** A command or option as a bot registers it (loosely typed: it arrives as JSON from the bot). */
export interface CommandOptionJson {
  type: number;
  name: string;
  description?: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: CommandOptionJson[];
}

export interface CommandJson {
  name: string;
  type?: number;
  description?: string;
  options?: CommandOptionJson[];
  default_member_permissions?: string | null;
  contexts?: number[] | null;
  integration_types?: number[];
  nsfw?: boolean;
}

/** Options as a test sends them in an interaction: like Discord's, plus `focused` for autocomplete. */
export interface InvocationOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InvocationOption[];
}

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const DESCRIPTION_MAX = 100;
const OPTIONS_MAX = 25;
const CHOICES_MAX = 25;
const CHOICE_NAME_MAX = 100;
const NESTING_TYPES = new Set<number>([ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup]);

function nameProblems(name: unknown, path: FormProblem['path'], lowercase: boolean): FormProblem[] {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    return [problem([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid')];
  }
  if (lowercase && name !== name.toLowerCase()) {
    return [problem([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lowercase')];
  }
  return [];
}

function contextMenuNameProblems(name: unknown, path: FormProblem['path']): FormProblem[] {
  if (typeof name === 'string' && name.trim().length >= 1 && [...name].length <= 32) return [];
  return [problem([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid')];
}

function descriptionProblems(description: unknown, path: FormProblem['path']): FormProblem[] {
  if (typeof description !== 'string' || description.length < 1 || description.length > DESCRIPTION_MAX) {
    return [problem([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${DESCRIPTION_MAX} in length.`)];
  }
  return [];
}

/** Checks one option on its own: name, description, nesting rules, choices. */
function optionProblems(option: CommandOptionJson, at: FormProblem['path'], parentType: number | undefined): FormProblem[] {
  const problems = [...nameProblems(option.name, at, true), ...descriptionProblems(option.description, at)];
  const invalidType = 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID';
  if (option.type === ApplicationCommandOptionType.SubcommandGroup && parentType !== undefined) {
    problems.push(problem([...at, 'type'], invalidType, 'Subcommand groups can only be top-level options'));
  }
  if (parentType === ApplicationCommandOptionType.SubcommandGroup && option.type !== ApplicationCommandOptionType.Subcommand) {
    problems.push(problem([...at, 'type'], invalidType, 'Subcommand groups may only contain subcommands'));
  }
  const choices = option.choices ?? [];
  if (choices.length > CHOICES_MAX) {
    problems.push(problem([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CHOICES_MAX} or fewer in length.`));
  }
  if (choices.length && option.autocomplete) {
    const code = 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES';
    problems.push(problem([...at, 'autocomplete'], code, 'Autocomplete cannot be used with choices'));
  }
  for (const [j, choice] of choices.entries()) {
    if (choice.name.length < 1 || choice.name.length > CHOICE_NAME_MAX) {
      problems.push(problem([...at, 'choices', j, 'name'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${CHOICE_NAME_MAX} in length.`));
    }
  }
  if (NESTING_TYPES.has(option.type)) problems.push(...optionListProblems(option.options ?? [], [...at, 'options'], option.type));
  return problems;
}

/** Checks an option list as a whole (count, mixing, unique names, required-first), then each option. */
function optionListProblems(options: CommandOptionJson[], path: FormProblem['path'], parentType?: number): FormProblem[] {
  const problems: FormProblem[] = [];
  if (options.length > OPTIONS_MAX) problems.push(problem(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${OPTIONS_MAX} or fewer in length.`));
  const nesting = options.filter((o) => NESTING_TYPES.has(o.type)).length;
  if (nesting > 0 && nesting < options.length) {
    problems.push(problem(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands cannot be mixed with other options'));
  }
  const names = new Set<string>();
  let sawOptional = false;
  for (const [i, option] of options.entries()) {
    const at = [...path, i];
    if (names.has(option.name)) {
      problems.push(problem([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique'));
    }
    names.add(option.name);
    if (option.required && sawOptional) {
      const code = 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID';
      problems.push(problem([...at, 'required'], code, 'Required options must come before optional ones'));
    }
    if (!option.required) sawOptional = true;
    problems.push(...optionProblems(option, at, parentType));
  }
  return problems;
}

/** Discord's validation of one command in a registration request. */
export function commandProblems(command: CommandJson, path: FormProblem['path']): FormProblem[] {
  const type = command.type ?? ApplicationCommandType.ChatInput;
  const isChatInput = type === ApplicationCommandType.ChatInput;
  // Context menu names are what the Apps menu shows: any case, spaces allowed, 1 to 32 characters.
  const problems = isChatInput ? nameProblems(command.name, path, true) : contextMenuNameProblems(command.name, path);
  if (isChatInput) {
    problems.push(...descriptionProblems(command.description, path));
    problems.push(...optionListProblems(command.options ?? [], [...path, 'options']));
  } else if (command.description) {
    problems.push(problem([...path, 'description'], 'BASE_TYPE_MAX_LENGTH', 'Context menu commands cannot have a description'));
  }
  return problems;
}

/** Commands registered per scope ("global" or a guild id), as Discord stores them. */
export class CommandRegistry {
  private readonly byScope = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly ids: SnowflakeFactory,
    private readonly applicationId: string,
  ) {}

  get all(): APIApplicationCommand[] {
    return [...this.byScope.values()].flat();
  }

  list(guildId: string | undefined): APIApplicationCommand[] {
    return this.byScope.get(guildId ?? 'global') ?? [];
  }

  /** Bulk overwrite (PUT): replaces the scope; a command keeps its id when name and type are unchanged. */
  overwrite(guildId: string | undefined, bodies: CommandJson[]): APIApplicationCommand[] {
    const previous = this.list(guildId);
    const commands = bodies.map((body) => this.stored(body, guildId, previous));
    this.byScope.set(guildId ?? 'global', commands);
    return commands;
  }

  /** Create (POST): overwrites a command with the same name and type. */
  upsert(guildId: string | undefined, body: CommandJson): { command: APIApplicationCommand; created: boolean } {
    const previous = this.list(guildId);
    const command = this.stored(body, guildId, previous);
    const created = !previous.some((c) => c.id === command.id);
    this.byScope.set(guildId ?? 'global', [...previous.filter((c) => c.id !== command.id), command]);
    return { command, created };
  }

  remove(guildId: string | undefined, commandId: string): boolean {
    const previous = this.list(guildId);
    this.byScope.set(guildId ?? 'global', previous.filter((c) => c.id !== commandId));
    return previous.some((c) => c.id === commandId);
  }

  /** The command a user would see in this place: guild commands shadow global ones. */
  find(name: string, type: ApplicationCommandType, guildId: string | undefined): APIApplicationCommand | undefined {
    const matches = (c: APIApplicationCommand) => c.name === name && c.type === type;
    return (guildId ? this.list(guildId).find(matches) : undefined) ?? this.list(undefined).find(matches);
  }

  private stored(body: CommandJson, guildId: string | undefined, previous: APIApplicationCommand[]): APIApplicationCommand {
    const type = body.type ?? ApplicationCommandType.ChatInput;
    const existing = previous.find((c) => c.name === body.name && c.type === type);
    return {
      id: existing?.id ?? this.ids.next(),
      application_id: this.applicationId,
      version: this.ids.next(),
      type,
      name: body.name,
      description: body.description ?? '',
      options: body.options as APIApplicationCommandOption[] | undefined,
      default_member_permissions: body.default_member_permissions ?? null,
      contexts: body.contexts ?? null,
      integration_types: body.integration_types ?? [ApplicationIntegrationType.GuildInstall],
      nsfw: body.nsfw ?? false,
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }
}

/**
 * Checks that a test sends options a Discord client could produce for the registered command, so tests cannot
 * exercise code paths real users can't reach. Throws with the reason.
 */
export function checkInvocation(schema: readonly CommandOptionJson[], given: readonly InvocationOption[], where: string): void {
  for (const option of given) {
    const declared = schema.find((s) => s.name === option.name);
    if (!declared) throw new Error(`fake-discord: ${where} has no option "${option.name}"`);
    if (declared.type !== option.type) {
      throw new Error(`fake-discord: ${where} option "${option.name}" is type ${declared.type}, test sent type ${option.type}`);
    }
    if (NESTING_TYPES.has(option.type)) {
      checkInvocation(declared.options ?? [], option.options ?? [], `${where} ${option.name}`);
    } else if (declared.choices?.length && !option.focused && !declared.choices.some((c) => c.value === option.value)) {
      const got = JSON.stringify(option.value);
      throw new Error(`fake-discord: ${where} option "${option.name}" only accepts its choices, got ${got}`);
    }
  }
  const isSubcommandLevel = schema.some((s) => NESTING_TYPES.has(s.type));
  if (isSubcommandLevel && given.length !== 1) throw new Error(`fake-discord: ${where} needs exactly one subcommand`);
  const autocompleting = given.some((o) => o.focused);
  for (const required of schema.filter((s) => s.required)) {
    if (!autocompleting && !given.some((o) => o.name === required.name)) {
      throw new Error(`fake-discord: ${where} requires option "${required.name}"`);
    }
  }
}
