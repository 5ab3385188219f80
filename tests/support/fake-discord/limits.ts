import { ButtonStyle, ComponentType, MessageFlags, type APIEmbed } from 'discord.js';

/** One entry of Discord's "Invalid Form Body" (code 50035) error tree. */
export interface FormProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Loosely typed component JSON as a bot sends it (classic action rows or Components V2). */
export interface ComponentJson {
  type: number;
  components?: ComponentJson[];
  accessory?: ComponentJson;
  custom_id?: string;
  label?: string;
  style?: number;
  url?: string;
  emoji?: unknown;
  options?: unknown[];
  disabled?: boolean;
}

export interface AllowedMentionsJson {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

/** The message fields of a create/edit body (channel message, interaction response, webhook message). */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: ComponentJson[] | null;
  allowed_mentions?: AllowedMentionsJson | null;
  flags?: number | null;
  message_reference?: { message_id?: string; fail_if_not_exists?: boolean } | null;
  attachments?: unknown[] | null;
  sticker_ids?: string[] | null;
  poll?: unknown;
}

/** A request body as message fields; anything but an object has none. */
export function asMessageBody(body: unknown): MessageBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as MessageBody) : {};
}

const MESSAGE_CONTENT_MAX = 2000;
const EMBEDS_MAX = 10;
const EMBED_TITLE_MAX = 256;
const EMBED_DESCRIPTION_MAX = 4096;
const EMBED_FIELDS_MAX = 25;
const EMBED_FIELD_NAME_MAX = 256;
const EMBED_FIELD_VALUE_MAX = 1024;
const EMBED_FOOTER_MAX = 2048;
const EMBED_AUTHOR_NAME_MAX = 256;
const EMBED_TOTAL_MAX = 6000;
const ACTION_ROWS_MAX = 5;
const BUTTONS_PER_ROW_MAX = 5;
const CUSTOM_ID_MAX = 100;
const BUTTON_LABEL_MAX = 80;
const COMPONENTS_V2_TOTAL_MAX = 40;
const SELECT_TYPES = new Set<number>([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

export function problem(path: FormProblem['path'], code: string, message: string): FormProblem {
  return { path, code, message };
}

function required(path: FormProblem['path']): FormProblem {
  return problem(path, 'BASE_TYPE_REQUIRED', 'This field is required');
}

function tooLong(path: FormProblem['path'], max: number): FormProblem {
  return problem(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function checkLength(problems: FormProblem[], path: FormProblem['path'], value: unknown, max: number): void {
  if (typeof value === 'string' && value.length > max) problems.push(tooLong(path, max));
}

function embedProblems(embeds: APIEmbed[]): FormProblem[] {
  const problems: FormProblem[] = [];
  if (embeds.length > EMBEDS_MAX) problems.push(tooLong(['embeds'], EMBEDS_MAX));
  let totalChars = 0;
  for (const [i, embed] of embeds.entries()) {
    const at = (...rest: (string | number)[]) => ['embeds', i, ...rest];
    checkLength(problems, at('title'), embed.title, EMBED_TITLE_MAX);
    checkLength(problems, at('description'), embed.description, EMBED_DESCRIPTION_MAX);
    checkLength(problems, at('footer', 'text'), embed.footer?.text, EMBED_FOOTER_MAX);
    checkLength(problems, at('author', 'name'), embed.author?.name, EMBED_AUTHOR_NAME_MAX);
    // Discord answers "Not a well formed URL." for anything but an absolute http(s) URL.
    if (embed.url !== undefined && !/^https?:\/\/[^\s/]\S*$/i.test(embed.url)) {
      problems.push(problem(at('url'), 'URL_TYPE_INVALID_URL', 'Not a well formed URL.'));
    }
    const fields = embed.fields ?? [];
    if (fields.length > EMBED_FIELDS_MAX) problems.push(tooLong(at('fields'), EMBED_FIELDS_MAX));
    for (const [j, field] of fields.entries()) {
      checkLength(problems, at('fields', j, 'name'), field.name, EMBED_FIELD_NAME_MAX);
      checkLength(problems, at('fields', j, 'value'), field.value, EMBED_FIELD_VALUE_MAX);
      // Discord rejects blank field names and values ("This field is required").
      for (const key of ['name', 'value'] as const) {
        if (!field[key]?.trim()) problems.push(required(at('fields', j, key)));
      }
      totalChars += (field.name?.length ?? 0) + (field.value?.length ?? 0);
    }
    totalChars +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text?.length ?? 0) +
      (embed.author?.name?.length ?? 0);
  }
  if (totalChars > EMBED_TOTAL_MAX) {
    problems.push(problem(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${EMBED_TOTAL_MAX}`));
  }
  return problems;
}

/** Buttons and selects: custom_id rules (present unless a link, <= 100 chars, unique per message), labels. */
function interactiveComponentProblems(component: ComponentJson, path: FormProblem['path'], customIds: Set<string>): FormProblem[] {
  const problems: FormProblem[] = [];
  const isLinkLike = component.style === ButtonStyle.Link || component.style === ButtonStyle.Premium;
  if (component.type === ComponentType.Button || SELECT_TYPES.has(component.type)) {
    if (component.custom_id === undefined && !isLinkLike) {
      problems.push(required([...path, 'custom_id']));
    }
    if (component.custom_id !== undefined) {
      checkLength(problems, [...path, 'custom_id'], component.custom_id, CUSTOM_ID_MAX);
      if (customIds.has(component.custom_id)) {
        problems.push(problem([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated'));
      }
      customIds.add(component.custom_id);
    }
  }
  if (component.type === ComponentType.Button) {
    checkLength(problems, [...path, 'label'], component.label, BUTTON_LABEL_MAX);
    if (component.style === ButtonStyle.Link && !component.url) {
      problems.push(required([...path, 'url']));
    }
    if (!component.label && component.emoji === undefined && component.style !== ButtonStyle.Premium) {
      problems.push(problem([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or an emoji is required'));
    }
  }
  return problems;
}

function classicComponentProblems(rows: ComponentJson[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const customIds = new Set<string>();
  if (rows.length > ACTION_ROWS_MAX) problems.push(tooLong(['components'], ACTION_ROWS_MAX));
  for (const [i, row] of rows.entries()) {
    if (row.type !== ComponentType.ActionRow) {
      const message = 'Top-level components must be action rows unless the IS_COMPONENTS_V2 flag is set';
      problems.push(problem(['components', i, 'type'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message));
      continue;
    }
    const children = row.components ?? [];
    const selects = children.filter((c) => SELECT_TYPES.has(c.type)).length;
    if (children.length === 0 || children.length > BUTTONS_PER_ROW_MAX || (selects > 0 && children.length > 1)) {
      const message = 'An action row holds 1-5 buttons or exactly one select menu';
      problems.push(problem(['components', i, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message));
    }
    for (const [j, child] of children.entries()) {
      problems.push(...interactiveComponentProblems(child, ['components', i, 'components', j], customIds));
    }
  }
  return problems;
}

function componentsV2Problems(body: MessageBody, components: ComponentJson[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const legacyField = 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2';
  if (body.content) problems.push(problem(['content'], legacyField, 'content cannot be used with IS_COMPONENTS_V2'));
  if (body.embeds?.length) problems.push(problem(['embeds'], legacyField, 'embeds cannot be used with IS_COMPONENTS_V2'));
  const customIds = new Set<string>();
  let total = 0;
  const visit = (component: ComponentJson, path: FormProblem['path']): void => {
    total += 1;
    problems.push(...interactiveComponentProblems(component, path, customIds));
    for (const [i, child] of (component.components ?? []).entries()) visit(child, [...path, 'components', i]);
    if (component.accessory) visit(component.accessory, [...path, 'accessory']);
  };
  for (const [i, component] of components.entries()) visit(component, ['components', i]);
  if (total > COMPONENTS_V2_TOTAL_MAX) problems.push(tooLong(['components'], COMPONENTS_V2_TOTAL_MAX));
  return problems;
}

/** Hard limits Discord enforces with 400 "Invalid Form Body" (50035). */
export function messageLimitProblems(body: MessageBody): FormProblem[] {
  const problems: FormProblem[] = [];
  checkLength(problems, ['content'], body.content, MESSAGE_CONTENT_MAX);
  problems.push(...embedProblems(body.embeds ?? []));
  const components = body.components ?? [];
  const flags = body.flags ?? 0;
  if (flags & MessageFlags.IsComponentsV2) problems.push(...componentsV2Problems(body, components));
  else problems.push(...classicComponentProblems(components));
  return problems;
}

/** Discord refuses (50006) a message with nothing to show. */
export function isEmptyMessage(body: MessageBody, fileCount: number): boolean {
  return (
    !body.content &&
    !body.embeds?.length &&
    !body.components?.length &&
    !body.attachments?.length &&
    !body.sticker_ids?.length &&
    !body.poll &&
    fileCount === 0
  );
}

/**
 * Whether a payload could ping anyone. Without `allowed_mentions` Discord parses every mention in the content
 * (users, roles, @everyone) and pings the author of a replied-to message; with it, only what is listed pings.
 * Quoted essay text can contain "@everyone" or `<@&id>`, so a bot must always send a closed allow-list.
 */
export function allowedMentionsProblem(body: MessageBody): string | undefined {
  const mentions = body.allowed_mentions;
  if (!mentions) return 'allowed_mentions is missing, so every mention in the content would ping';
  const open: string[] = [];
  if (mentions.parse?.length) open.push(`parse: ${JSON.stringify(mentions.parse)}`);
  if (mentions.users?.length) open.push(`users: ${JSON.stringify(mentions.users)}`);
  if (mentions.roles?.length) open.push(`roles: ${JSON.stringify(mentions.roles)}`);
  if (mentions.replied_user) open.push('replied_user: true');
  return open.length ? `allowed_mentions allows pings (${open.join(', ')})` : undefined;
}

/**
 * Discord's nested error tree, e.g. `{ embeds: { 0: { title: { _errors: [...] } } } }`;
 * discord.js flattens it into the DiscordAPIError message.
 */
export function formErrorTree(problems: FormProblem[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = root;
    for (const key of problem.path) {
      const child = (node[String(key)] ??= {}) as Record<string, unknown>;
      node = child;
    }
    const errors = (node._errors ??= []) as { code: string; message: string }[];
    errors.push({ code: problem.code, message: problem.message });
  }
  return root;
}

export function describeProblems(problems: FormProblem[]): string {
  return problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ');
}
