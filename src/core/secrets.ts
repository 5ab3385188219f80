const REDACTED = '[redacted]';
/** Shorter values are not secrets worth hiding, and replacing them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * Removes secret values (the bot token) from text meant for a terminal or a log,
 * wherever they appear: an error from a library or a rejected setting can quote
 * them anywhere. By default the token is taken from the environment, so even a
 * configuration that failed validation is scrubbed.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = [process.env.DISCORD_TOKEN]): string {
  return usableSecrets(secrets).reduce((scrubbed, secret) => scrubbed.split(secret).join(REDACTED), text);
}

/** The values worth scrubbing, trimmed the way the configuration reads them. */
export function usableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return [...new Set(secrets.flatMap((secret) => (secret ? [secret, secret.trim()] : [])))].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

export { REDACTED };
