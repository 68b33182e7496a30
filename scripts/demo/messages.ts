// The demo's own words (banner, help, errors), in the language chosen with `lang` (pure).
import type { DemoLocale } from './command-defs';
import type { Expected, ParseError } from './parse-command-line';

const list = (items: readonly string[]) => items.join(', ');

interface Messages {
  banner: (help: string) => string[];
  helpIntro: string;
  helpCommands: string;
  helpDemo: string[];
  helpNames: string;
  noCommands: string;
  langNow: (locale: string) => string;
  langUnknown: (typed: string) => string;
  asNow: (name: string) => string;
  asUnknown: (typed: string, members: readonly string[]) => string;
  ephemeral: string;
  followUp: string;
  newMessage: (channel: string) => string;
  edited: string;
  deleted: string;
  noButtons: string;
  noSuchButton: (index: number, count: number) => string;
  disabled: string;
  disabledButton: (label: string) => string;
  link: (url: string) => string;
  chooseValue: (index: number, options: readonly string[]) => string;
  unknownValue: (typed: string, options: readonly string[]) => string;
  suggestions: (option: string) => string;
  noSuggestionsFound: string;
  noAnswer: (seconds: number) => string;
  modal: (title: string) => string;
  emptyReply: string;
  moreLines: (count: number) => string;
  refused: (count: number) => string;
  failed: (message: string) => string;
  fileUnreadable: (path: string, reason: string) => string;
  notAFile: (path: string) => string;
  fileTooLarge: (path: string, maxMb: number) => string;
  goodbye: string;
  unknownInput: (typed: string) => string;
  parse: (error: ParseError) => string;
  expected: Record<Expected, string>;
}

const fr: Messages = {
  banner: (help) => [
    'Tribune — démo hors ligne.',
    'Un émulateur local tient le rôle de Discord : le vrai bot y est connecté, et rien ne sort de cette machine.',
    `Tapez une commande comme sur Discord (/section 2, /search surveillance), ou « ${help} » pour l’aide.`,
  ],
  helpIntro: 'Commandes de Tribune (comme sur Discord, sans la souris) :',
  helpCommands:
    'Exemples : /section 2 · /section section:2 paragraphe:1 · /chercher mots:"lutte sociale"',
  helpDemo: [
    'Dans la démo :',
    '  1, 2…         clique sur ce bouton du dernier message qui en a (1 lundi : choix dans un menu)',
    '  ?section l’ia suggestions de saisie (autocomplétion) pour l’option que vous tapez',
    '  lang en|fr    change la langue de vos interactions (et de la démo)',
    '  as camille    agit en tant qu’un autre membre (bastien, camille la modératrice, zoé, odile)',
    '  help /section détails d’une commande · quit (ou Ctrl-D) pour sortir',
    '  Un fichier joint se donne par son chemin : as camille, puis /texte ajouter fichier:./mon-texte.md',
  ],
  helpNames:
    'Les mots sans nom remplissent la première option obligatoire (ou le premier texte) ; ' +
    'les options se nomment en français ou en anglais : nom:valeur, nom:"avec des espaces".',
  noCommands: 'Aucune commande n’est enregistrée.',
  langNow: (locale) => `Langue des interactions : ${locale}.`,
  langUnknown: (typed) => `Langue inconnue « ${typed} » : choisissez fr ou en.`,
  asNow: (name) => `Vous agissez en tant que ${name}.`,
  asUnknown: (typed, members) => `Aucun membre « ${typed} ». Membres : ${list(members)}.`,
  ephemeral: '(visible par vous seul·e)',
  followUp: '↳ message suivant',
  newMessage: (channel) => `↳ nouveau message dans #${channel}`,
  edited: '↳ message modifié',
  deleted: '↳ message supprimé',
  noButtons: 'Aucun message affiché n’a de bouton.',
  noSuchButton: (index, count) =>
    `Il n’y a pas de bouton ${index} : le dernier message en a ${count}.`,
  disabled: 'désactivé',
  disabledButton: (label) => `Le bouton « ${label} » est désactivé.`,
  link: (url) => `Ce bouton est un lien : ${url}`,
  chooseValue: (index, options) =>
    `Choisissez une valeur, par ex. « ${index} ${options[0] ?? ''} » : ${list(options)}.`,
  unknownValue: (typed, options) => `Pas d’option « ${typed} » dans ce menu : ${list(options)}.`,
  suggestions: (option) => `Suggestions pour ${option} :`,
  noSuggestionsFound: '(aucune suggestion)',
  noAnswer: (seconds) =>
    `Tribune n’a pas répondu en ${seconds} s (Discord afficherait « L’application ne répond plus »).`,
  modal: (title) =>
    `Tribune ouvre un formulaire « ${title} » : la démo ne sait pas encore les remplir.`,
  emptyReply: '(réponse vide)',
  moreLines: (count) => `… (${count} ligne${count > 1 ? 's' : ''} de plus)`,
  refused: (count) => `⚠ Discord aurait refusé ${count} requête(s) du bot :`,
  failed: (message) => `La démo n’a pas pu envoyer cette interaction : ${message}`,
  fileUnreadable: (path, reason) => `Je ne peux pas lire le fichier « ${path} » : ${reason}`,
  notAFile: (path) => `« ${path} » n’est pas un fichier.`,
  fileTooLarge: (path, maxMb) =>
    `« ${path} » dépasse ${maxMb} Mo : Discord ne l’enverrait pas à un bot.`,
  goodbye: 'Au revoir.',
  unknownInput: (typed) =>
    `Je ne comprends pas « ${typed} ». Les commandes commencent par / (par ex. /section 2) ; tapez help.`,
  parse: (error) => {
    switch (error.code) {
      case 'noCommand':
        return `Quelle commande ? Commandes : ${list(error.commands)}.`;
      case 'unknownCommand':
        if (!error.slash && error.suggestion === undefined) return fr.unknownInput(error.typed);
        return `Commande inconnue « /${error.typed} ».${error.suggestion ? ` Vouliez-vous dire ${error.suggestion} ?` : ''} Commandes : ${list(error.commands)}.`;
      case 'needsSubcommand':
        return `${error.path} attend une sous-commande : ${list(error.subcommands)}.`;
      case 'unknownSubcommand':
        return `${error.path} n’a pas de sous-commande « ${error.typed} ».${error.suggestion ? ` Vouliez-vous dire ${error.suggestion} ?` : ''} Sous-commandes : ${list(error.subcommands)}.`;
      case 'unknownOption':
        return `${error.path} n’a pas d’option « ${error.typed} ».${error.suggestion ? ` Vouliez-vous dire ${error.suggestion} ?` : ''} Options : ${list(error.options)}.`;
      case 'noOptions':
        return `${error.path} ne prend pas d’option.`;
      case 'duplicateOption':
        return `L’option ${error.option} est donnée deux fois.`;
      case 'missingValue':
        return `Donnez une valeur à l’option ${error.option}.`;
      case 'missingRequired':
        return `${error.path} a besoin de : ${list(error.options)}. Usage : ${error.usage.join(' ; ')}`;
      case 'badValue':
        return `${error.option} : « ${error.value} » n’est pas ${fr.expected[error.expected]}.${error.known && error.known.length > 0 ? ` Possibles : ${list(error.known)}.` : ''}`;
      case 'outOfRange':
        return `${error.option} : ${error.value} est hors limites (${[error.min !== undefined ? `min ${error.min}` : '', error.max !== undefined ? `max ${error.max}` : ''].filter(Boolean).join(', ')}).`;
      case 'badLength':
        return `${error.option} : ${error.length} caractères, ${error.max !== undefined && error.length > error.max ? `au plus ${error.max}` : `au moins ${error.min ?? 1}`} (Discord ne l’enverrait pas).`;
      case 'noSuggestions':
        return error.withSuggestions.length === 0
          ? `${error.path} ne propose pas de suggestions.`
          : `${error.option ? `L’option ${error.option} ne propose pas de suggestions. ` : ''}Options avec suggestions : ${list(error.withSuggestions)} (par ex. ?${error.path.slice(1)} ${error.withSuggestions[0]?.split(' ')[0] ?? ''}:…).`;
    }
  },
  expected: {
    integer: 'un nombre entier',
    number: 'un nombre',
    boolean: 'oui ou non',
    member: 'un membre du serveur',
    channel: 'un salon du serveur',
    role: 'un rôle du serveur',
    choice: 'l’un des choix',
  },
};

const en: Messages = {
  banner: (help) => [
    'Tribune — offline demo.',
    'A local emulator stands in for Discord: the real bot is connected to it, and nothing leaves this machine.',
    `Type a command as you would on Discord (/section 2, /search surveillance), or “${help}” for help.`,
  ],
  helpIntro: 'Tribune’s commands (as on Discord, without the mouse):',
  helpCommands:
    'Examples: /section 2 · /section section:2 paragraph:1 · /search query:"lutte sociale"',
  helpDemo: [
    'In the demo:',
    '  1, 2…         clicks that button of the last message that has buttons (1 monday: pick in a menu)',
    '  ?section l’ia suggestions as you type (autocomplete) for the option being typed',
    '  lang en|fr    switches the language of your interactions (and of the demo)',
    '  as camille    acts as another member (bastien, camille the moderator, zoé, odile)',
    '  help /section details of one command · quit (or Ctrl-D) to leave',
    '  Attach a local file by its path: as camille, then /text add file:./my-text.md',
  ],
  helpNames:
    'Words without a name fill the first required option (else the first text one); ' +
    'options may be named in English or French: name:value, name:"with spaces".',
  noCommands: 'No command is registered.',
  langNow: (locale) => `Interaction language: ${locale}.`,
  langUnknown: (typed) => `Unknown language “${typed}”: choose fr or en.`,
  asNow: (name) => `You are now acting as ${name}.`,
  asUnknown: (typed, members) => `No member “${typed}”. Members: ${list(members)}.`,
  ephemeral: '(visible only to you)',
  followUp: '↳ follow-up message',
  newMessage: (channel) => `↳ new message in #${channel}`,
  edited: '↳ message edited',
  deleted: '↳ message deleted',
  noButtons: 'No message shown so far has buttons.',
  noSuchButton: (index, count) => `There is no button ${index}: the last message has ${count}.`,
  disabled: 'disabled',
  disabledButton: (label) => `The “${label}” button is disabled.`,
  link: (url) => `This button is a link: ${url}`,
  chooseValue: (index, options) =>
    `Choose a value, e.g. “${index} ${options[0] ?? ''}”: ${list(options)}.`,
  unknownValue: (typed, options) => `No option “${typed}” in this menu: ${list(options)}.`,
  suggestions: (option) => `Suggestions for ${option}:`,
  noSuggestionsFound: '(no suggestions)',
  noAnswer: (seconds) =>
    `Tribune did not answer within ${seconds} s (Discord would say “The application did not respond”).`,
  modal: (title) => `Tribune opens a form “${title}”: the demo cannot fill forms yet.`,
  emptyReply: '(empty reply)',
  moreLines: (count) => `… (${count} more line${count > 1 ? 's' : ''})`,
  refused: (count) => `⚠ Discord would have refused ${count} request(s) from the bot:`,
  failed: (message) => `The demo could not send this interaction: ${message}`,
  fileUnreadable: (path, reason) => `I cannot read the file “${path}”: ${reason}`,
  notAFile: (path) => `“${path}” is not a file.`,
  fileTooLarge: (path, maxMb) =>
    `“${path}” is over ${maxMb} MB: Discord would not send it to a bot.`,
  goodbye: 'Goodbye.',
  unknownInput: (typed) =>
    `I don’t understand “${typed}”. Commands start with / (e.g. /section 2); type help.`,
  parse: (error) => {
    switch (error.code) {
      case 'noCommand':
        return `Which command? Commands: ${list(error.commands)}.`;
      case 'unknownCommand':
        if (!error.slash && error.suggestion === undefined) return en.unknownInput(error.typed);
        return `Unknown command “/${error.typed}”.${error.suggestion ? ` Did you mean ${error.suggestion}?` : ''} Commands: ${list(error.commands)}.`;
      case 'needsSubcommand':
        return `${error.path} needs a subcommand: ${list(error.subcommands)}.`;
      case 'unknownSubcommand':
        return `${error.path} has no subcommand “${error.typed}”.${error.suggestion ? ` Did you mean ${error.suggestion}?` : ''} Subcommands: ${list(error.subcommands)}.`;
      case 'unknownOption':
        return `${error.path} has no option “${error.typed}”.${error.suggestion ? ` Did you mean ${error.suggestion}?` : ''} Options: ${list(error.options)}.`;
      case 'noOptions':
        return `${error.path} takes no options.`;
      case 'duplicateOption':
        return `The ${error.option} option is given twice.`;
      case 'missingValue':
        return `Give the ${error.option} option a value.`;
      case 'missingRequired':
        return `${error.path} needs: ${list(error.options)}. Usage: ${error.usage.join('; ')}`;
      case 'badValue':
        return `${error.option}: “${error.value}” is not ${en.expected[error.expected]}.${error.known && error.known.length > 0 ? ` Possible: ${list(error.known)}.` : ''}`;
      case 'outOfRange':
        return `${error.option}: ${error.value} is out of range (${[error.min !== undefined ? `min ${error.min}` : '', error.max !== undefined ? `max ${error.max}` : ''].filter(Boolean).join(', ')}).`;
      case 'badLength':
        return `${error.option}: ${error.length} characters, ${error.max !== undefined && error.length > error.max ? `at most ${error.max}` : `at least ${error.min ?? 1}`} (Discord would not send it).`;
      case 'noSuggestions':
        return error.withSuggestions.length === 0
          ? `${error.path} offers no suggestions.`
          : `${error.option ? `The ${error.option} option offers no suggestions. ` : ''}Options with suggestions: ${list(error.withSuggestions)} (e.g. ?${error.path.slice(1)} ${error.withSuggestions[0]?.split(' ')[0] ?? ''}:…).`;
    }
  },
  expected: {
    integer: 'a whole number',
    number: 'a number',
    boolean: 'yes or no',
    member: 'a member of the server',
    channel: 'a channel of the server',
    role: 'a role of the server',
    choice: 'one of the choices',
  },
};

export const MESSAGES: Readonly<Record<DemoLocale, Messages>> = { fr, en };

/** The demo's language for a Discord locale (`en-GB` → `en`), if it speaks it. */
export function demoLocale(typed: string): DemoLocale | undefined {
  const language = typed.trim().toLowerCase().split(/[-_]/)[0];
  return language === 'fr' || language === 'en' ? language : undefined;
}
