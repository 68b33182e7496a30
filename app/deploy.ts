import { existsSync } from 'node:fs';
import { commands } from '../commands';
import { loadConfig } from '../src/config/config';
import { deployCommands } from '../src/discord/deploy-commands';
import { createRedactor } from '../src/log/redact';

/** `npm run deploy`: registers the slash commands, exits non-zero on failure. */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const count = await deployCommands(config, commands);
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : 'all servers';
  process.stdout.write(`Registered ${count} commands for ${where}.\n`);
}

main().catch((error: unknown) => {
  const redact = createRedactor([process.env.DISCORD_TOKEN ?? '']);
  process.stderr.write(redact(`Command registration failed.\n${String(error)}\n`));
  process.exit(1);
});
