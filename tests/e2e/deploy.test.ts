import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands';
import { startEmulator, type Emulator } from '../../scripts/emulator';

const run = promisify(execFile);

async function deploy(emulator: Emulator, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'app/deploy.ts'], {
      env: {
        PATH: process.env.PATH,
        DISCORD_API_URL: emulator.apiUrl,
        DISCORD_TOKEN: emulator.token,
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npm run deploy', () => {
  it('registers every command in one guild with one bulk overwrite, localised in French', async () => {
    const emulator = await startEmulator();
    try {
      const result = await deploy(emulator, { DISCORD_GUILD_ID: emulator.guildId });
      expect(result.stdout).toContain(`Registered ${commands.length} commands for server`);
      expect(
        emulator.requestsTo('PUT /applications/:applicationId/guilds/:guildId/commands'),
      ).toHaveLength(1);
      const registered = emulator.commands(emulator.guildId);
      expect(registered.map((command) => command.name).sort()).toEqual(
        commands.map((command) => command.data.name).sort(),
      );
      const search = registered.find((command) => command.name === 'search');
      expect(search?.name_localizations).toMatchObject({ fr: 'chercher' });
      expect(search?.description_localizations).toHaveProperty('fr');
      emulator.assertNoViolations();
    } finally {
      await emulator.close();
    }
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const emulator = await startEmulator();
    try {
      const result = await deploy(emulator, {});
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('for all servers');
      expect(emulator.commands()).toHaveLength(commands.length);
    } finally {
      await emulator.close();
    }
  });

  it('exits non-zero with a clear message, and without the token, when Discord refuses', async () => {
    const emulator = await startEmulator();
    try {
      const token = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs';
      const result = await deploy(emulator, { DISCORD_TOKEN: token });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Command registration failed');
      expect(result.stderr + result.stdout).not.toContain(token);
    } finally {
      await emulator.close();
    }
  });
});
