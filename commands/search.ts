import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord.js';
import { createLibrary, resolveText } from '../src/content/library';
import { MAX_QUERY_LENGTH, searchPassages } from '../src/content/search';
import { textChoices } from '../src/discord/choices';
import type { Command } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady } from '../src/discord/reply-when-ready';
import { UserError } from '../src/errors/user-error';
import { renderSearchResults } from '../src/quotes/render-search';

const MAX_RESULTS = 5;
const EXCERPT_LENGTH = 300;

/** `/search`: passages containing the words, accents and case ignored, best first. */
export default {
  data: {
    ...localized('command.search'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        ...localized('command.search.option.query'),
        type: ApplicationCommandOptionType.String,
        required: true,
        // No max_length: an over-long query gets an answer that says how long it may be.
      },
      {
        ...localized('command.search.option.text'),
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
        max_length: 100,
      },
      { ...localized('command.search.option.private'), type: ApplicationCommandOptionType.Boolean },
    ],
  },

  async execute(interaction, { services, locale }) {
    const query = interaction.options.getString('query', true).trim();
    if (query === '') throw new UserError('search.emptyQuery');
    if (query.length > MAX_QUERY_LENGTH) {
      throw new UserError('search.queryTooLong', { length: query.length, max: MAX_QUERY_LENGTH });
    }
    const textQuery = interaction.options.getString('text');
    const everyText = await services.texts.libraryFor(interaction.guildId);
    const library =
      textQuery === null ? everyText : createLibrary([resolveText(everyText, textQuery)]);
    const hits = searchPassages(library, query, {
      limit: MAX_RESULTS,
      excerptLength: EXCERPT_LENGTH,
    });
    if (hits.length === 0) throw new UserError('search.noResults', { query });
    const view = renderSearchResults(everyText, query, hits, locale);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    await replyWhenReady(interaction, view, { ephemeral });
  },

  async autocomplete(interaction, { services }) {
    const library = await services.texts.libraryFor(interaction.guildId);
    await interaction.respond(textChoices(library, interaction.options.getFocused()));
  },
} satisfies Command;
