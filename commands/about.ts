import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord.js';
import packageJson from '../package.json' with { type: 'json' };
import type { Command } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady } from '../src/discord/reply-when-ready';
import { renderAbout } from '../src/help/render-about';

/** `/about`: version, licence, source code (AGPL-3.0 §13) and what Tribune keeps. */
export default {
  data: {
    ...localized('command.about'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },

  async execute(interaction, { services, locale }) {
    const { config } = services;
    const view = renderAbout(
      {
        version: packageJson.version,
        sourceUrl: config.SOURCE_URL,
        retentionDays: config.POLL_RETENTION_DAYS,
      },
      locale,
    );
    await replyWhenReady(interaction, view, { ephemeral: true });
  },
} satisfies Command;
