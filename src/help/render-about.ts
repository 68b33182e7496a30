import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { MessageView } from '../render/view';

export interface AboutFacts {
  readonly version: string;
  /** Where this instance's source code is (the host's `SOURCE_URL`). */
  readonly sourceUrl: string | undefined;
  readonly retentionDays: number;
}

/** `/about`: version, licence, where the source is, and what Tribune keeps, in one line each. */
export function renderAbout(facts: AboutFacts, locale: Locale): MessageView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  return {
    embeds: [
      {
        title: t('about.title'),
        description: [
          t('about.what', { version: facts.version }),
          t('about.licence'),
          facts.sourceUrl === undefined
            ? t('about.sourceAsk')
            : t('about.source', { url: facts.sourceUrl }),
          t('about.stores', { days: facts.retentionDays }),
        ].join('\n'),
      },
    ],
  };
}
