import type { Catalogue } from './catalogue';

/**
 * `/privacy`: what Tribune keeps about a member and how long, and the erasure. Every statement
 * here follows the key layouts of `src/polls/poll-store.ts`, `src/reading/plan-store.ts` and
 * `src/proposals/proposal-store.ts`: change them together.
 */
export const privacyMessages = {
  'command.privacy.name': { fr: 'confidentialité', en: 'privacy' },
  'command.privacy.description': {
    fr: 'Ce que Tribune garde sur vous, et comment l’effacer',
    en: 'What Tribune keeps about you, and how to erase it',
  },
  'command.privacy.show.name': { fr: 'voir', en: 'show' },
  'command.privacy.show.description': {
    fr: 'Montre ce que Tribune garde sur vous, et combien de temps',
    en: 'Show what Tribune keeps about you, and for how long',
  },
  'command.privacy.delete.name': { fr: 'effacer', en: 'delete' },
  'command.privacy.delete.description': {
    fr: 'Efface vos votes et votre identifiant de Tribune (après confirmation)',
    en: 'Erase your votes and your id from Tribune (after a confirmation)',
  },

  // /privacy show
  'privacy.report.title': {
    fr: '🔒 Ce que Tribune garde sur vous',
    en: '🔒 What Tribune keeps about you',
  },
  'privacy.report.scope': {
    fr: 'Dans tous les serveurs où ce Tribune est installé, d’après son fichier de données :',
    en: 'In every server where this Tribune is installed, from its data file:',
  },
  'privacy.report.votes': {
    fr: '• **Vos votes** : {open} dans des sondages ouverts, {closed} dans des sondages clos. Un vote est gardé sous votre identifiant Discord ; dans un sondage anonyme, sous une empreinte (HMAC, avec le secret de l’hébergeur) du sondage et de votre identifiant, jamais l’identifiant lui-même. Le créateur du sondage et les modérateurs peuvent exporter qui a voté quoi, sauf pour un sondage anonyme. Les votes sont supprimés {days} jours après la clôture du sondage ; seuls les totaux restent.',
    en: '• **Your votes**: {open} in open polls, {closed} in closed polls. A vote is kept under your Discord user id; in an anonymous poll, under a keyed hash (HMAC, with the host’s secret) of the poll and your id, never the id itself. The poll’s creator and moderators can export who voted for what, except in an anonymous poll. Votes are deleted {days} days after the poll closes; only the totals stay.',
  },
  'privacy.report.polls': {
    fr: '• **Sondages que vous avez créés** : {count}. Votre identifiant (ou son empreinte) reste avec le sondage pour que vous puissiez le clore et l’exporter ; le sondage (question, options, totaux) n’est pas supprimé automatiquement.',
    en: '• **Polls you created**: {count}. Your id (or its hash) stays with the poll so that you can close and export it; the poll (question, options, totals) is not deleted automatically.',
  },
  'privacy.report.plans': {
    fr: '• **Plans de lecture que vous avez lancés** : {count}. Votre identifiant reste avec le plan jusqu’à `/lecture arrêter`.',
    en: '• **Reading plans you started**: {count}. Your id stays with the plan until `/reading stop`.',
  },
  'privacy.report.texts': {
    fr: '• **Textes que vous avez ajoutés** (`/texte ajouter`) : {count}{titles}. Votre identifiant reste avec le texte, pour montrer qui l’a ajouté ; le texte reste au serveur jusqu’à `/texte retirer`.',
    en: '• **Texts you added** (`/text add`): {count}{titles}. Your id stays with the text, to show who added it; the text stays with the server until `/text remove`.',
  },
  'privacy.report.textTitle': { fr: '« {title} »', en: '“{title}”' },
  'privacy.report.quotes': {
    fr: '• **`/section` et `/chercher`** : rien. Tribune ne lit aucun message des salons.',
    en: '• **`/section` and `/search`**: nothing. Tribune reads no channel messages.',
  },
  'privacy.report.memory': {
    fr: '• **En mémoire seulement** : l’heure de vos derniers votes, sondages et demandes de confidentialité, quelques minutes au plus, pour freiner les scripts ; jamais écrite.',
    en: '• **In memory only**: when you last voted, created a poll or used `/privacy`, a few minutes at most, to slow scripts down; never written.',
  },
  'privacy.report.logs': {
    fr: '• **Journaux de l’hébergeur** : des événements techniques avec des identifiants d’interaction, de serveur et de sondage, sans votre identifiant ni ce que vous tapez.',
    en: '• **The host’s logs**: technical events with interaction, server and poll ids, without your id or what you type.',
  },
  'privacy.report.howToDelete': {
    fr: 'Pour effacer vos votes et votre identifiant : `/confidentialité effacer`.',
    en: 'To erase your votes and your id: `/privacy delete`.',
  },

  // /privacy delete
  'privacy.confirm.title': {
    fr: '🗑️ Effacer vos données de Tribune ?',
    en: '🗑️ Erase your data from Tribune?',
  },
  'privacy.confirm.intro': {
    fr: 'Dans tous les serveurs où ce Tribune est installé, cela efface :',
    en: 'In every server where this Tribune is installed, this erases:',
  },
  'privacy.confirm.openVotes': {
    fr: '• vos votes dans les sondages ouverts ({count}) : ils ne comptent plus, et les messages des sondages sont mis à jour ;',
    en: '• your votes in open polls ({count}): they no longer count, and the poll messages are updated;',
  },
  'privacy.confirm.closedVotes': {
    fr: '• vos votes encore gardés dans des sondages clos ({count}) : les résultats annoncés ne changent pas ;',
    en: '• your votes still kept in closed polls ({count}): the announced results do not change;',
  },
  'privacy.confirm.polls': {
    fr: '• votre identifiant sur les sondages que vous avez créés ({count}) : ils restent pour les votants, mais vous ne pourrez plus les clore, les exporter ni voir leurs résultats cachés ; les membres qui ont « Gérer les messages » le peuvent toujours ;',
    en: '• your id on the polls you created ({count}): they stay for the voters, but you will no longer be able to close or export them or see their hidden results; members with “Manage Messages” still can;',
  },
  'privacy.report.readMarks': {
    fr: '• **Lectures notées** (« J’ai lu ») : {count}. Gardées avec le plan de lecture, effacées avec lui.',
    en: '• **Readings marked** (“I’ve read it”): {count}. Kept with the reading plan, erased with it.',
  },
  'privacy.confirm.readMarks': {
    fr: '• vos marques « J’ai lu » ({count}) : les compteurs des publications baissent d’autant ;',
    en: '• your “I’ve read it” marks ({count}): the prompts’ counts go down accordingly;',
  },
  'privacy.erased.readMarks': {
    fr: '• Marques « J’ai lu » effacées : {count}',
    en: '• “I’ve read it” marks erased: {count}',
  },
  'privacy.report.proposals': {
    fr: '• **Propositions de textes** : {count}. Chacune garde son titre, son lien, sa note et votre identifiant : en attente dans la liste du serveur, puis archivée après le vote, jusqu’à ce que vous l’effaciez.',
    en: '• **Text proposals**: {count}. Each keeps its title, link, note and your id: waiting in the server’s list, then archived after the vote, until you erase it.',
  },
  'privacy.confirm.proposals': {
    fr: '• vos propositions de textes ({count}) : celles en attente quittent la liste ; un sondage déjà publié garde ses options ;',
    en: '• your text proposals ({count}): waiting ones leave the list; a poll already posted keeps its options;',
  },
  'privacy.erased.proposals': {
    fr: '• Propositions de textes effacées : {count}',
    en: '• Text proposals erased: {count}',
  },
  'privacy.confirm.plans': {
    fr: '• votre identifiant sur les plans de lecture que vous avez lancés ({count}) : ils continuent pour le groupe.',
    en: '• your id on the reading plans you started ({count}): they go on for the group.',
  },
  'privacy.confirm.texts': {
    fr: '• votre identifiant sur les textes que vous avez ajoutés ({count}) : ils restent au serveur, sans votre nom ;',
    en: '• your id on the texts you added ({count}): they stay with the server, without your name;',
  },
  'privacy.erased.texts': {
    fr: '• Textes ajoutés qui ne portent plus votre identifiant : {count}',
    en: '• Texts you added that no longer carry your id: {count}',
  },
  'privacy.confirm.final': {
    fr: 'C’est définitif. Cette demande expire {when}.',
    en: 'This cannot be undone. This request expires {when}.',
  },
  'privacy.confirm.button': { fr: 'Tout effacer', en: 'Erase everything' },
  'privacy.cancel.button': { fr: 'Annuler', en: 'Cancel' },
  'privacy.nothing': {
    fr: 'Tribune ne garde rien sur vous : aucun vote, aucun sondage ni plan de lecture à votre nom. Il n’y a rien à effacer.',
    en: 'Tribune keeps nothing about you: no vote, no poll or reading plan under your name. There is nothing to erase.',
  },
  'privacy.erased.title': { fr: '✅ C’est effacé.', en: '✅ Erased.' },
  'privacy.erased.openVotes': {
    fr: '• Votes dans des sondages ouverts : {count} (leurs messages sont mis à jour)',
    en: '• Votes in open polls: {count} (their messages are being updated)',
  },
  'privacy.erased.closedVotes': {
    fr: '• Votes dans des sondages clos : {count} (les totaux annoncés restent)',
    en: '• Votes in closed polls: {count} (the announced totals stay)',
  },
  'privacy.erased.polls': {
    fr: '• Sondages qui ne portent plus votre identifiant : {count}',
    en: '• Polls that no longer carry your id: {count}',
  },
  'privacy.erased.plans': {
    fr: '• Plans de lecture qui ne portent plus votre identifiant : {count}',
    en: '• Reading plans that no longer carry your id: {count}',
  },
  'privacy.cancelled': {
    fr: 'Rien n’a été effacé.',
    en: 'Nothing was erased.',
  },
  'privacy.error.notYours': {
    fr: 'Ce bouton ne vous est pas destiné : seule la personne qui a demandé l’effacement peut le confirmer.',
    en: 'This button is not for you: only the member who asked for the erasure can confirm it.',
  },
  'privacy.error.expired': {
    fr: 'Cette demande a expiré et rien n’a été effacé. Relancez `/confidentialité effacer`.',
    en: 'This request has expired and nothing was erased. Run `/privacy delete` again.',
  },
} satisfies Catalogue;
