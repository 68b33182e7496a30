/**
 * Removes secrets from a log line: the bot token, and the interaction tokens that discord.js puts
 * in request URLs (`/interactions/<id>/<token>/callback`, `/webhooks/<app>/<token>`), which would
 * let anyone who reads the logs answer as the bot for 15 minutes.
 */
export function createRedactor(secrets: readonly string[]): (line: string) => string {
  const literal = secrets.filter((secret) => secret.length >= 8);
  return (line) => {
    let result = line.replace(
      /(\/(?:interactions\/\d+|webhooks\/\d+)\/)[^/?\s"'\\]+/g,
      '$1[redacted]',
    );
    for (const secret of literal) result = result.split(secret).join('[redacted]');
    return result;
  };
}
