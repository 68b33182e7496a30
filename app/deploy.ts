import { commands } from '../commands';
import { loadConfig } from '../src/config/config';
import { readEnvironment } from '../src/config/project-paths';
import { startupFailureText } from '../src/describe-startup-error';
import { deployCommands } from '../src/discord/deploy-commands';

/** `npm run deploy`: registers the slash commands, exits non-zero on failure. */
let environment: NodeJS.ProcessEnv = process.env;
try {
  environment = readEnvironment();
  const config = loadConfig(environment);
  const count = await deployCommands(config, commands);
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : 'all servers';
  process.stdout.write(`Registered ${count} commands for ${where}.\n`);
} catch (error) {
  process.stderr.write(startupFailureText('Command registration failed', error, environment));
  process.exit(1);
}
