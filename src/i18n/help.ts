import type { Catalogue } from './catalogue';

/** `/help` and `/about`: what Tribune is and does, for the member who asks. */
export const helpMessages = {
  'command.help.name': { fr: 'aide', en: 'help' },
  'command.help.description': {
    fr: 'Ce que fait Tribune, et les commandes que vous pouvez utiliser ici',
    en: 'What Tribune does, and the commands you can use here',
  },
  'command.about.name': { fr: 'à-propos', en: 'about' },
  'command.about.description': {
    fr: 'Version, licence et code source de Tribune, et ce qu’il garde',
    en: 'Tribune’s version, licence and source code, and what it keeps',
  },
  'help.title': { fr: 'Tribune — aide', en: 'Tribune — help' },
  'help.intro': {
    fr: 'Tribune accompagne les cercles de lecture : il cite le texte, publie chaque semaine la section à lire avec des questions, et fait voter les membres.',
    en: 'Tribune helps reading circles: it quotes the text, posts the section to read each week with questions, and lets members vote.',
  },
  'help.yourCommands': {
    fr: 'Les commandes que vous pouvez utiliser ici :',
    en: 'The commands you can use here:',
  },
  'help.more': {
    fr: 'Tapez `/` dans la barre de message pour voir les options de chaque commande. `/à-propos` : ce que Tribune garde, et son code source.',
    en: 'Type `/` in the message bar to see each command’s options. `/about`: what Tribune keeps, and its source code.',
  },
  'about.title': { fr: 'À propos de Tribune', en: 'About Tribune' },
  'about.what': {
    fr: 'Tribune {version} : un bot Discord libre pour les cercles de lecture et de discussion.',
    en: 'Tribune {version}: a free-software Discord bot for reading and discussion circles.',
  },
  'about.licence': {
    fr: 'Licence : GNU AGPL v3 ou ultérieure. Vous pouvez l’étudier, le modifier et le partager.',
    en: 'Licence: GNU AGPL v3 or later. You may study, change and share it.',
  },
  'about.source': { fr: 'Code source : {url}', en: 'Source code: {url}' },
  'about.sourceAsk': {
    fr: 'Code source : demandez-le à qui héberge ce bot (la licence l’y oblige).',
    en: 'Source code: ask whoever hosts this bot (the licence requires them to give it).',
  },
  'about.stores': {
    fr: 'Ce que Tribune garde : vos votes (effacés {days} jours après la clôture), les sondages, plans de lecture et propositions de textes que vous créez, jamais vos messages. `/confidentialité voir` pour le détail.',
    en: 'What Tribune keeps: your votes (erased {days} days after the poll closes), the polls, reading plans and text proposals you create, never your messages. `/privacy show` for the details.',
  },
} satisfies Catalogue;
