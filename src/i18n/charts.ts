import type { Catalogue } from './catalogue';

/**
 * Poll results as a picture (issue 13, part 4). Text drawn in the picture has no emoji: the
 * chart's font cannot draw them. Options and questions are parameters: they are shown as typed.
 */
export const chartMessages = {
  'chart.voters': {
    fr: { one: '{count} votant', other: '{count} votants' },
    en: { one: '{count} voter', other: '{count} voters' },
  },
  'chart.status.final': { fr: 'Résultats finaux', en: 'Final results' },
  'chart.status.current': { fr: 'Résultats provisoires', en: 'Results so far' },
  'chart.footer': { fr: '{voters} · {status}', en: '{voters} · {status}' },
  'chart.bar.value': { fr: '{count} · {percent}', en: '{count} · {percent}' },

  // The description read by screen readers, attached to the picture.
  'chart.description.final': {
    fr: 'Diagramme en barres des résultats finaux du sondage « {question} ».',
    en: 'Bar chart of the final results of the poll “{question}”.',
  },
  'chart.description.current': {
    fr: 'Diagramme en barres des résultats provisoires du sondage « {question} ».',
    en: 'Bar chart of the results so far of the poll “{question}”.',
  },
  'chart.description.voters': { fr: '{voters}.', en: '{voters}.' },
  'chart.description.option': {
    fr: {
      one: '{number}. {label} : {count} vote ({percent}).',
      other: '{number}. {label} : {count} votes ({percent}).',
    },
    en: {
      one: '{number}. {label}: {count} vote ({percent}).',
      other: '{number}. {label}: {count} votes ({percent}).',
    },
  },
  'chart.description.more': {
    fr: { one: 'Et {count} autre option.', other: 'Et {count} autres options.' },
    en: { one: 'And {count} more option.', other: 'And {count} more options.' },
  },
} satisfies Catalogue;
