import type { Catalogue } from './catalogue';

/**
 * Slash command names, descriptions and option names. Names are English by default with French
 * localisations (Discord shows each member the one for their client's language).
 */
export const commandMessages = {
  'command.section.name': { fr: 'section', en: 'section' },
  'command.section.description': {
    fr: 'Cite le texte : le sommaire, une section entière ou un paragraphe',
    en: 'Quote the text: the contents, a whole section or one paragraph',
  },
  'command.section.option.section.name': { fr: 'section', en: 'section' },
  'command.section.option.section.description': {
    fr: 'Numéro, titre ou mots du titre de la section',
    en: 'Number, title or words of the title of the section',
  },
  'command.section.option.paragraph.name': { fr: 'paragraphe', en: 'paragraph' },
  'command.section.option.paragraph.description': {
    fr: 'Ne citer que ce paragraphe de la section',
    en: 'Quote only this paragraph of the section',
  },
  'command.section.option.text.name': { fr: 'texte', en: 'text' },
  'command.section.option.text.description': {
    fr: 'Le texte à citer (par défaut, le premier)',
    en: 'The text to quote (the first one by default)',
  },
  'command.section.option.private.name': { fr: 'privé', en: 'private' },
  'command.section.option.private.description': {
    fr: 'Ne montrer la citation qu’à vous',
    en: 'Show the quote to you only',
  },
  'command.search.name': { fr: 'chercher', en: 'search' },
  'command.search.description': {
    fr: 'Cherche des mots dans les textes et montre les passages',
    en: 'Look for words in the texts and show the passages',
  },
  'command.search.option.query.name': { fr: 'mots', en: 'query' },
  'command.search.option.query.description': {
    fr: 'Les mots à chercher (accents et majuscules indifférents)',
    en: 'The words to look for (accents and case do not matter)',
  },
  'command.search.option.text.name': { fr: 'texte', en: 'text' },
  'command.search.option.text.description': {
    fr: 'Chercher dans ce texte seulement',
    en: 'Search this text only',
  },
  'command.search.option.private.name': { fr: 'privé', en: 'private' },
  'command.search.option.private.description': {
    fr: 'Ne montrer les résultats qu’à vous',
    en: 'Show the results to you only',
  },
} satisfies Catalogue;
