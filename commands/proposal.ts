import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { toChoices } from '../src/discord/choices';
import type { Command, HandlerContext } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { requireSubcommandPermission } from '../src/discord/subcommand-permissions';
import { replyWhenReady, updateWhenReady } from '../src/discord/reply-when-ready';
import { UserError } from '../src/errors/user-error';
import type { Locale } from '../src/i18n/locale';
import { translate } from '../src/i18n/translate';
import { PROPOSAL_LIMITS } from '../src/proposals/core/proposal';
import { PROPOSALS_BUTTON } from '../src/proposals/core/render-list';
import type { ProposalActor } from '../src/proposals/proposal-service';
import { integerPart } from '../src/render/custom-id';
import type { MessageView } from '../src/render/view';

type Subcommand = 'add' | 'list' | 'withdraw' | 'vote';

/** Putting proposals to a vote is for organisers; members propose, list and withdraw their own. */
const ORGANISER_PERMISSIONS: Readonly<Partial<Record<Subcommand, bigint>>> = {
  vote: PermissionFlagsBits.ManageGuild,
};

/**
 * `/proposal add|list|withdraw|vote`: proposals for the next text, and their poll. Every answer
 * is ephemeral; the poll is the one public message.
 */
export default {
  data: {
    ...localized('command.proposal'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        ...localized('command.proposal.add'),
        type: ApplicationCommandOptionType.Subcommand,
        // No max_length: an over-long text gets an answer saying what to fix.
        options: [
          {
            ...localized('command.proposal.add.option.title'),
            type: ApplicationCommandOptionType.String,
            required: true,
          },
          {
            ...localized('command.proposal.add.option.link'),
            type: ApplicationCommandOptionType.String,
          },
          {
            ...localized('command.proposal.add.option.note'),
            type: ApplicationCommandOptionType.String,
          },
        ],
      },
      { ...localized('command.proposal.list'), type: ApplicationCommandOptionType.Subcommand },
      {
        ...localized('command.proposal.withdraw'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            ...localized('command.proposal.withdraw.option.proposal'),
            type: ApplicationCommandOptionType.String,
            required: true,
            autocomplete: true,
            max_length: 100,
          },
        ],
      },
      {
        ...localized('command.proposal.vote'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            ...localized('command.proposal.vote.option.duration'),
            type: ApplicationCommandOptionType.String,
            max_length: 40,
          },
        ],
      },
    ],
  },

  subcommandPermissions: ORGANISER_PERMISSIONS,

  async execute(interaction, context) {
    requireSubcommandPermission(interaction, ORGANISER_PERMISSIONS, context.t);
    const subcommand = interaction.options.getSubcommand() as Subcommand;
    await replyWhenReady(interaction, run(interaction, subcommand, context), { ephemeral: true });
  },

  async autocomplete(interaction, { services, locale }) {
    const typed = interaction.options.getFocused();
    await interaction.respond(
      toChoices(await services.proposals.suggest(proposalActor(interaction, locale), typed)),
    );
  },

  buttons: {
    // proposals:<page>
    async [PROPOSALS_BUTTON](interaction, [pagePart, ...extra], { services, locale }) {
      const page = integerPart(pagePart);
      if (!interaction.inGuild() || page === undefined || extra.length > 0) {
        throw new UserError('error.staleButton');
      }
      await updateWhenReady(
        interaction,
        services.proposals.list(interaction.guildId, page, locale),
      );
    },
  },
} satisfies Command;

async function run(
  interaction: ChatInputCommandInteraction,
  subcommand: Subcommand,
  { services, locale }: HandlerContext,
): Promise<MessageView> {
  const { options } = interaction;
  const actor = proposalActor(interaction, locale);
  switch (subcommand) {
    case 'add':
      return services.proposals.add(actor, {
        title: options.getString('title', true),
        link: options.getString('link') ?? undefined,
        note: options.getString('note') ?? undefined,
      });
    case 'list':
      return services.proposals.list(actor.guildId, 0, locale);
    case 'withdraw':
      return services.proposals.withdraw(actor, options.getString('proposal', true));
    case 'vote': {
      const channelId = interaction.channelId;
      const posted = await services.proposals.putToVote(
        { guildId: actor.guildId, channelId, creatorId: actor.userId, locale },
        options.getString('duration') ?? undefined,
      );
      const link = `https://discord.com/channels/${actor.guildId}/${channelId}/${posted.messageId}`;
      const lines = [translate(locale, 'proposal.vote.posted', { link, count: posted.count })];
      if (posted.left > 0) {
        lines.push(
          translate(locale, 'proposal.vote.left', {
            count: posted.left,
            max: PROPOSAL_LIMITS.perPoll,
          }),
        );
      }
      return { content: lines.join('\n') };
    }
  }
}

/** The member as the interaction describes them; organisers may manage the server. */
function proposalActor(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  locale: Locale,
): ProposalActor {
  if (!interaction.inGuild()) throw new UserError('error.guildOnly');
  return {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    organiser: interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild),
    locale,
  };
}
