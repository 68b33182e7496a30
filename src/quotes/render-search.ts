import type { Library } from '../content/library';
import type { SearchHit } from '../content/search';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import { LIMITS } from '../render/limits';
import { escapeMarkdown } from '../render/markdown';
import { clip, type MessageView } from '../render/view';
import { attribution } from './attribution';

/** Search results: one field per passage, with its reference and the matching words in bold. */
export function renderSearchResults(
  library: Library,
  query: string,
  hits: readonly SearchHit[],
  locale: Locale,
): MessageView {
  const texts = [...new Set(hits.map((hit) => hit.ref.textId))]
    .map((id) => library.byId.get(id))
    .filter((text) => text !== undefined);
  return {
    embeds: [
      {
        title: clip(translate(locale, 'search.title', { query }), LIMITS.embedTitle),
        fields: hits.map((hit) => ({
          name: clip(
            translate(locale, 'search.reference', {
              section: hit.ref.section,
              paragraph: hit.ref.paragraph,
              title: hit.sectionTitle,
            }) +
              (library.texts.length > 1
                ? ` — ${library.byId.get(hit.ref.textId)?.title ?? ''}`
                : ''),
            LIMITS.embedFieldName,
          ),
          value: clip(highlight(hit), LIMITS.embedFieldValue),
        })),
        footer: [
          translate(locale, 'search.hint'),
          ...texts.map((text) => attribution(text, locale)),
        ].join('\n'),
      },
    ],
  };
}

/** The excerpt with Markdown escaped and each matching word in bold. */
function highlight(hit: SearchHit): string {
  let result = '';
  let position = 0;
  for (const { start, end } of hit.highlights) {
    result += escapeMarkdown(hit.excerpt.slice(position, start));
    result += `**${escapeMarkdown(hit.excerpt.slice(start, end))}**`;
    position = end;
  }
  return result + escapeMarkdown(hit.excerpt.slice(position));
}
