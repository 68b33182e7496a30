import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type ButtonInteraction,
} from 'discord.js';
import type { Command } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady, updateWhenReady } from '../src/discord/reply-when-ready';
import { UserError } from '../src/errors/user-error';
import { countMemberData } from '../src/privacy/core/member-data';
import {
  CONFIRMATION_TTL_MS,
  PRIVACY_BUTTONS,
  renderCancelled,
  renderErased,
  renderErasureConfirmation,
  renderPrivacyReport,
} from '../src/privacy/core/render-privacy';

/**
 * `/privacy show|delete`: what Tribune keeps about the member who asks, and its erasure after one
 * confirmation. Every answer is ephemeral and about the member themself, so no permission is
 * needed; the confirmation's buttons carry the member's id and only they may use them.
 */
export default {
  data: {
    ...localized('command.privacy'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      { ...localized('command.privacy.show'), type: ApplicationCommandOptionType.Subcommand },
      { ...localized('command.privacy.delete'), type: ApplicationCommandOptionType.Subcommand },
    ],
  },

  async execute(interaction, { services, locale }) {
    const userId = interaction.user.id;
    // Each answer reads every poll in the store: a script may not make it do so in a loop.
    services.rateLimits.enforce('privacy', interaction.guildId, userId);
    const found = services.privacy.find(userId);
    const view =
      interaction.options.getSubcommand() === 'delete'
        ? found.then((data) =>
            renderErasureConfirmation(
              countMemberData(data),
              userId,
              services.clock.now().getTime() + CONFIRMATION_TTL_MS,
              locale,
            ),
          )
        : found.then((data) =>
            renderPrivacyReport(
              countMemberData(data),
              locale,
              services.config.POLL_RETENTION_DAYS,
              data.textsAdded.map((text) => text.title),
            ),
          );
    await replyWhenReady(interaction, view, { ephemeral: true });
  },

  buttons: {
    // privacy-confirm:<userId>:<expiry, epoch seconds>
    async [PRIVACY_BUTTONS.confirm](interaction, [userId, expiryPart, ...extra], context) {
      requireRequester(interaction, userId);
      const expiry =
        expiryPart !== undefined && /^\d{1,12}$/.test(expiryPart) ? Number(expiryPart) : undefined;
      if (expiry === undefined || extra.length > 0) throw new UserError('error.staleButton');
      const { services, locale } = context;
      if (services.clock.now().getTime() >= expiry * 1000) {
        throw new UserError('privacy.error.expired');
      }
      services.rateLimits.enforce('privacy', interaction.guildId, interaction.user.id);
      // With many polls in the store the erasure can outlast Discord's 3 s: acknowledged first.
      const erased = services.privacy.erase(interaction.user.id);
      await updateWhenReady(
        interaction,
        erased.then((counts) => renderErased(counts, locale)),
        { deferAfterMs: 0 },
      );
    },
    // privacy-cancel:<userId>
    async [PRIVACY_BUTTONS.cancel](interaction, [userId, ...extra], { locale }) {
      requireRequester(interaction, userId);
      if (extra.length > 0) throw new UserError('error.staleButton');
      await updateWhenReady(interaction, renderCancelled(locale));
    },
  },
} satisfies Command;

/** The buttons of a confirmation work for the member who asked for it, and nobody else. */
function requireRequester(
  interaction: ButtonInteraction,
  userId: string | undefined,
): asserts userId is string {
  if (userId === undefined || userId === '') throw new UserError('error.staleButton');
  if (userId !== interaction.user.id) throw new UserError('privacy.error.notYours');
}
