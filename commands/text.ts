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
import type { Command, HandlerContext } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady, updateWhenReady } from '../src/discord/reply-when-ready';
import { requireSubcommandPermission } from '../src/discord/subcommand-permissions';
import { UserError } from '../src/errors/user-error';
import { isLocale, supportedLocale } from '../src/i18n/locale';
import { translate } from '../src/i18n/translate';
import { integerPart, timePart } from '../src/render/custom-id';
import type { MessageView } from '../src/render/view';
import type { Services } from '../src/services';
import { readAttachment } from '../src/texts/read-attachment';
import {
  TEXT_BUTTONS,
  renderExport,
  renderRemoveConfirmation,
  renderTextList,
  textAnswer,
  uploadButtonIds,
} from '../src/texts/core/render-texts';
import { renderUploadPreview, renderUploadProblems } from '../src/texts/core/render-upload';
import type { TextEntry } from '../src/texts/core/text-entry';
import { CONFIRMATION_TTL_MS, TEXT_LIMITS } from '../src/texts/text-catalog';

type Subcommand = 'add' | 'list' | 'remove' | 'export';

/** Every subcommand but the list changes or gives out the server's texts: organisers only. */
const ORGANISER_PERMISSIONS: Readonly<Partial<Record<Subcommand, bigint>>> = {
  add: PermissionFlagsBits.ManageGuild,
  remove: PermissionFlagsBits.ManageGuild,
  export: PermissionFlagsBits.ManageGuild,
};

const textOption = {
  ...localized('command.text.option.text'),
  type: ApplicationCommandOptionType.String as const,
  required: true,
  autocomplete: true,
  max_length: 100,
};

/**
 * `/text add|list|remove|export`: organisers bring their own texts, for their server only. Members
 * may list them; the rest needs Manage Server, checked here (Discord's default permissions apply
 * to a whole command, not to one subcommand), and again on each button.
 */
export default {
  data: {
    ...localized('command.text'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        ...localized('command.text.add'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            ...localized('command.text.add.option.file'),
            type: ApplicationCommandOptionType.Attachment,
            required: true,
          },
        ],
      },
      { ...localized('command.text.list'), type: ApplicationCommandOptionType.Subcommand },
      {
        ...localized('command.text.remove'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [textOption],
      },
      {
        ...localized('command.text.export'),
        type: ApplicationCommandOptionType.Subcommand,
        options: [textOption],
      },
    ],
  },

  subcommandPermissions: ORGANISER_PERMISSIONS,

  async execute(interaction, context) {
    requireSubcommandPermission(interaction, ORGANISER_PERMISSIONS, context.t);
    if (!interaction.inGuild()) throw new UserError('error.guildOnly');
    const subcommand = interaction.options.getSubcommand() as Subcommand;
    // Every answer is for the one who asked. A download may outlast Discord's 3 s.
    await replyWhenReady(interaction, run(subcommand, interaction, context), { ephemeral: true });
  },

  async autocomplete(interaction, { services }) {
    if (!interaction.inGuild()) {
      await interaction.respond([]);
      return;
    }
    const entries = await services.texts.ownMatching(
      interaction.guildId,
      interaction.options.getFocused(),
    );
    await interaction.respond(
      toChoices(
        entries.map((entry) => ({ name: `${entry.title} — ${entry.author}`, value: entry.id })),
      ),
    );
  },

  buttons: {
    // text-add:<token>:<expiry>
    async [TEXT_BUTTONS.confirmAdd](interaction, parts, context) {
      const { token, expiresAt } = pendingUpload(parts, context);
      const added = context.services.texts
        .confirm(token, expiresAt, interaction.user.id)
        .then((text) => textAnswer('texts.added', text, context.locale));
      await updateWhenReady(interaction, added);
    },
    // text-add-cancel:<token>:<expiry>
    async [TEXT_BUTTONS.cancelAdd](interaction, parts, context) {
      const { token, expiresAt } = pendingUpload(parts, context);
      const cancelled = context.services.texts
        .cancel(token, expiresAt, interaction.user.id)
        .then(() => ({ content: context.t('texts.cancelled') }));
      await updateWhenReady(interaction, cancelled);
    },
    // text-remove:<textId>:<userId>:<expiry>
    async [TEXT_BUTTONS.confirmRemove](
      interaction,
      [textId, userId, expiryPart, ...extra],
      context,
    ) {
      const expiresAt = timePart(expiryPart);
      if (!textId || expiresAt === undefined || extra.length > 0) {
        throw new UserError('error.staleButton');
      }
      const guildId = requireRequester(interaction, userId, context);
      if (context.services.clock.now().getTime() >= expiresAt) {
        throw new UserError('texts.error.expired');
      }
      await updateWhenReady(interaction, removeText(guildId, textId, context));
    },
    // text-remove-cancel:<userId>
    async [TEXT_BUTTONS.cancelRemove](interaction, [userId, ...extra], context) {
      if (extra.length > 0) throw new UserError('error.staleButton');
      requireRequester(interaction, userId, context);
      await updateWhenReady(interaction, { content: context.t('texts.removeCancelled') });
    },
    // text-list:<page>:<locale>
    async [TEXT_BUTTONS.listPage](interaction, [pagePart, locale, ...extra], { services }) {
      const page = integerPart(pagePart);
      if (page === undefined || locale === undefined || !isLocale(locale) || extra.length > 0) {
        throw new UserError('error.staleButton');
      }
      if (!interaction.inGuild()) throw new UserError('error.guildOnly');
      await updateWhenReady(interaction, list(interaction.guildId, services, page, locale));
    },
  },
} satisfies Command;

async function run(
  subcommand: Subcommand,
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  context: HandlerContext,
): Promise<MessageView> {
  const { services, locale } = context;
  const { guildId } = interaction;
  switch (subcommand) {
    case 'add':
      return add(interaction, context);
    case 'list':
      return list(guildId, services, 0, locale);
    case 'remove': {
      const entry = await ownText(interaction, services);
      await refuseWhileRead(guildId, entry, services);
      const expiresAt = services.clock.now().getTime() + CONFIRMATION_TTL_MS;
      return renderRemoveConfirmation(entry, interaction.user.id, expiresAt, locale);
    }
    case 'export': {
      const entry = await ownText(interaction, services);
      return renderExport(entry, await services.texts.exportFile(guildId, entry.id), locale);
    }
  }
}

/** Downloads the file, reads it, and shows what would be stored, with Confirm / Cancel. */
async function add(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  { services, locale, logger }: HandlerContext,
): Promise<MessageView> {
  // Counted before the download: a script sending files costs a map lookup each.
  services.rateLimits.enforce('textUpload', interaction.guildId, interaction.user.id);
  const attachment = interaction.options.getAttachment('file', true);
  const bytes = await readAttachment(
    services.textDownloader,
    { name: attachment.name, url: attachment.url, size: attachment.size },
    logger,
  );
  // A .txt file says nothing of its language: the server's is the best guess.
  const textLocale = supportedLocale(interaction.guildLocale) ?? services.config.DEFAULT_LOCALE;
  const prepared = await services.texts.prepare({
    guildId: interaction.guildId,
    userId: interaction.user.id,
    fileName: attachment.name,
    bytes,
    plainText: { author: translate(textLocale, 'texts.plain.author'), language: textLocale },
  });
  if (!prepared.ok) return renderUploadProblems(attachment.name, prepared.errors, locale);
  return renderUploadPreview(
    prepared.preview,
    locale,
    uploadButtonIds(prepared.token, prepared.expiresAt),
  );
}

async function list(
  guildId: string,
  { texts }: Services,
  page: number,
  locale: HandlerContext['locale'],
): Promise<MessageView> {
  const own = await texts.entries(guildId);
  const room = {
    texts: own.length,
    maxTexts: TEXT_LIMITS.texts,
    bytes: own.reduce((sum, entry) => sum + entry.size, 0),
    maxBytes: TEXT_LIMITS.bytes,
  };
  return renderTextList({ builtIn: texts.builtIn.texts, own, room }, page, locale);
}

/** Removes the text unless a plan started meanwhile reads it; the confirmation says it is done. */
async function removeText(
  guildId: string,
  textId: string,
  { services, locale }: HandlerContext,
): Promise<MessageView> {
  const entry = (await services.texts.entries(guildId)).find((own) => own.id === textId);
  if (entry !== undefined) await refuseWhileRead(guildId, entry, services);
  const removed = await services.texts.remove(guildId, textId);
  return textAnswer('texts.removed', removed, locale);
}

/** A plan that is not finished would lose its text: it must be stopped first. */
async function refuseWhileRead(guildId: string, entry: TextEntry, { readings }: Services) {
  const plans = await readings.plansReading(guildId, entry.id);
  if (plans.length > 0) {
    throw new UserError('texts.error.inUse', {
      channels: plans.map((plan) => `<#${plan.channelId}>`).join(', '),
    });
  }
}

function ownText(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  { texts }: Services,
): Promise<TextEntry> {
  return texts.ownText(interaction.guildId, interaction.options.getString('text', true));
}

/** The token and expiry an upload's buttons carry, not yet expired. */
function pendingUpload(
  [token, expiryPart, ...extra]: readonly string[],
  { services }: HandlerContext,
): { token: string; expiresAt: number } {
  const expiresAt = timePart(expiryPart);
  if (!token || expiresAt === undefined || extra.length > 0) {
    throw new UserError('error.staleButton');
  }
  if (services.clock.now().getTime() >= expiresAt) throw new UserError('texts.error.expired');
  return { token, expiresAt };
}

/**
 * A removal's buttons work for the organiser who asked for it, and nobody else; while they still
 * may manage the server (a button carries no subcommand for Discord to check).
 */
function requireRequester(
  interaction: ButtonInteraction,
  userId: string | undefined,
  { t }: HandlerContext,
): string {
  if (!userId) throw new UserError('error.staleButton');
  if (userId !== interaction.user.id) throw new UserError('texts.error.notYours');
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('error.missingPermission', { permission: t('permission.ManageGuild') });
  }
  if (!interaction.inGuild()) throw new UserError('error.guildOnly');
  return interaction.guildId;
}
