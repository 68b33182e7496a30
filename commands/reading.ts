import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { resolveText } from '../src/content/library';
import { textChoices, toChoices } from '../src/discord/choices';
import type { Command, HandlerContext } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { missingPromptPermissions, type PromptPermission } from '../src/discord/reading-poster';
import { requireSubcommandPermission } from '../src/discord/subcommand-permissions';
import { missingEventPermissions } from '../src/discord/session-calendar';
import { replyWhenReady } from '../src/discord/reply-when-ready';
import { UserError } from '../src/errors/user-error';
import { supportedLocale } from '../src/i18n/locale';
import type { MessageKey } from '../src/i18n/translate';
import {
  matchingTimeZones,
  matchingWeekdays,
  parseTime,
  parseTimeZone,
  parseWeekday,
  weekdayName,
  weekdayValue,
} from '../src/reading/core/parse-plan-input';
import type { ReadingPlan } from '../src/reading/core/plan';
import { READ_BUTTON } from '../src/reading/core/read-marks';
import {
  describeSchedule,
  describeSessions,
  renderStatus,
} from '../src/reading/core/render-status';
import { parseSessions } from '../src/reading/core/sessions';
import type { EventPermission } from '../src/reading/ports';
import { LIMITS } from '../src/render/limits';
import { discordTime } from '../src/render/discord-time';
import type { MessageView } from '../src/render/view';

type Subcommand =
  'start' | 'status' | 'progress' | 'preview' | 'next' | 'skip' | 'pause' | 'resume' | 'stop';

const TEXT_CHANNELS = [ChannelType.GuildText] as const;
/** Where a session may take place on Discord: a voice or a stage channel. */
const VOICE_CHANNELS = [ChannelType.GuildVoice, ChannelType.GuildStageVoice] as const;

/** Every subcommand but a member's own progress is for those who may manage the server. */
const ORGANISER_PERMISSIONS: Readonly<Partial<Record<Subcommand, bigint>>> = Object.fromEntries(
  (['start', 'status', 'preview', 'next', 'skip', 'pause', 'resume', 'stop'] as const).map(
    (name) => [name, PermissionFlagsBits.ManageGuild],
  ),
);

/** The optional `channel` of the subcommands acting on one plan. */
const planChannelOption = (prefix: Parameters<typeof localized>[0]) => ({
  ...localized(prefix),
  type: ApplicationCommandOptionType.Channel as const,
  channel_types: [...TEXT_CHANNELS],
});

const planSubcommand = (name: Exclude<Subcommand, 'start' | 'status'>) => ({
  ...localized(`command.reading.${name}`),
  type: ApplicationCommandOptionType.Subcommand as const,
  options: [planChannelOption('command.reading.option.plan')],
});

/**
 * `/reading`: weekly reading plans. Members may see their own progress; everything else is for
 * members who may manage the server (checked here: Discord's default permissions apply to a whole
 * command, not to one subcommand).
 */
export default {
  data: {
    ...localized('command.reading'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        ...localized('command.reading.start'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            ...localized('command.reading.start.option.channel'),
            type: ApplicationCommandOptionType.Channel,
            channel_types: [...TEXT_CHANNELS],
            required: true,
          },
          {
            ...localized('command.reading.start.option.weekday'),
            type: ApplicationCommandOptionType.String,
            required: true,
            autocomplete: true,
            max_length: 20,
          },
          {
            ...localized('command.reading.start.option.time'),
            type: ApplicationCommandOptionType.String,
            required: true,
            max_length: 10,
          },
          {
            ...localized('command.reading.start.option.timezone'),
            type: ApplicationCommandOptionType.String,
            autocomplete: true,
            max_length: 64,
          },
          {
            ...localized('command.reading.start.option.text'),
            type: ApplicationCommandOptionType.String,
            autocomplete: true,
            max_length: 100,
          },
          {
            ...localized('command.reading.start.option.from_section'),
            type: ApplicationCommandOptionType.Integer,
            min_value: 1,
            max_value: 999,
          },
          {
            ...localized('command.reading.start.option.role'),
            type: ApplicationCommandOptionType.Role,
          },
          {
            ...localized('command.reading.start.option.thread'),
            type: ApplicationCommandOptionType.Boolean,
          },
          {
            ...localized('command.reading.start.option.meeting'),
            type: ApplicationCommandOptionType.String,
            max_length: 40,
          },
          {
            ...localized('command.reading.start.option.voice_channel'),
            type: ApplicationCommandOptionType.Channel,
            channel_types: [...VOICE_CHANNELS],
          },
          {
            ...localized('command.reading.start.option.place'),
            type: ApplicationCommandOptionType.String,
            max_length: LIMITS.eventLocation,
          },
          {
            ...localized('command.reading.start.option.duration'),
            type: ApplicationCommandOptionType.String,
            max_length: 20,
          },
          {
            ...localized('command.reading.start.option.remind'),
            type: ApplicationCommandOptionType.String,
            max_length: 20,
          },
        ],
      },
      { ...localized('command.reading.status'), type: ApplicationCommandOptionType.Subcommand },
      planSubcommand('progress'),
      planSubcommand('preview'),
      planSubcommand('next'),
      planSubcommand('skip'),
      planSubcommand('pause'),
      planSubcommand('resume'),
      planSubcommand('stop'),
    ],
  },

  subcommandPermissions: ORGANISER_PERMISSIONS,

  async execute(interaction, context) {
    requireSubcommandPermission(interaction, ORGANISER_PERMISSIONS, context.t);
    if (!interaction.inCachedGuild()) throw new UserError('error.guildOnly');
    // Every answer is for the organiser only. Some subcommands may post a prompt first (with its
    // retries), which can outlast the 3 s Discord gives for a first answer.
    await replyWhenReady(interaction, run(interaction, context), { ephemeral: true });
  },

  async autocomplete(interaction, { services, locale }) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'text') {
      const library = await services.texts.libraryFor(interaction.guildId);
      await interaction.respond(textChoices(library, focused.value));
    } else if (focused.name === 'weekday') {
      await interaction.respond(
        toChoices(
          matchingWeekdays(focused.value).map((weekday) => ({
            name: weekdayName(weekday, locale),
            value: weekdayValue(weekday),
          })),
        ),
      );
    } else if (focused.name === 'timezone') {
      await interaction.respond(
        toChoices(
          matchingTimeZones(focused.value, services.config.DEFAULT_TIMEZONE).map((zone) => ({
            name: zone,
            value: zone,
          })),
        ),
      );
    } else {
      await interaction.respond([]);
    }
  },

  buttons: {
    // read:<planId>:<localDate>
    async [READ_BUTTON](interaction, [planId, localDate, ...extra], context) {
      if (!interaction.inGuild()) throw new UserError('error.guildOnly');
      if (!planId || !localDate || !/^\d{4}-\d{2}-\d{2}$/.test(localDate) || extra.length > 0) {
        throw new UserError('error.staleButton');
      }
      const { services, locale } = context;
      services.rateLimits.enforce('readMark', interaction.guildId, interaction.user.id);
      const marked = services.readings.markRead(interaction.user.id, planId, localDate, locale);
      await replyWhenReady(interaction, marked, { ephemeral: true });
    },
  },
} satisfies Command;

async function run(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: HandlerContext,
): Promise<MessageView> {
  const { readings } = context.services;
  const subcommand = interaction.options.getSubcommand() as Subcommand;
  if (subcommand === 'start') return start(interaction, context);
  if (subcommand === 'status') {
    return renderStatus(await readings.status(interaction.guildId), context.locale);
  }
  const plan = await targetPlan(interaction, context);
  const channel = `<#${plan.channelId}>`;
  switch (subcommand) {
    case 'progress':
      return readings.progress(interaction.user.id, plan, context.locale);
    case 'preview':
      return readings.preview(plan, guildLocale(interaction, context));
    case 'next':
      return next(plan, context);
    case 'skip': {
      // Due prompts are caught up first.
      const skipped = await readings.skip(plan);
      return answer(context, 'reading.skippedReply', {
        channel,
        date: discordTime(skipped.at, 'full-relative'),
        next: await nextDate(plan, context),
      });
    }
    case 'pause':
      await readings.pause(plan);
      return answer(context, 'reading.pausedReply', { channel });
    case 'resume':
      await requireBotCanPost(interaction, plan.channelId, plan.thread, context);
      await readings.resume(plan);
      return answer(context, 'reading.resumedReply', {
        channel,
        next: await nextDate(plan, context),
      });
    case 'stop':
      await readings.stopPlan(plan);
      return answer(context, 'reading.stoppedReply', { channel });
  }
}

async function start(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: HandlerContext,
): Promise<MessageView> {
  const { services } = context;
  const { options } = interaction;
  const channel = options.getChannel('channel', true, [...TEXT_CHANNELS]);
  const weekday = parseWeekday(options.getString('weekday', true));
  const time = parseTime(options.getString('time', true));
  const timeZone = parseTimeZone(options.getString('timezone'), services.config.DEFAULT_TIMEZONE);
  const text = resolveText(
    await services.texts.libraryFor(interaction.guildId),
    options.getString('text'),
  );
  const firstSection = options.getInteger('from_section') ?? 1;
  if (firstSection < 1 || firstSection > text.sections.length) {
    throw new UserError('reading.sectionOutOfRange', {
      section: firstSection,
      count: text.sections.length,
      title: text.title,
    });
  }
  const role = options.getRole('role');
  if (role?.id === interaction.guildId) throw new UserError('reading.everyoneRole');
  const thread = options.getBoolean('thread') ?? true;
  const voice = options.getChannel('voice_channel', false, [...VOICE_CHANNELS]);
  const sessions = parseSessions(
    {
      meeting: options.getString('meeting'),
      placeChannel:
        voice === null
          ? undefined
          : {
              kind: voice.type === ChannelType.GuildStageVoice ? 'stage' : 'voice',
              channelId: voice.id,
            },
      placeText: options.getString('place'),
      duration: options.getString('duration'),
      remind: options.getString('remind'),
    },
    { weekday, time, timeZone },
  );
  await requireBotCanPost(interaction, channel.id, thread, context);
  const { plan, first } = await services.readings.createPlan({
    guildId: interaction.guildId,
    channelId: channel.id,
    textId: text.id,
    firstSection,
    weekday,
    time,
    timeZone,
    roleId: role?.id,
    thread,
    locale: guildLocale(interaction, context),
    createdBy: interaction.user.id,
    ...(sessions !== undefined && { sessions }),
  });
  const started = context.t('reading.started', {
    channel: `<#${plan.channelId}>`,
    title: text.title,
    schedule: describeSchedule(plan, context.locale),
    section: firstSection,
    date: discordTime(first.at, 'full-relative'),
  });
  // Discord drops a bot's ping of a role that is not mentionable unless it may mention everyone.
  const silent =
    role !== null &&
    !role.mentionable &&
    interaction.guild.channels.cache
      .get(channel.id)
      ?.permissionsFor(interaction.client.user)
      ?.has(PermissionFlagsBits.MentionEveryone) !== true;
  const place = sessions?.place;
  // Said once, here: the plan then runs without events, and tries again each week.
  const missingEvents =
    place === undefined ? [] : missingEventPermissions(interaction.guild, place);
  const lines = [
    started,
    sessions === undefined ? '' : describeSessions(sessions, timeZone, context.locale),
    missingEvents.length === 0
      ? ''
      : context.t('sessions.noEventPermission', {
          where:
            place === undefined || place.kind === 'text'
              ? ''
              : context.t('sessions.noEventPermissionWhere', { channel: `<#${place.channelId}>` }),
          permissions: quotedNames(
            missingEvents.map((name) => EVENT_PERMISSION_NAMES[name]),
            context,
          ),
        }),
    silent ? context.t('reading.roleNotMentionable', { role: `<@&${role.id}>` }) : '',
  ];
  return { content: lines.filter(Boolean).join('\n') };
}

async function next(plan: ReadingPlan, context: HandlerContext): Promise<MessageView> {
  const outcome = await context.services.readings.postNext(plan);
  const channel = `<#${plan.channelId}>`;
  if (outcome.kind === 'taken') throw new UserError('reading.busy', { channel });
  if (outcome.kind === 'stale') throw new UserError('reading.isPaused', { channel });
  if (outcome.record.state === 'missed') {
    throw new UserError('reading.postFailed', { channel });
  }
  const link = `https://discord.com/channels/${plan.guildId}/${plan.channelId}/${outcome.record.post.messageId}`;
  return answer(context, 'reading.postedReply', {
    channel,
    link,
    next: await nextDate(plan, context),
  });
}

/** The plan the subcommand is about: the `channel` given, this channel's, or the server's only one. */
async function targetPlan(
  interaction: ChatInputCommandInteraction<'cached'>,
  { services }: HandlerContext,
): Promise<ReadingPlan> {
  const plans = await services.readings.plansOfGuild(interaction.guildId);
  const given = interaction.options.getChannel('channel', false, [...TEXT_CHANNELS]);
  const inChannel = (channelId: string) =>
    plans.find((plan) => plan.channelId === channelId && plan.state !== 'finished') ??
    plans.find((plan) => plan.channelId === channelId);
  if (given) {
    const plan = inChannel(given.id);
    if (!plan) throw new UserError('reading.noPlanInChannel', { channel: `<#${given.id}>` });
    return plan;
  }
  const here = inChannel(interaction.channelId);
  if (here) return here;
  const [only, ...others] = plans;
  if (!only) throw new UserError('reading.noPlan');
  if (others.length > 0) {
    throw new UserError('reading.whichPlan', {
      channels: plans.map((plan) => `<#${plan.channelId}>`).join(', '),
    });
  }
  return only;
}

/** Refuses a channel where the bot could not post its prompts, saying what it lacks. */
async function requireBotCanPost(
  interaction: ChatInputCommandInteraction<'cached'>,
  channelId: string,
  thread: boolean,
  context: HandlerContext,
) {
  const channel =
    interaction.guild.channels.cache.get(channelId) ??
    (await interaction.guild.channels.fetch(channelId).catch(() => null));
  const missing = channel ? missingPromptPermissions(channel, interaction.client.user, thread) : [];
  if (!channel) throw new UserError('reading.channelGone', { channel: `<#${channelId}>` });
  if (missing.length > 0) {
    throw new UserError('reading.botCannotPost', {
      channel: `<#${channelId}>`,
      permissions: quotedNames(
        missing.map((name) => PERMISSION_NAMES[name]),
        context,
      ),
    });
  }
}

function guildLocale(interaction: ChatInputCommandInteraction<'cached'>, context: HandlerContext) {
  return supportedLocale(interaction.guildLocale) ?? context.services.config.DEFAULT_LOCALE;
}

/** The plan's next date as it now stands in the store. */
async function nextDate(plan: ReadingPlan, { services }: HandlerContext) {
  const current = await services.readings.get(plan.id);
  const occurrence = current && services.readings.nextOccurrence(current);
  return occurrence ? discordTime(occurrence.at, 'full-relative') : '—';
}

/** « View Channel », « Send Messages »: permissions named as Discord's settings name them. */
function quotedNames(keys: readonly MessageKey[], { t }: HandlerContext): string {
  return keys.map((key) => `« ${t(key)} »`).join(', ');
}

const EVENT_PERMISSION_NAMES: Record<EventPermission, MessageKey> = {
  CreateEvents: 'sessions.permission.CreateEvents',
  ViewChannel: 'reading.permission.ViewChannel',
  Connect: 'sessions.permission.Connect',
  ManageChannels: 'sessions.permission.ManageChannels',
  MuteMembers: 'sessions.permission.MuteMembers',
  MoveMembers: 'sessions.permission.MoveMembers',
};

const PERMISSION_NAMES: Record<PromptPermission, MessageKey> = {
  ViewChannel: 'reading.permission.ViewChannel',
  SendMessages: 'reading.permission.SendMessages',
  EmbedLinks: 'reading.permission.EmbedLinks',
  CreatePublicThreads: 'reading.permission.CreatePublicThreads',
  SendMessagesInThreads: 'reading.permission.SendMessagesInThreads',
};

function answer(
  context: HandlerContext,
  key: MessageKey,
  params: Record<string, string | number>,
): MessageView {
  return { content: context.t(key, params) };
}
