/**
 * Exit status 78 (EX_CONFIG) when logging in can never succeed as configured —
 * a rejected token, or intents not enabled in the developer portal — so a
 * supervisor can stop restarting (systemd: RestartPreventExitStatus=78); 1 for
 * anything that may be temporary, such as the network.
 */
export const CONFIGURATION_EXIT_CODE = 78;

const PERMANENT = new Set(['TokenInvalid', 'TokenMissing', 'DisallowedIntents', 'InvalidIntents']);

export function loginFailureExitCode(error: unknown): number {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return PERMANENT.has(code) ? CONFIGURATION_EXIT_CODE : 1;
}
