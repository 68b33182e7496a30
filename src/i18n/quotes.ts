import type { Catalogue } from './catalogue';

export const quoteMessages = {
  'quote.attribution': {
    fr: '{author}, « {title} », {date} — {source}',
    en: '{author}, “{title}”, {date} — {source}',
  },
  'quote.heading': { fr: '§{number} · {title}', en: '§{number} · {title}' },
  'quote.headingEditorial': {
    fr: '§{number} · {title} (titre de la rédaction)',
    en: '§{number} · {title} (editors’ title)',
  },
  'quote.paragraphHeading': { fr: '{heading} · ¶{paragraph}', en: '{heading} · ¶{paragraph}' },
  'quote.paragraph': { fr: '**¶{paragraph}**', en: '**¶{paragraph}**' },
  'quote.continued': { fr: '*(¶{paragraph}, suite)*', en: '*(¶{paragraph}, continued)*' },
  'quote.page': { fr: 'Page {page}/{pages}', en: 'Page {page}/{pages}' },
  'quote.previous': { fr: '◀ Précédent', en: '◀ Previous' },
  'quote.next': { fr: 'Suivant ▶', en: 'Next ▶' },
  'quote.unknownText': {
    fr: 'Je ne connais pas de texte « {query} ». Textes disponibles : {texts}.',
    en: 'I know no text “{query}”. Available texts: {texts}.',
  },
  'quote.unknownSection': {
    fr: {
      one: 'Il n’y a pas de section « {query} ». Ce texte a {count} section : {sections}.',
      other: 'Il n’y a pas de section « {query} ». Ce texte a {count} sections : {sections}.',
    },
    en: {
      one: 'There is no section “{query}”. This text has {count} section: {sections}.',
      other: 'There is no section “{query}”. This text has {count} sections: {sections}.',
    },
  },
  'quote.unknownParagraph': {
    fr: 'La section {section} n’a pas de paragraphe {paragraph} : choisissez entre 1 et {count}.',
    en: 'Section {section} has no paragraph {paragraph}: choose between 1 and {count}.',
  },
  'quote.paragraphWithoutSection': {
    fr: 'Indiquez aussi la section, par exemple `/section section:2 paragraphe:1`.',
    en: 'Give the section too, for example `/section section:2 paragraph:1`.',
  },
  'contents.line': {
    fr: { one: '{heading} — {count} paragraphe', other: '{heading} — {count} paragraphes' },
    en: { one: '{heading} — {count} paragraph', other: '{heading} — {count} paragraphs' },
  },
  'contents.howTo': { fr: 'Lire une section', en: 'Read a section' },
  'contents.hint': {
    fr: '`/section section:2` pour une section, `paragraphe:1` pour un seul paragraphe, `/chercher` pour trouver un mot.',
    en: '`/section section:2` for a section, `paragraph:1` for a single paragraph, `/search` to look for a word.',
  },
  'contents.otherTexts': { fr: 'Autres textes', en: 'Other texts' },
  'search.title': { fr: 'Recherche : « {query} »', en: 'Search: “{query}”' },
  'search.reference': {
    fr: '§{section} ¶{paragraph} · {title}',
    en: '§{section} ¶{paragraph} · {title}',
  },
  'search.hint': {
    fr: 'Pour lire un passage en entier : /section section:<n> paragraphe:<n>',
    en: 'To read a passage in full: /section section:<n> paragraph:<n>',
  },
  'search.noResults': {
    fr: 'Aucun passage ne contient « {query} ». Essayez un autre mot, ou `/section` pour le sommaire.',
    en: 'No passage contains “{query}”. Try another word, or `/section` for the contents.',
  },
  'search.emptyQuery': {
    fr: 'Indiquez un ou plusieurs mots à chercher, par exemple `/chercher mots:surveillance`.',
    en: 'Give one or more words to look for, for example `/search query:surveillance`.',
  },
  'search.queryTooLong': {
    fr: 'Votre recherche fait {length} caractères ; {max} au plus, s’il vous plaît.',
    en: 'Your search is {length} characters long; {max} at most, please.',
  },
} satisfies Catalogue;
