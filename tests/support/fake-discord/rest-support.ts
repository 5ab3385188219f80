import { RESTJSONErrorCodes } from 'discord.js';
import { formErrorTree, type FormProblem } from './limits.js';
import type { UploadedFile } from './types.js';

/** A parsed REST request as route handlers see it. */
export interface RestCall {
  method: string;
  /** The API path after `/api/v10`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  /** `METHOD /path`, for violation records. */
  label: string;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(body: unknown, status = 200): RestResponse {
  return { status, body };
}

export const NO_CONTENT: RestResponse = { status: 204 };

/** Discord's error body: `{ message, code }`, plus `errors` for 50035 Invalid Form Body. */
export function discordError(status: number, code: number, message: string, errors?: Record<string, unknown>): RestResponse {
  return { status, body: { message, code, ...(errors ? { errors } : {}) } };
}

export function invalidFormBody(problems: FormProblem[]): RestResponse {
  return discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', formErrorTree(problems));
}

export const unknown = {
  channel: () => discordError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  guild: () => discordError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  member: () => discordError(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member'),
  message: () => discordError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  user: () => discordError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  webhook: () => discordError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'),
  interaction: () => discordError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'),
  command: () => discordError(404, RESTJSONErrorCodes.UnknownApplicationCommand, 'Unknown application command'),
  route: () => discordError(404, 0, '404: Not Found'),
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
