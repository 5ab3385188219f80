import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  RESTJSONErrorCodes,
  type APIMessageInteractionMetadata,
} from 'discord.js';
import type { FakeDiscordCore } from './core.js';
import type { FakeInteraction } from './interactions.js';
import { asMessageBody, describeProblems, problem, type FormProblem, type MessageBody } from './limits.js';
import { discordError, invalidFormBody, isRecord, json, NO_CONTENT, unknown, type RestCall, type RestResponse } from './rest-support.js';
import type { Route } from './server.js';
import type { FakeMessage } from './types.js';

/** Which callback types Discord accepts for each interaction type delivered over the gateway (PONG only answers HTTP pings). */
const ALLOWED_CALLBACKS: Partial<Record<InteractionType, InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
};

const AUTOCOMPLETE_CHOICES_MAX = 25;
const CHOICE_TEXT_MAX = 100;
const MODAL_TITLE_MAX = 45;

function invalidCallback(core: FakeDiscordCore, call: RestCall, problems: FormProblem[]): RestResponse {
  core.recordViolation('interaction-callback-invalid', call, describeProblems(problems), call.body);
  return invalidFormBody(problems);
}

function interactionMetadata(interaction: FakeInteraction): APIMessageInteractionMetadata {
  const { payload } = interaction;
  const user = payload.member?.user ?? payload.user;
  return {
    id: payload.id,
    type: payload.type,
    user,
    authorizing_integration_owners: payload.authorizing_integration_owners,
    ...(payload.message ? { interacted_message_id: payload.message.id } : {}),
  } as APIMessageInteractionMetadata;
}

/** A message sent through the interaction's webhook: the reply, the deferred placeholder, or a follow-up. */
function interactionMessage(
  core: FakeDiscordCore,
  call: RestCall,
  interaction: FakeInteraction,
  body: MessageBody,
  origin: 'interaction-response' | 'followup',
  extraFlags = 0,
): FakeMessage {
  return core.createMessage(
    {
      id: core.world.ids.next(),
      channelId: interaction.payload.channel_id,
      author: core.world.botUser,
      body,
      files: call.files,
      type: interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
      extraFlags,
      webhookId: core.applicationId,
      interactionMetadata: interactionMetadata(interaction),
    },
    origin,
    call.body,
    interaction.id,
  );
}

function choiceProblems(data: Record<string, unknown>): FormProblem[] {
  const choices = Array.isArray(data.choices) ? (data.choices as { name?: unknown; value?: unknown }[]) : undefined;
  if (!choices) return [problem(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required')];
  const problems: FormProblem[] = [];
  if (choices.length > AUTOCOMPLETE_CHOICES_MAX) {
    problems.push(problem(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${AUTOCOMPLETE_CHOICES_MAX} or fewer in length.`));
  }
  for (const [i, choice] of choices.entries()) {
    if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > CHOICE_TEXT_MAX) {
      problems.push(problem(['data', 'choices', i, 'name'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${CHOICE_TEXT_MAX} in length.`));
    }
    if (typeof choice.value === 'string' && choice.value.length > CHOICE_TEXT_MAX) {
      problems.push(problem(['data', 'choices', i, 'value'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CHOICE_TEXT_MAX} or fewer in length.`));
    }
  }
  return problems;
}

function modalProblems(data: Record<string, unknown>): FormProblem[] {
  const problems: FormProblem[] = [];
  if (typeof data.custom_id !== 'string' || data.custom_id.length > 100) {
    problems.push(problem(['data', 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
  }
  if (typeof data.title !== 'string' || data.title.length < 1 || data.title.length > MODAL_TITLE_MAX) {
    problems.push(problem(['data', 'title'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${MODAL_TITLE_MAX} in length.`));
  }
  const components = Array.isArray(data.components) ? data.components : [];
  if (components.length < 1 || components.length > 5) {
    problems.push(problem(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.'));
  }
  return problems;
}

/** Applies a callback of an allowed type; returns Discord's rejection instead if the data is invalid. */
function applyCallback(
  core: FakeDiscordCore,
  call: RestCall,
  interaction: FakeInteraction,
  type: InteractionResponseType,
  data: Record<string, unknown>,
): RestResponse | undefined {
  const body = asMessageBody(data);
  const clicked = interaction.payload.message ? core.world.messages.get(interaction.payload.message.id) : undefined;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      const rejection = core.rejectMessagePayload(call, body, body, call.files.length);
      if (rejection) return rejection;
      interaction.original = interactionMessage(core, call, interaction, body, 'interaction-response');
      interaction.visibleReply = interaction.original;
      return undefined;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      // The placeholder ("Bot is thinking...") carries only the ephemeral choice; content comes with the edit.
      const placeholder = { flags: (body.flags ?? 0) & MessageFlags.Ephemeral };
      const loading = MessageFlags.Loading;
      interaction.original = interactionMessage(core, call, interaction, placeholder, 'interaction-response', loading);
      return undefined;
    }
    case InteractionResponseType.DeferredMessageUpdate:
      interaction.original = clicked;
      return undefined;
    case InteractionResponseType.UpdateMessage: {
      if (!clicked) return unknown.message();
      const edited = core.previewEdit(clicked, body, call.files);
      const rejection = core.rejectEdit(call, body, edited);
      if (rejection) return rejection;
      core.commitEdit(clicked, edited, call.body);
      interaction.original = clicked;
      interaction.visibleReply = clicked;
      return undefined;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const problems = choiceProblems(data);
      return problems.length ? invalidCallback(core, call, problems) : undefined;
    }
    case InteractionResponseType.Modal: {
      const problems = modalProblems(data);
      return problems.length ? invalidCallback(core, call, problems) : undefined;
    }
    default:
      return invalidCallback(core, call, [problem(['type'], 'BASE_TYPE_CHOICES', `Response type ${type} is not handled by the fake`)]);
  }
}

/** Discord's checks in order: the 3-second deadline, a second acknowledgement, the type, then the data. */
function attemptCallback(
  core: FakeDiscordCore,
  call: RestCall,
  interaction: FakeInteraction,
  type: InteractionResponseType,
  elapsedMs: number,
): RestResponse | undefined {
  if (elapsedMs > core.ackDeadlineMs) {
    const detail = `acknowledged ${elapsedMs} ms after dispatch; Discord allows ${core.ackDeadlineMs} ms`;
    core.recordViolation('interaction-expired', call, detail, call.body);
    return unknown.interaction();
  }
  if (interaction.callback) {
    core.recordViolation('interaction-already-acknowledged', call, `already acknowledged with type ${interaction.callback.type}`, call.body);
    return discordError(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.');
  }
  if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(type)) {
    const message = `Response type ${type} is not allowed for interaction type ${interaction.type}`;
    return invalidCallback(core, call, [problem(['type'], 'BASE_TYPE_CHOICES', message)]);
  }
  const data = isRecord(call.body) && isRecord(call.body.data) ? call.body.data : {};
  return applyCallback(core, call, interaction, type, data);
}

/** The `?with_response=true` body: what the callback created, as discord.js's InteractionCallbackResponse reads it. */
function callbackResponse(interaction: FakeInteraction, type: InteractionResponseType) {
  const original = interaction.original;
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(original
        ? {
            response_message_id: original.id,
            response_message_loading: ((original.message.flags ?? 0) & MessageFlags.Loading) !== 0,
            response_message_ephemeral: original.ephemeral,
          }
        : {}),
    },
    resource: { type, ...(original ? { message: original.message } : {}) },
  };
}

function interactionCallback(call: RestCall, core: FakeDiscordCore): RestResponse {
  const interaction = core.interactions.get(call.params.interactionId as string);
  if (!interaction || interaction.token !== call.params.token) {
    core.recordViolation('unknown-interaction', call, 'callback for an interaction id/token the fake never dispatched', call.body);
    return unknown.interaction();
  }
  const elapsedMs = interaction.elapsedMs();
  const type = Number(isRecord(call.body) ? call.body.type : undefined) as InteractionResponseType;
  const rejection = attemptCallback(core, call, interaction, type, elapsedMs);
  if (rejection) {
    const code = isRecord(rejection.body) ? Number(rejection.body.code) : 0;
    interaction.rejectedCallbacks.push({ status: rejection.status, code, elapsedMs });
    return rejection;
  }
  interaction.callback = { type, body: call.body, elapsedMs };
  core.changes.notify();
  return call.query.get('with_response') === 'true' ? json(callbackResponse(interaction, type)) : NO_CONTENT;
}

function webhookInteraction(call: RestCall, core: FakeDiscordCore): FakeInteraction | undefined {
  const interaction = core.interactionForWebhook(call.params.applicationId as string, call.params.token as string);
  if (!interaction) {
    const detail = 'webhook call with a token that is unknown, expired (15 min) or not yet acknowledged';
    core.recordViolation('unknown-webhook', call, detail, call.body);
  }
  return interaction;
}

function webhookTarget(interaction: FakeInteraction, messageId: string): FakeMessage | undefined {
  const target =
    messageId === '@original' || messageId === interaction.original?.id
      ? interaction.original
      : interaction.followUps.find((message) => message.id === messageId);
  return target && !target.deleted ? target : undefined;
}

/** A deferred reply still "thinking…"; once deleted, a follow-up is a new message. */
function isLoading(message: FakeMessage | undefined): message is FakeMessage {
  return message !== undefined && !message.deleted && ((message.message.flags ?? 0) & MessageFlags.Loading) !== 0;
}

function editWebhookMessage(
  call: RestCall,
  core: FakeDiscordCore,
  interaction: FakeInteraction,
  target: FakeMessage,
  body: MessageBody,
): RestResponse {
  const edited = core.previewEdit(target, body, call.files);
  const rejection = core.rejectEdit(call, body, edited);
  if (rejection) return rejection;
  core.commitEdit(target, edited, call.body);
  const edit = { target: call.params.messageId ?? '@original', messageId: target.id, body: call.body, elapsedMs: interaction.elapsedMs() };
  interaction.edits.push(edit);
  interaction.visibleReply ??= target;
  core.changes.notify();
  return json(target.message);
}

function postFollowUp(call: RestCall, core: FakeDiscordCore): RestResponse {
  const interaction = webhookInteraction(call, core);
  if (!interaction) return unknown.webhook();
  const body = asMessageBody(call.body);
  const wait = call.query.get('wait') === 'true';
  // Discord turns the first follow-up after a deferred reply into that reply, replacing "thinking...".
  if (isLoading(interaction.original)) {
    const response = editWebhookMessage(call, core, interaction, interaction.original, body);
    if (response.status === 200) interaction.followUps.push(interaction.original);
    return wait || response.status !== 200 ? response : NO_CONTENT;
  }
  const rejection = core.rejectMessagePayload(call, body, body, call.files.length);
  if (rejection) return rejection;
  const message = interactionMessage(core, call, interaction, body, 'followup');
  interaction.followUps.push(message);
  interaction.visibleReply ??= message;
  core.changes.notify();
  return wait ? json(message.message) : NO_CONTENT;
}

export const interactionRoutes: Route[] = [
  { method: 'POST', pattern: '/interactions/:interactionId/:token/callback', auth: false, handle: interactionCallback },
  { method: 'POST', pattern: '/webhooks/:applicationId/:token', auth: false, handle: postFollowUp },
  {
    method: 'GET',
    pattern: '/webhooks/:applicationId/:token/messages/:messageId',
    auth: false,
    handle: (call, core) => {
      const interaction = webhookInteraction(call, core);
      if (!interaction) return unknown.webhook();
      const target = webhookTarget(interaction, call.params.messageId as string);
      return target ? json(target.message) : unknown.message();
    },
  },
  {
    method: 'PATCH',
    pattern: '/webhooks/:applicationId/:token/messages/:messageId',
    auth: false,
    handle: (call, core) => {
      const interaction = webhookInteraction(call, core);
      if (!interaction) return unknown.webhook();
      const target = webhookTarget(interaction, call.params.messageId as string);
      return target ? editWebhookMessage(call, core, interaction, target, asMessageBody(call.body)) : unknown.message();
    },
  },
  {
    method: 'DELETE',
    pattern: '/webhooks/:applicationId/:token/messages/:messageId',
    auth: false,
    handle: (call, core) => {
      const interaction = webhookInteraction(call, core);
      if (!interaction) return unknown.webhook();
      const target = webhookTarget(interaction, call.params.messageId as string);
      if (!target) return unknown.message();
      core.deleteMessage(target);
      return NO_CONTENT;
    },
  },
];
