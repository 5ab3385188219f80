/**
 * Button ids carry what a click needs: `cb:<action>:<answer id>[:<argument>]`.
 * Answer ids are interaction or message snowflakes (server ids for the settings
 * buttons; the /passage interaction for its Cite button), so the whole id stays
 * far below Discord's 100-character limit.
 */
export const BUTTON_ACTIONS = ['full', 'why', 'cite', 'page', 'post', 'up', 'down', 'reset', 'reset-confirm', 'reset-cancel'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface ButtonId {
  readonly action: ButtonAction;
  readonly answerId: string;
  readonly argument: number;
}

export function buttonId(action: ButtonAction, answerId: string, argument = 0): string {
  return `cb:${action}:${answerId}:${argument}`;
}

export function parseButtonId(customId: string): ButtonId | undefined {
  const [prefix, action, answerId, argument] = customId.split(':');
  if (prefix !== 'cb' || !BUTTON_ACTIONS.includes(action as ButtonAction) || !answerId || !/^\w{1,40}$/.test(answerId)) return undefined;
  const parsed = Number(argument ?? 0);
  return Number.isInteger(parsed) && parsed >= 0 ? { action: action as ButtonAction, answerId, argument: parsed } : undefined;
}
