import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import { LIMITS } from '../render/limits';
import { clip, type MessageView } from '../render/view';

/** One command as a member sees it in their language: `/sondage créer`, and what it does. */
export interface HelpEntry {
  readonly usage: string;
  readonly description: string;
}

/** `/help`: what Tribune does, then the commands this member can use, one line each. */
export function renderHelp(entries: readonly HelpEntry[], locale: Locale): MessageView {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const lines = entries.map((entry) => `**${entry.usage}** — ${entry.description}`);
  return {
    embeds: [
      {
        title: t('help.title'),
        description: clip(
          [t('help.intro'), '', t('help.yourCommands'), ...lines, '', t('help.more')].join('\n'),
          LIMITS.embedDescription,
        ),
      },
    ],
  };
}
