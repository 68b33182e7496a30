import type { Catalogue } from './catalogue';

/** `/poll` and its subcommands: English names, French localisations (see `commands.ts`). */
export const pollCommandMessages = {
  'command.poll.name': { fr: 'sondage', en: 'poll' },
  'command.poll.description': {
    fr: 'Sondages avec vote par boutons, anonymes si besoin',
    en: 'Polls with button votes, anonymous when needed',
  },
  'command.poll.create.name': { fr: 'créer', en: 'create' },
  'command.poll.create.description': {
    fr: 'Publie un sondage dans ce salon',
    en: 'Post a poll in this channel',
  },
  'command.poll.create.option.question.name': { fr: 'question', en: 'question' },
  'command.poll.create.option.question.description': {
    fr: 'La question (300 caractères au plus)',
    en: 'The question (300 characters at most)',
  },
  'command.poll.create.option.options.name': { fr: 'options', en: 'options' },
  'command.poll.create.option.options.description': {
    fr: 'De 2 à 20 options séparées par ; ou | (80 caractères chacune au plus)',
    en: '2 to 20 options separated by ; or | (80 characters each at most)',
  },
  'command.poll.create.option.duration.name': { fr: 'durée', en: 'duration' },
  'command.poll.create.option.duration.description': {
    fr: 'Par exemple 30m, 12h, 3j ou 2 semaines (24h par défaut, 90 jours au plus)',
    en: 'For example 30m, 12h, 3d or 2 weeks (24h by default, 90 days at most)',
  },
  'command.poll.create.option.max_choices.name': { fr: 'choix_max', en: 'max_choices' },
  'command.poll.create.option.max_choices.description': {
    fr: 'Combien d’options chaque membre peut choisir (1 par défaut)',
    en: 'How many options each member may choose (1 by default)',
  },
  'command.poll.create.option.anonymous.name': { fr: 'anonyme', en: 'anonymous' },
  'command.poll.create.option.anonymous.description': {
    fr: 'Ne garder aucun identifiant de votant',
    en: 'Keep no voter id at all',
  },
  'command.poll.create.option.results.name': { fr: 'résultats', en: 'results' },
  'command.poll.create.option.results.description': {
    fr: 'Résultats visibles en direct (par défaut) ou cachés jusqu’à la clôture',
    en: 'Results shown live (default) or hidden until the poll closes',
  },
  'command.poll.create.option.results.live': { fr: 'en direct', en: 'live' },
  'command.poll.create.option.results.hidden': {
    fr: 'cachés jusqu’à la clôture',
    en: 'hidden until close',
  },
  'command.poll.create.option.role.name': { fr: 'rôle', en: 'role' },
  'command.poll.create.option.role.description': {
    fr: 'Seuls les membres qui ont ce rôle peuvent voter',
    en: 'Only members with this role may vote',
  },
  'command.poll.create.option.chart.name': { fr: 'graphique', en: 'chart' },
  'command.poll.create.option.chart.description': {
    fr: 'Publier les résultats finaux avec un graphique (oui par défaut)',
    en: 'Post the final results with a chart (yes by default)',
  },
  'command.poll.results.option.image.name': { fr: 'image', en: 'image' },
  'command.poll.results.option.image.description': {
    fr: 'Ajouter un graphique des résultats',
    en: 'Add a chart of the results',
  },
  'command.poll.close.name': { fr: 'clore', en: 'close' },
  'command.poll.close.description': {
    fr: 'Clôt un sondage avant l’échéance (créateur ou « Gérer les messages »)',
    en: 'Close a poll early (its creator or “Manage Messages”)',
  },
  'command.poll.results.name': { fr: 'résultats', en: 'results' },
  'command.poll.results.description': {
    fr: 'Montre les résultats actuels ou finaux d’un sondage',
    en: 'Show a poll’s current or final results',
  },
  'command.poll.export.name': { fr: 'exporter', en: 'export' },
  'command.poll.export.description': {
    fr: 'Exporte un sondage en CSV (créateur ou « Gérer les messages »)',
    en: 'Export a poll as CSV (its creator or “Manage Messages”)',
  },
  'command.poll.option.poll.name': { fr: 'sondage', en: 'poll' },
  'command.poll.option.poll.description': {
    fr: 'Le sondage (tapez quelques mots de la question)',
    en: 'The poll (type a few words of the question)',
  },
} satisfies Catalogue;
