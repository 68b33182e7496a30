import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { toChoices } from '../src/discord/choices';
import type { ButtonHandler, Command, HandlerContext } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady } from '../src/discord/reply-when-ready';
import { UserError } from '../src/errors/user-error';
import type { Locale } from '../src/i18n/locale';
import { translate, type MessageKey } from '../src/i18n/translate';
import { integerPart } from '../src/render/custom-id';
import type { MessageView } from '../src/render/view';
import { splitOptions } from '../src/polls/core/parse-poll-options';
import type { ResultsVisibility } from '../src/polls/core/poll';
import type { PollActor } from '../src/polls/core/poll-access';
import type { PollService } from '../src/polls/poll-service';
import { POLL_BUTTONS } from '../src/polls/core/render-poll';
import type { Services } from '../src/services';
import { renderPollProblems } from '../src/polls/core/render-problems';

const pollOption = {
  ...localized('command.poll.option.poll'),
  type: ApplicationCommandOptionType.String,
  required: true,
  autocomplete: true,
  max_length: 100,
} as const;

const choice = (key: MessageKey, value: ResultsVisibility) => ({
  name: translate('en', key),
  name_localizations: { fr: translate('fr', key) },
  value,
});

/** `/poll create|close|results|export`, and the buttons of poll messages. */
export default {
  data: {
    ...localized('command.poll'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        ...localized('command.poll.create'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          // No max_length on texts: an over-long one gets an answer saying what to fix.
          {
            ...localized('command.poll.create.option.question'),
            type: ApplicationCommandOptionType.String,
            required: true,
          },
          {
            ...localized('command.poll.create.option.options'),
            type: ApplicationCommandOptionType.String,
            required: true,
          },
          {
            ...localized('command.poll.create.option.duration'),
            type: ApplicationCommandOptionType.String,
            max_length: 40,
          },
          {
            ...localized('command.poll.create.option.max_choices'),
            type: ApplicationCommandOptionType.Integer,
            min_value: 1,
            max_value: 20,
          },
          {
            ...localized('command.poll.create.option.anonymous'),
            type: ApplicationCommandOptionType.Boolean,
          },
          {
            ...localized('command.poll.create.option.results'),
            type: ApplicationCommandOptionType.String,
            choices: [
              choice('command.poll.create.option.results.live', 'live'),
              choice('command.poll.create.option.results.hidden', 'hidden'),
            ],
          },
          {
            ...localized('command.poll.create.option.role'),
            type: ApplicationCommandOptionType.Role,
          },
          {
            ...localized('command.poll.create.option.chart'),
            type: ApplicationCommandOptionType.Boolean,
          },
        ],
      },
      ...(['close', 'export'] as const).map((name) => ({
        ...localized(`command.poll.${name}`),
        type: ApplicationCommandOptionType.Subcommand as const,
        options: [pollOption],
      })),
      {
        ...localized('command.poll.results'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          pollOption,
          {
            ...localized('command.poll.results.option.image'),
            type: ApplicationCommandOptionType.Boolean,
          },
        ],
      },
    ],
  },

  async execute(interaction, context) {
    const { polls } = context.services;
    const actor = pollActor(interaction, context.locale);
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'create') {
      await create(interaction, actor, context.services);
      return;
    }
    const reference = interaction.options.getString('poll', true);
    const work =
      subcommand === 'close'
        ? polls.close(actor, reference)
        : subcommand === 'export'
          ? polls.exportCsv(actor, reference)
          : polls.results(actor, reference, {
              image: interaction.options.getBoolean('image') ?? false,
            });
    await replyWhenReady(interaction, work, { ephemeral: true });
  },

  async autocomplete(interaction, { services, locale }) {
    if (!interaction.inGuild()) {
      await interaction.respond([]);
      return;
    }
    const which = interaction.options.getSubcommand() === 'close' ? 'open' : 'all';
    const typed = interaction.options.getFocused();
    await interaction.respond(
      toChoices(await services.polls.suggest(interaction.guildId, typed, which, locale)),
    );
  },

  buttons: {
    // poll:<pollId>:<optionIndex>
    async [POLL_BUTTONS.vote](interaction, [pollId, optionPart, ...extra], context) {
      const actor = pollActor(interaction, context.locale);
      // First, before the store is read: a clicking script costs a map lookup per click.
      context.services.rateLimits.enforce('vote', actor.guildId, actor.userId);
      const option = integerPart(optionPart);
      if (pollId === undefined || option === undefined || extra.length > 0) {
        throw new UserError('poll.error.invalidButton');
      }
      await replyWhenReady(interaction, context.services.polls.vote(actor, pollId, option), {
        ephemeral: true,
      });
    },
    // poll-mine:<pollId>
    [POLL_BUTTONS.mine]: pollButton((polls, actor, pollId) => polls.myVote(actor, pollId)),
    // poll-results:<pollId>
    [POLL_BUTTONS.results]: pollButton((polls, actor, pollId) => polls.results(actor, pollId)),
    // poll-close:<pollId>
    [POLL_BUTTONS.close]: pollButton((polls, actor, pollId) => polls.close(actor, pollId)),
  },
} satisfies Command;

async function create(
  interaction: ChatInputCommandInteraction,
  actor: PollActor,
  { polls, rateLimits }: Services,
): Promise<void> {
  const { options } = interaction;
  const results = options.getString('results');
  // Checked before anything is posted or stored; every problem listed in the member's language.
  const validation = polls.validate({
    question: options.getString('question', true),
    options: splitOptions(options.getString('options', true)),
    duration: options.getString('duration') ?? undefined,
    maxChoices: options.getInteger('max_choices') ?? undefined,
    anonymous: options.getBoolean('anonymous') ?? undefined,
    results: results === 'hidden' || results === 'live' ? results : undefined,
    roleId: options.getRole('role')?.id,
    chart: options.getBoolean('chart') ?? undefined,
  });
  if (!validation.ok) {
    await replyWhenReady(interaction, renderPollProblems(validation.problems, actor.locale), {
      ephemeral: true,
    });
    return;
  }
  // Counted once the poll is valid: a member fixing their typos is never held back.
  rateLimits.enforce('pollCreate', actor.guildId, actor.userId);
  const origin = {
    guildId: actor.guildId,
    channelId: interaction.channelId,
    creatorId: actor.userId,
    locale: actor.locale,
  };
  const posting = polls
    .createAndPost(origin, validation.settings)
    .then(({ messageId }): MessageView => ({
      content: translate(actor.locale, 'poll.created', {
        link: `https://discord.com/channels/${actor.guildId}/${interaction.channelId}/${messageId}`,
      }),
    }));
  await replyWhenReady(interaction, posting, { ephemeral: true });
}

type PollAction = (polls: PollService, actor: PollActor) => Promise<MessageView>;

/** Every poll answer is ephemeral, deferred first if the store is slow. */
async function answer(
  interaction: ButtonInteraction,
  context: HandlerContext,
  action: PollAction,
): Promise<void> {
  const work = action(context.services.polls, pollActor(interaction, context.locale));
  await replyWhenReady(interaction, work, { ephemeral: true });
}

/** A control button whose id is `<kind>:<pollId>`. */
function pollButton(
  action: (polls: PollService, actor: PollActor, pollId: string) => Promise<MessageView>,
): ButtonHandler {
  return async (interaction, [pollId, ...extra], context) => {
    if (pollId === undefined || pollId === '' || extra.length > 0) {
      throw new UserError('poll.error.invalidButton');
    }
    await answer(interaction, context, (polls, actor) => action(polls, actor, pollId));
  };
}

/** The member as the interaction describes them: their roles and permissions, read by the bot. */
function pollActor(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  locale: Locale,
): PollActor {
  if (!interaction.inGuild()) throw new UserError('error.guildOnly');
  const { roles } = interaction.member;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    roleIds: Array.isArray(roles) ? roles : [...roles.cache.keys()],
    canManageMessages: interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages),
    locale,
  };
}
