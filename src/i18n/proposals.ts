import type { Catalogue } from './catalogue';

/** `/proposal` (`/proposition`): proposals for the next text, their list and the poll on them. */
export const proposalMessages = {
  'command.proposal.name': { fr: 'proposition', en: 'proposal' },
  'command.proposal.description': {
    fr: 'Proposer le prochain texte à lire, voir les propositions, les mettre au vote',
    en: 'Propose the next text to read, see the proposals, put them to a vote',
  },
  'command.proposal.add.name': { fr: 'ajouter', en: 'add' },
  'command.proposal.add.description': {
    fr: 'Propose un texte pour la prochaine lecture',
    en: 'Propose a text for the next reading',
  },
  'command.proposal.add.option.title.name': { fr: 'titre', en: 'title' },
  'command.proposal.add.option.title.description': {
    fr: 'Le titre du texte (et son auteur, si vous voulez), 200 caractères au plus',
    en: 'The text’s title (and its author, if you like), at most 200 characters',
  },
  'command.proposal.add.option.link.name': { fr: 'lien', en: 'link' },
  'command.proposal.add.option.link.description': {
    fr: 'Un lien vers le texte, en http:// ou https://',
    en: 'A link to the text, http:// or https://',
  },
  'command.proposal.add.option.note.name': { fr: 'note', en: 'note' },
  'command.proposal.add.option.note.description': {
    fr: 'Pourquoi ce texte, en quelques mots (500 caractères au plus)',
    en: 'Why this text, in a few words (at most 500 characters)',
  },
  'command.proposal.list.name': { fr: 'liste', en: 'list' },
  'command.proposal.list.description': {
    fr: 'Les propositions en attente du prochain vote, et qui les a faites',
    en: 'The proposals waiting for the next vote, and who made them',
  },
  'command.proposal.withdraw.name': { fr: 'retirer', en: 'withdraw' },
  'command.proposal.withdraw.description': {
    fr: 'Retire une de vos propositions',
    en: 'Withdraw one of your proposals',
  },
  'command.proposal.withdraw.option.proposal.name': { fr: 'proposition', en: 'proposal' },
  'command.proposal.withdraw.option.proposal.description': {
    fr: 'La proposition à retirer',
    en: 'The proposal to withdraw',
  },
  'command.proposal.vote.name': { fr: 'vote', en: 'vote' },
  'command.proposal.vote.description': {
    fr: 'Publie ici un sondage sur les propositions (les 20 plus anciennes), puis les archive',
    en: 'Post a poll on the proposals here (the 20 oldest), then archive them',
  },
  'command.proposal.vote.option.duration.name': { fr: 'durée', en: 'duration' },
  'command.proposal.vote.option.duration.description': {
    fr: 'Durée du sondage, par exemple 3d ou 12h (7 jours par défaut)',
    en: 'How long the poll stays open, for example 3d or 12h (7 days by default)',
  },

  // /proposal add
  'proposal.added': {
    fr: 'Proposition enregistrée : « {title} ». `/proposition liste` montre toutes les propositions ; `/proposition retirer` reprend la vôtre.',
    en: 'Proposal saved: “{title}”. `/proposal list` shows every proposal; `/proposal withdraw` takes yours back.',
  },
  'proposal.error.noPlan': {
    fr: 'Les propositions vont avec un plan de lecture, et ce serveur n’en a jamais eu. Une personne qui a la permission « Gérer le serveur » peut en lancer un avec `/lecture lancer` ; vous pourrez alors proposer la suite.',
    en: 'Proposals go with a reading plan, and this server has never had one. Someone with the “Manage Server” permission can start one with `/reading start`; you can then propose what comes next.',
  },
  'proposal.error.titleEmpty': {
    fr: 'Le titre est vide : donnez le titre du texte proposé.',
    en: 'The title is empty: give the title of the text you propose.',
  },
  'proposal.error.titleTooLong': {
    fr: 'Le titre fait {length} caractères ; {max} au plus. Gardez le titre (et l’auteur), et mettez le reste dans `note`.',
    en: 'The title is {length} characters long; at most {max}. Keep the title (and author), and put the rest in `note`.',
  },
  'proposal.error.noteTooLong': {
    fr: 'La note fait {length} caractères ; {max} au plus.',
    en: 'The note is {length} characters long; at most {max}.',
  },
  'proposal.error.linkInvalid': {
    fr: 'Le lien doit être une adresse web complète, qui commence par http:// ou https://, sans espace.',
    en: 'The link must be a full web address starting with http:// or https://, without spaces.',
  },
  'proposal.error.linkTooLong': {
    fr: 'Le lien fait {length} caractères ; {max} au plus.',
    en: 'The link is {length} characters long; at most {max}.',
  },
  'proposal.error.mention': {
    fr: 'Une proposition ne peut pas contenir @everyone, @here ni de mention de membre ou de rôle : écrivez le nom en toutes lettres.',
    en: 'A proposal cannot contain @everyone, @here or a mention of a member or role: write the name out instead.',
  },
  'proposal.error.duplicateTitle': {
    fr: 'Ce texte est déjà proposé : « {title} », par {by} {when}. Pas besoin de le proposer deux fois.',
    en: 'This text is already proposed: “{title}”, by {by} {when}. No need to propose it twice.',
  },
  'proposal.error.duplicateLink': {
    fr: 'Ce lien est déjà proposé, avec « {title} », par {by} {when}. Pas besoin de le proposer deux fois.',
    en: 'This link is already proposed, with “{title}”, by {by} {when}. No need to propose it twice.',
  },
  'proposal.error.full': {
    fr: 'Ce serveur a déjà {max} propositions en attente, le plus qu’il peut en avoir. Elles sont archivées après chaque vote (`/proposition vote`), ou chacun peut retirer les siennes.',
    en: 'This server already has {max} proposals waiting, the most it may have. They are archived after each vote (`/proposal vote`), or members can withdraw their own.',
  },
  'proposal.error.unknown': {
    fr: 'Cette proposition n’est plus en attente : déjà retirée, ou mise au vote. Choisissez-en une dans la liste proposée.',
    en: 'This proposal is no longer waiting: already withdrawn, or put to a vote. Pick one from the suggested list.',
  },
  'proposal.error.notYours': {
    fr: 'Seule la personne qui a fait cette proposition, ou un membre qui a la permission « Gérer le serveur », peut la retirer.',
    en: 'Only the member who made this proposal, or a member with the “Manage Server” permission, can withdraw it.',
  },
  'proposal.withdrawn': {
    fr: 'Proposition retirée : « {title} ».',
    en: 'Proposal withdrawn: “{title}”.',
  },

  // /proposal list
  'proposal.list.title': {
    fr: '📚 Propositions pour le prochain texte',
    en: '📚 Proposals for the next text',
  },
  'proposal.list.count': {
    fr: { one: '{count} proposition en attente', other: '{count} propositions en attente' },
    en: { one: '{count} proposal waiting', other: '{count} proposals waiting' },
  },
  'proposal.list.by': {
    fr: 'proposé par {by} {when}',
    en: 'proposed by {by} {when}',
  },
  'proposal.list.empty': {
    fr: 'Aucune proposition pour l’instant. `/proposition ajouter` pour proposer un texte.',
    en: 'No proposals yet. `/proposal add` to propose a text.',
  },

  // /proposal vote, and the poll at a plan's end
  'proposal.poll.question': {
    fr: 'Quel texte lire ensuite ?',
    en: 'Which text shall we read next?',
  },
  'proposal.poll.questionMore': {
    fr: 'Quel texte lire ensuite ? (les {count} propositions les plus anciennes sur {total} ; les autres attendent le prochain vote)',
    en: 'Which text shall we read next? (the {count} oldest of {total} proposals; the others wait for the next vote)',
  },
  'proposal.vote.posted': {
    fr: {
      one: 'Sondage publié : {link}. {count} proposition y figure ; elle quitte la liste et reste dans les archives.',
      other:
        'Sondage publié : {link}. {count} propositions y figurent ; elles quittent la liste et restent dans les archives.',
    },
    en: {
      one: 'Poll posted: {link}. {count} proposal is in it; it leaves the list and stays in the archive.',
      other:
        'Poll posted: {link}. {count} proposals are in it; they leave the list and stay in the archive.',
    },
  },
  'proposal.vote.left': {
    fr: {
      one: 'Un sondage a {max} options au plus : {count} proposition plus récente attend le prochain vote.',
      other:
        'Un sondage a {max} options au plus : {count} propositions plus récentes attendent le prochain vote.',
    },
    en: {
      one: 'A poll has at most {max} options: {count} newer proposal waits for the next vote.',
      other: 'A poll has at most {max} options: {count} newer proposals wait for the next vote.',
    },
  },
  'proposal.vote.none': {
    fr: 'Il n’y a aucune proposition à mettre au vote : aucun sondage publié. Les membres proposent avec `/proposition ajouter`.',
    en: 'There are no proposals to vote on: no poll was posted. Members propose with `/proposal add`.',
  },
  'proposal.vote.single': {
    fr: 'Il n’y a qu’une proposition (« {title} ») : un sondage demande au moins deux options. Aucun sondage publié ; la proposition reste dans la liste.',
    en: 'There is only one proposal (“{title}”): a poll needs at least two options. No poll was posted; the proposal stays in the list.',
  },
  'proposal.vote.busy': {
    fr: 'Un vote sur les propositions est déjà en cours de publication. Réessayez dans un instant.',
    en: 'A vote on the proposals is already being posted. Please try again in a moment.',
  },
} satisfies Catalogue;
