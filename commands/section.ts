import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type AutocompleteInteraction,
} from 'discord.js';
import { rankSections, resolveSection, resolveText, type Library } from '../src/content/library';
import type { Section, Text } from '../src/content/text';
import { textChoices, toChoices } from '../src/discord/choices';
import type { Command, HandlerContext } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady, updateWhenReady } from '../src/discord/reply-when-ready';
import { UserError } from '../src/errors/user-error';
import { isLocale } from '../src/i18n/locale';
import type { Services } from '../src/services';
import { integerPart } from '../src/render/custom-id';
import { CONTENTS_BUTTON, renderContents } from '../src/quotes/render-contents';
import { QUOTE_BUTTON, renderQuotePage } from '../src/quotes/render-quote';

/** `/section`: the contents, a whole section or one paragraph, paged when long. */
export default {
  data: {
    ...localized('command.section'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        ...localized('command.section.option.section'),
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
        max_length: 100,
      },
      {
        ...localized('command.section.option.paragraph'),
        // No min/max: a paragraph out of range gets an answer that says which ones exist.
        type: ApplicationCommandOptionType.Integer,
      },
      {
        ...localized('command.section.option.text'),
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
        max_length: 100,
      },
      {
        ...localized('command.section.option.private'),
        type: ApplicationCommandOptionType.Boolean,
      },
    ],
  },

  async execute(interaction, { services, locale }) {
    const library = await services.texts.libraryFor(interaction.guildId);
    const text = resolveText(library, interaction.options.getString('text'));
    const sectionQuery = interaction.options.getString('section');
    const paragraph = interaction.options.getInteger('paragraph');
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    if (sectionQuery === null) {
      if (paragraph !== null) throw new UserError('quote.paragraphWithoutSection');
      await replyWhenReady(interaction, renderContents(library, text, 0, locale), { ephemeral });
      return;
    }
    const section = resolveSection(text, sectionQuery);
    if (paragraph !== null) checkParagraph(section, paragraph);
    const view = renderQuotePage({ text, section, paragraph: paragraph ?? undefined }, 0, locale);
    await replyWhenReady(interaction, view, { ephemeral });
  },

  async autocomplete(interaction: AutocompleteInteraction, { services }: HandlerContext) {
    const focused = interaction.options.getFocused(true);
    const library = await services.texts.libraryFor(interaction.guildId);
    if (focused.name === 'text') {
      await interaction.respond(textChoices(library, focused.value));
      return;
    }
    const text = textOrDefault(interaction, library);
    await interaction.respond(
      toChoices(
        rankSections(text, focused.value).map((section) => ({
          name: `${section.number}. ${section.title}`,
          value: String(section.number),
        })),
      ),
    );
  },

  buttons: {
    // quote:<text>:<section>:<paragraph, 0 for all>:<page>:<locale>
    async [QUOTE_BUTTON](
      interaction,
      [textId, sectionPart, paragraphPart, pagePart, locale],
      { services },
    ) {
      const text = await textOfButton(interaction.guildId, textId, services);
      const sectionNumber = integerPart(sectionPart);
      const section = sectionNumber === undefined ? undefined : text?.sections[sectionNumber - 1];
      const paragraph = integerPart(paragraphPart);
      const page = integerPart(pagePart);
      if (
        !text ||
        !section ||
        paragraph === undefined ||
        paragraph > section.paragraphs.length ||
        page === undefined ||
        locale === undefined ||
        !isLocale(locale)
      ) {
        throw new UserError('error.staleButton');
      }
      const view = renderQuotePage(
        { text, section, paragraph: paragraph || undefined },
        page,
        locale,
      );
      await updateWhenReady(interaction, view);
    },
    // contents:<text>:<page>:<locale>
    async [CONTENTS_BUTTON](interaction, [textId, pagePart, locale], { services }) {
      const text = await textOfButton(interaction.guildId, textId, services);
      const page = integerPart(pagePart);
      if (!text || page === undefined || locale === undefined || !isLocale(locale)) {
        throw new UserError('error.staleButton');
      }
      const library = await services.texts.libraryFor(interaction.guildId);
      await updateWhenReady(interaction, renderContents(library, text, page, locale));
    },
  },
} satisfies Command;

/** The text a page button names, in its server; a removed one says so. */
async function textOfButton(
  guildId: string | null,
  textId: string | undefined,
  services: Services,
): Promise<Text | undefined> {
  if (textId === undefined || guildId === null) return undefined;
  const text = await services.texts.textFor(guildId, textId);
  if (text === 'removed') throw new UserError('texts.error.removed');
  return text;
}

function checkParagraph(section: Section, paragraph: number) {
  if (paragraph < 1 || paragraph > section.paragraphs.length) {
    throw new UserError('quote.unknownParagraph', {
      section: section.number,
      paragraph,
      count: section.paragraphs.length,
    });
  }
}

/** The text chosen in the same command, for section suggestions; the default one if none fits. */
function textOrDefault(interaction: AutocompleteInteraction, library: Library): Text {
  try {
    return resolveText(library, interaction.options.getString('text'));
  } catch {
    return library.defaultText;
  }
}
