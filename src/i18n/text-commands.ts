import type { Catalogue } from './catalogue';

/** `/text`: organisers bring their own texts from Discord, for their server only. */
export const textCommandMessages = {
  'command.text.name': { fr: 'texte', en: 'text' },
  'command.text.description': {
    fr: 'Les textes de ce serveur : ajouter, lister, retirer, exporter',
    en: 'This server’s texts: add, list, remove, export',
  },
  'command.text.add.name': { fr: 'ajouter', en: 'add' },
  'command.text.add.description': {
    fr: 'Ajoute un texte depuis un fichier .md ou .txt (aperçu avant enregistrement)',
    en: 'Add a text from a .md or .txt file (preview before anything is stored)',
  },
  'command.text.add.option.file.name': { fr: 'fichier', en: 'file' },
  'command.text.add.option.file.description': {
    fr: 'Un fichier .md (format de Tribune) ou .txt, 512 Ko au plus',
    en: 'A .md (Tribune’s format) or .txt file, 512 KB at most',
  },
  'command.text.list.name': { fr: 'liste', en: 'list' },
  'command.text.list.description': {
    fr: 'Les textes que ce serveur peut lire',
    en: 'The texts this server can read',
  },
  'command.text.remove.name': { fr: 'retirer', en: 'remove' },
  'command.text.remove.description': {
    fr: 'Retire un texte de ce serveur (après confirmation)',
    en: 'Remove one of this server’s texts (after a confirmation)',
  },
  'command.text.export.name': { fr: 'exporter', en: 'export' },
  'command.text.export.description': {
    fr: 'Rend un texte de ce serveur tel qu’il a été ajouté',
    en: 'Give one of this server’s texts back as it was added',
  },
  'command.text.option.text.name': { fr: 'texte', en: 'text' },
  'command.text.option.text.description': {
    fr: 'Un texte de ce serveur',
    en: 'One of this server’s texts',
  },

  'texts.plain.author': { fr: 'Auteur non précisé', en: 'Author not given' },
  'texts.added': {
    fr: 'Texte ajouté : « {title} ». Citez-le avec `/section texte:{id}`, cherchez-y avec `/chercher`, lisez-le avec `/lecture lancer texte:{id}`.',
    en: 'Text added: “{title}”. Quote it with `/section text:{id}`, search it with `/search`, read it with `/reading start text:{id}`.',
  },
  'texts.cancelled': { fr: 'Rien n’a été enregistré.', en: 'Nothing was stored.' },
  'texts.removeCancelled': {
    fr: 'Rien n’a été retiré.',
    en: 'Nothing was removed.',
  },
  'texts.exported': {
    fr: '« {title} », tel qu’il a été ajouté.',
    en: '“{title}”, as it was added.',
  },
  'texts.removed': {
    fr: 'Texte retiré : « {title} ». Ses anciens boutons diront qu’il a été retiré.',
    en: 'Text removed: “{title}”. Its old buttons will say it was removed.',
  },
  'texts.removeConfirm': {
    fr: 'Retirer « {title} » de ce serveur ? Il ne pourra plus être cité ni lu ici (exportez-le d’abord pour le garder). Cette demande expire {when}.',
    en: 'Remove “{title}” from this server? It can no longer be quoted or read here (export it first to keep it). This request expires {when}.',
  },
  'texts.removeButton': { fr: 'Retirer', en: 'Remove' },
  'texts.list.title': { fr: 'Textes de ce serveur', en: 'This server’s texts' },
  'texts.list.builtIn': {
    fr: '**{title}** — {author} · {sections} · intégré à Tribune',
    en: '**{title}** — {author} · {sections} · built into Tribune',
  },
  'texts.list.added': {
    fr: '**{title}** — {author} · {sections} · ajouté par <@{user}> {when} · `{id}`',
    en: '**{title}** — {author} · {sections} · added by <@{user}> {when} · `{id}`',
  },
  'texts.list.addedForgotten': {
    fr: '**{title}** — {author} · {sections} · ajouté {when} · `{id}`',
    en: '**{title}** — {author} · {sections} · added {when} · `{id}`',
  },
  'texts.list.sections': {
    fr: { one: '{count} section', other: '{count} sections' },
    en: { one: '{count} section', other: '{count} sections' },
  },
  'texts.list.room': {
    fr: 'Place restante : {texts} sur {maxTexts} textes, {size} Ko sur {maxSize} Ko.',
    en: 'Room left: {texts} of {maxTexts} texts, {size} KB of {maxSize} KB.',
  },
  'texts.list.howTo': { fr: 'Utiliser un texte', en: 'Using a text' },
  'texts.list.hint': {
    fr: 'Citez un texte avec `/section texte:…`, lisez-le avec `/lecture lancer texte:…`. Les organisateurs en ajoutent avec `/texte ajouter`.',
    en: 'Quote a text with `/section text:…`, read it with `/reading start text:…`. Organisers add more with `/text add`.',
  },
  'texts.error.limitTexts': {
    fr: 'Ce serveur a déjà {max} textes, le maximum : retirez-en un (`/texte retirer`) avant d’en ajouter.',
    en: 'This server already has {max} texts, the maximum: remove one (`/text remove`) before adding another.',
  },
  'texts.error.limitSize': {
    fr: 'Ce texte ({size} Ko) dépasse la place qui reste à ce serveur ({left} Ko sur {max} Ko) : retirez un texte d’abord.',
    en: 'This text ({size} KB) is more than the room this server has left ({left} KB of {max} KB): remove a text first.',
  },
  'texts.error.expired': {
    fr: 'Cette demande a expiré : recommencez avec `/texte ajouter`.',
    en: 'This request has expired: start again with `/text add`.',
  },
  'texts.error.notYours': {
    fr: 'Ces boutons sont pour l’organisateur qui a fait la demande.',
    en: 'These buttons are for the organiser who asked.',
  },
  'texts.error.tooLargeWhileReading': {
    fr: 'Le fichier dépasse {max} Ko : j’ai arrêté de le lire. {max} Ko au plus, s’il vous plaît.',
    en: 'The file is over {max} KB: I stopped reading it. {max} KB at most, please.',
  },
  'texts.error.unknown': {
    fr: 'Ce serveur n’a pas de texte « {query} » (les textes intégrés ne se retirent pas). `/texte liste` montre les siens.',
    en: 'This server has no text “{query}” (built-in texts cannot be removed). `/text list` shows its own.',
  },
  'texts.error.removed': {
    fr: 'Ce texte a été retiré de ce serveur.',
    en: 'This text was removed from this server.',
  },
  'texts.error.inUse': {
    fr: 'Ce texte est lu par le plan de lecture de {channels} : arrêtez-le d’abord (`/lecture arrêter`).',
    en: 'This text is read by the reading plan of {channels}: stop it first (`/reading stop`).',
  },
  'texts.error.download': {
    fr: 'Je n’ai pas pu lire le fichier (envoi interrompu ou trop lent) : réessayez.',
    en: 'I could not read the file (upload interrupted or too slow): try again.',
  },
} satisfies Catalogue;
