import type { Catalogue } from './catalogue';

/**
 * Poll results as a picture (issue 13, part 4). Text drawn in the picture has no emoji: the
 * chart's font cannot draw them. Options and questions are parameters: they are shown as typed.
 */
export const chartMessages = {
  'chart.voters.one': { fr: '{count} votant', en: '{count} voter' },
  'chart.voters.other': { fr: '{count} votants', en: '{count} voters' },
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
  'chart.description.option.one': {
    fr: '{number}. {label} : {count} vote ({percent}).',
    en: '{number}. {label}: {count} vote ({percent}).',
  },
  'chart.description.option.other': {
    fr: '{number}. {label} : {count} votes ({percent}).',
    en: '{number}. {label}: {count} votes ({percent}).',
  },
  'chart.description.more.one': {
    fr: 'Et {count} autre option.',
    en: 'And {count} more option.',
  },
  'chart.description.more.other': {
    fr: 'Et {count} autres options.',
    en: 'And {count} more options.',
  },
} satisfies Catalogue;
