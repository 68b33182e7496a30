import type { Catalogue } from './catalogue';

/**
 * Polls (issue 3). Messages may receive what members typed as parameters: the router escapes
 * Markdown in `UserError` parameters, and the renderers escape what they show, so no message
 * here relies on Markdown around a parameter.
 */
export const pollMessages = {
  // The poll message and results
  'poll.title': { fr: '📊 Sondage', en: '📊 Poll' },
  'poll.titleClosed': { fr: '📊 Sondage clos', en: '📊 Poll closed' },
  'poll.resultsTitle': { fr: '📊 Résultats', en: '📊 Results' },
  'poll.finalResultsTitle': { fr: '📊 Résultats finaux', en: '📊 Final results' },
  'poll.closesAt': { fr: '⏳ Clôture {when}', en: '⏳ Closes {when}' },
  'poll.closedAt': { fr: '🔒 Clos {when}', en: '🔒 Closed {when}' },
  'poll.voters': {
    fr: { one: '👥 {count} votant', other: '👥 {count} votants' },
    en: { one: '👥 {count} voter', other: '👥 {count} voters' },
  },
  'poll.setting.single': { fr: 'Un seul choix', en: 'Single choice' },
  'poll.setting.multiple': { fr: 'Jusqu’à {max} choix', en: 'Up to {max} choices' },
  'poll.setting.anonymous': { fr: 'Anonyme', en: 'Anonymous' },
  'poll.setting.hidden': {
    fr: 'Résultats cachés jusqu’à la clôture',
    en: 'Results hidden until it closes',
  },
  'poll.setting.role': { fr: 'Réservé au rôle {role}', en: 'Only {role} may vote' },
  'poll.result': { fr: '`{bar}` **{count}** · {percent}', en: '`{bar}` **{count}** · {percent}' },
  'poll.percent': { fr: '{percent} %', en: '{percent}%' },
  'poll.noVotes': { fr: 'Aucun vote.', en: 'No votes.' },
  'poll.leading': { fr: '🏆 En tête : {option}', en: '🏆 Leading: {option}' },
  'poll.winner': { fr: '🏆 Gagnant : {option}', en: '🏆 Winner: {option}' },
  'poll.tieSoFar': { fr: '⚖️ Égalité pour l’instant : {options}', en: '⚖️ Tied so far: {options}' },
  'poll.tie': { fr: '⚖️ Égalité : {options}', en: '⚖️ Tie: {options}' },
  'poll.button.mine': { fr: 'Mon vote', en: 'My vote' },
  'poll.button.results': { fr: 'Résultats', en: 'Results' },
  'poll.button.close': { fr: 'Clore', en: 'Close' },

  // Answers to members
  'poll.created': {
    fr: 'Sondage publié : {link}',
    en: 'Poll posted: {link}',
  },
  'poll.closedNow': {
    fr: 'Sondage clos. Les résultats sont publiés.',
    en: 'Poll closed. The results are posted.',
  },
  'poll.vote.yours': { fr: 'Votre vote : {choices}', en: 'Your vote: {choices}' },
  'poll.vote.none': {
    fr: 'Vous n’avez pas de vote dans ce sondage.',
    en: 'You have no vote in this poll.',
  },
  'poll.vote.withdrawn': {
    fr: 'Votre vote ({choices}) est retiré.',
    en: 'Your vote ({choices}) is withdrawn.',
  },
  'poll.vote.again': {
    fr: 'Cliquez sur une option pour voter à nouveau.',
    en: 'Click an option to vote again.',
  },
  'poll.vote.hintSingle': {
    fr: 'Cliquez sur une autre option pour changer d’avis, ou à nouveau sur la vôtre pour retirer votre vote.',
    en: 'Click another option to change your mind, or yours again to withdraw your vote.',
  },
  'poll.vote.hintMultiple': {
    fr: 'Cliquez sur une option pour l’ajouter ou la retirer ({max} au plus).',
    en: 'Click an option to add or remove it ({max} at most).',
  },
  'poll.vote.limit': {
    fr: 'Vous avez déjà choisi {max} options, le maximum : {choices}. Retirez-en une (cliquez dessus) avant d’en choisir une autre.',
    en: 'You already chose {max} options, the maximum: {choices}. Remove one (click it) before choosing another.',
  },
  'poll.vote.anonymousNote': {
    fr: '🔒 Sondage anonyme : votre vote est enregistré sans votre identifiant Discord.',
    en: '🔒 Anonymous poll: your vote is stored without your Discord id.',
  },
  'poll.export.summary': {
    fr: 'Export du sondage « {question} » ({voters}).',
    en: 'Export of the poll “{question}” ({voters}).',
  },
  'poll.export.withVoters': {
    fr: 'Le fichier donne les votes par option, puis les identifiants des votants par option.',
    en: 'The file gives the votes per option, then the voters’ ids per option.',
  },
  'poll.export.anonymous': {
    fr: 'Sondage anonyme : le fichier ne donne que les votes par option, aucun votant.',
    en: 'Anonymous poll: the file gives the votes per option only, no voter.',
  },
  'poll.export.purged': {
    fr: 'Les votes individuels ont été effacés après la durée de conservation : le fichier ne donne que les votes par option.',
    en: 'Individual votes were deleted after the retention period: the file gives the votes per option only.',
  },
  'poll.csv.number': { fr: 'numéro', en: 'number' },
  'poll.csv.option': { fr: 'option', en: 'option' },
  'poll.csv.votes': { fr: 'votes', en: 'votes' },
  'poll.csv.percent': { fr: 'pourcentage des votants', en: 'percent of voters' },
  'poll.csv.voter': { fr: 'identifiant du votant', en: 'voter id' },
  'poll.autocomplete.open': { fr: '🗳️ {question}', en: '🗳️ {question}' },
  'poll.autocomplete.closed': { fr: '🔒 {question}', en: '🔒 {question}' },

  // Refusals
  'poll.invalid': {
    fr: 'Le sondage n’a pas été créé. À corriger :\n{problems}',
    en: 'The poll was not created. Please fix:\n{problems}',
  },
  'poll.problem.questionEmpty': { fr: 'la question est vide', en: 'the question is empty' },
  'poll.problem.questionTooLong': {
    fr: 'la question fait {length} caractères ; {max} au plus',
    en: 'the question is {length} characters long; {max} at most',
  },
  'poll.problem.tooFewOptions': {
    fr: 'il faut au moins {min} options, séparées par « ; » ou « | » (vous en avez donné {count})',
    en: 'give at least {min} options, separated by “;” or “|” (you gave {count})',
  },
  'poll.problem.tooManyOptions': {
    fr: {
      one: 'il y a {count} option ; {max} au plus',
      other: 'il y a {count} options ; {max} au plus',
    },
    en: {
      one: 'there is {count} option; {max} at most',
      other: 'there are {count} options; {max} at most',
    },
  },
  'poll.problem.optionEmpty': {
    fr: 'l’option {number} est vide',
    en: 'option {number} is empty',
  },
  'poll.problem.optionTooLong': {
    fr: 'l’option {number} fait {length} caractères ; {max} au plus',
    en: 'option {number} is {length} characters long; {max} at most',
  },
  'poll.problem.duplicateOptions': {
    fr: 'options en double (majuscules et accents ne comptent pas) : {options}',
    en: 'duplicate options (case and accents do not count): {options}',
  },
  'poll.problem.durationInvalid': {
    fr: 'durée « {duration} » non comprise : écrivez par exemple 30m, 12h, 3j ou 2 semaines',
    en: 'duration “{duration}” not understood: write for example 30m, 12h, 3d or 2 weeks',
  },
  'poll.problem.durationTooShort': {
    fr: 'la durée « {duration} » est nulle : écrivez par exemple 30m',
    en: 'the duration “{duration}” is zero: write for example 30m',
  },
  'poll.problem.durationTooLong': {
    fr: 'la durée « {duration} » dépasse le maximum de {max} jours',
    en: 'the duration “{duration}” is longer than the maximum of {max} days',
  },
  'poll.problem.maxChoicesTooLow': {
    fr: 'choix_max doit valoir au moins 1',
    en: 'max_choices must be at least 1',
  },
  'poll.problem.maxChoicesTooHigh': {
    fr: {
      one: 'choix_max vaut {maxChoices} mais il n’y a que {count} option',
      other: 'choix_max vaut {maxChoices} mais il n’y a que {count} options',
    },
    en: {
      one: 'max_choices is {maxChoices} but there is only {count} option',
      other: 'max_choices is {maxChoices} but there are only {count} options',
    },
  },
  'poll.problem.anonymousUnavailable': {
    fr: 'les sondages anonymes ne sont pas disponibles : la personne qui héberge Tribune n’a pas configuré POLL_SECRET, le secret qui sert à cacher qui a voté. Créez un sondage non anonyme, ou demandez-lui de le configurer',
    en: 'anonymous polls are not available: whoever hosts Tribune has not set POLL_SECRET, the secret that hides who voted. Create a poll that is not anonymous, or ask them to set it',
  },
  'poll.error.secretMissing': {
    fr: 'Ce sondage anonyme ne peut pas être utilisé : POLL_SECRET, le secret qui cache qui a voté, n’est plus configuré. Prévenez la personne qui héberge Tribune.',
    en: 'This anonymous poll cannot be used: POLL_SECRET, the secret that hides who voted, is no longer set. Tell whoever hosts Tribune.',
  },
  'poll.error.notFound': {
    fr: 'Ce sondage n’existe pas (ou plus). Choisissez-en un dans la liste proposée.',
    en: 'This poll does not exist (any more). Pick one from the suggested list.',
  },
  'poll.error.invalidButton': {
    fr: 'Ce bouton n’est pas valable : il ne correspond à aucune option de sondage.',
    en: 'This button is not valid: it matches no poll option.',
  },
  'poll.error.otherGuild': {
    fr: 'Ce sondage appartient à un autre serveur.',
    en: 'This poll belongs to another server.',
  },
  'poll.error.closed': {
    fr: 'Ce sondage est clos : votre vote n’a pas été enregistré.',
    en: 'This poll is closed: your vote was not recorded.',
  },
  'poll.error.alreadyClosed': {
    fr: 'Ce sondage est déjà clos.',
    en: 'This poll is already closed.',
  },
  'poll.error.roleRequired': {
    fr: 'Seuls les membres qui ont le rôle {role} peuvent voter à ce sondage : votre vote n’a pas été enregistré.',
    en: 'Only members with the {role} role may vote in this poll: your vote was not recorded.',
  },
  'poll.error.notAllowed': {
    fr: 'Seule la personne qui a créé ce sondage, ou un membre qui a la permission « Gérer les messages », peut faire cela.',
    en: 'Only whoever created this poll, or a member with the “Manage Messages” permission, can do that.',
  },
  'poll.error.resultsHidden': {
    fr: 'Les résultats de ce sondage sont cachés jusqu’à sa clôture, {when}.',
    en: 'This poll’s results are hidden until it closes, {when}.',
  },
  'poll.error.cannotPost': {
    fr: 'Je ne peux pas publier de sondage dans ce salon : il me faut les permissions « Voir le salon », « Envoyer des messages » et « Intégrer des liens ».',
    en: 'I cannot post a poll in this channel: I need the “View Channel”, “Send Messages” and “Embed Links” permissions.',
  },
  'poll.error.voteFailed': {
    fr: 'Votre vote n’a pas pu être enregistré. Réessayez dans un instant.',
    en: 'Your vote could not be recorded. Please try again in a moment.',
  },
} satisfies Catalogue;
