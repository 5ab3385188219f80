/**
 * Button ids carry what a click needs: `cb:<action>:<answer id>[:<argument>]`.
 * Answer ids are interaction or message snowflakes, so the whole id stays far
 * below Discord's 100-character limit.
 */
export type ButtonAction = 'more' | 'full' | 'post' | 'up' | 'down' | 'reset';

const ACTIONS: readonly ButtonAction[] = ['more', 'full', 'post', 'up', 'down', 'reset'];

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
  if (prefix !== 'cb' || !ACTIONS.includes(action as ButtonAction) || !answerId || !/^\w{1,40}$/.test(answerId)) return undefined;
  const parsed = Number(argument ?? 0);
  return Number.isInteger(parsed) && parsed >= 0 ? { action: action as ButtonAction, answerId, argument: parsed } : undefined;
}
