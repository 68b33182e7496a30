import type { Catalogue } from './catalogue';

/**
 * Texts a server brings (`/text add`) and `content/`: problems found in a file, warnings and the
 * preview. A problem with a line follows "Line 12: ", so it starts in lower case; the English
 * wording is also what `npm run content:check` prints.
 */
export const textMessages = {
  'texts.error.extension': {
    fr: 'Je ne lis que les fichiers .md (le format de Tribune) et .txt (texte brut) ; « {file} » n’en est pas un.',
    en: 'I only read .md files (Tribune’s format) and .txt files (plain text); “{file}” is neither.',
  },
  'texts.error.tooLarge': {
    fr: 'Le fichier fait {size} Ko ; {max} Ko au plus, s’il vous plaît.',
    en: 'The file is {size} KB; {max} KB at most, please.',
  },
  'texts.error.empty': { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  'texts.error.encoding': {
    fr: 'cette ligne n’est pas en UTF-8 : enregistrez le fichier en « UTF-8 » depuis votre éditeur.',
    en: 'this line is not UTF-8: save the file as “UTF-8” from your editor.',
  },
  'texts.error.binary': {
    fr: 'caractère de contrôle {character} : ce fichier ressemble à des données binaires (image, PDF, document de traitement de texte ?), pas à du texte.',
    en: 'control character {character}: this file looks like binary data (an image, a PDF, a word-processor document?), not text.',
  },
  'texts.error.frontMatterStart': {
    fr: 'un fichier .md commence par un en-tête (front matter) ouvert par « --- » ; un texte brut va dans un fichier .txt.',
    en: 'a .md file starts with front matter opened by "---"; plain text goes in a .txt file.',
  },
  'texts.error.frontMatterEnd': {
    fr: 'l’en-tête (front matter) n’est pas fermé par une ligne « --- ».',
    en: 'the front matter is not closed by a "---" line.',
  },
  'texts.error.frontMatterLine': {
    fr: 'l’en-tête attend des lignes « clé: valeur », pas « {text} ».',
    en: 'expected "key: value" in the front matter, got "{text}".',
  },
  'texts.error.unknownKey': {
    fr: 'clé d’en-tête inconnue « {key} » ; les clés possibles : {keys}.',
    en: 'unknown front matter key "{key}"; the keys are: {keys}.',
  },
  'texts.error.duplicateKey': {
    fr: 'la clé « {key} » apparaît deux fois dans l’en-tête.',
    en: 'duplicate front matter key "{key}".',
  },
  'texts.error.missingKey': {
    fr: 'il manque « {key} » dans l’en-tête.',
    en: 'front matter lacks "{key}".',
  },
  'texts.error.badId': {
    fr: 'l’id s’écrit en minuscules, chiffres et « - », {max} caractères au plus.',
    en: 'the id must be lowercase letters, digits and "-", at most {max} characters.',
  },
  'texts.error.badDate': {
    fr: 'la date s’écrit AAAA-MM-JJ, par exemple 2025-02-10.',
    en: 'the date must be YYYY-MM-DD, for example 2025-02-10.',
  },
  'texts.error.badSource': {
    fr: 'la source doit être un lien http(s).',
    en: 'the source must be an http(s) link.',
  },
  'texts.error.valueTooLong': {
    fr: '« {key} » fait {length} caractères ; {max} au plus.',
    en: '"{key}" is {length} characters long; {max} at most.',
  },
  'texts.error.titleMismatch': {
    fr: 'le titre « # » doit reprendre celui de l’en-tête.',
    en: 'the "# " heading must repeat the front matter title.',
  },
  'texts.error.textBeforeSection': {
    fr: 'du texte avant le premier titre de section « ## ».',
    en: 'text before the first "## " section heading.',
  },
  'texts.error.paragraphAfterQuestions': {
    fr: 'un paragraphe après les questions de discussion de sa section : les questions viennent en dernier.',
    en: 'a paragraph after the discussion questions of its section: questions come last.',
  },
  'texts.error.questionBeforeSection': {
    fr: 'une question avant le premier titre de section « ## ».',
    en: 'a question before the first "## " section heading.',
  },
  'texts.error.questionLanguage': {
    fr: 'les questions s’écrivent « ?fr » puis « ?en », pas « ?{language} ».',
    en: 'questions are written "?fr" then "?en", not "?{language}".',
  },
  'texts.error.emptyQuestion': { fr: 'question vide.', en: 'empty question.' },
  'texts.error.questionTooLong': {
    fr: 'cette question fait {length} caractères ; {max} au plus.',
    en: 'this question is {length} characters long; {max} at most.',
  },
  'texts.error.untranslatedQuestion': {
    fr: 'question sans sa traduction « ?en » à la ligne suivante.',
    en: 'question without its "?en" translation on the next line.',
  },
  'texts.error.loneTranslation': {
    fr: 'ligne « ?en » sans sa question « ?fr » juste avant.',
    en: '"?en" line without its "?fr" question just before.',
  },
  'texts.error.questionCount': {
    fr: 'la section « {title} » a {count} questions de discussion ; il en faut de {min} à {max}.',
    en: 'section "{title}" has {count} discussion questions; {min} to {max} are expected.',
  },
  'texts.error.deepHeading': {
    fr: 'seuls les titres « # » (le titre du texte) et « ## » (une section) sont possibles.',
    en: 'only "# " (title) and "## " (section) headings are allowed.',
  },
  'texts.error.noSection': {
    fr: 'aucune section : commencez chaque section par une ligne « ## Titre ».',
    en: 'no section: start each section with a "## Title" line.',
  },
  'texts.error.emptySectionTitle': {
    fr: 'titre de section vide.',
    en: 'empty section title.',
  },
  'texts.error.sectionTitleTooLong': {
    fr: 'ce titre de section fait {length} caractères ; {max} au plus.',
    en: 'this section title is {length} characters long; {max} at most.',
  },
  'texts.error.emptySection': {
    fr: 'la section « {title} » n’a aucun paragraphe.',
    en: 'section "{title}" has no paragraph.',
  },
  'texts.error.tooManySections': {
    fr: 'plus de {max} sections : regroupez-en, un texte en a {max} au plus.',
    en: 'more than {max} sections: merge some, a text has {max} at most.',
  },
  'texts.error.tooManyParagraphs': {
    fr: 'plus de {max} paragraphes : un texte en a {max} au plus.',
    en: 'more than {max} paragraphs: a text has {max} at most.',
  },
  'texts.error.sectionTooLong': {
    fr: 'la section « {title} » dépasse {max} caractères : découpez-la avec des titres « ## ».',
    en: 'section "{title}" is over {max} characters long: split it with "## " headings.',
  },
  'texts.error.paragraphTooLong': {
    fr: 'ce paragraphe fait {length} caractères ; {max} au plus. Séparez les paragraphes par une ligne vide.',
    en: 'this paragraph is {length} characters long; {max} at most. Separate paragraphs with a blank line.',
  },
  'texts.error.titleTooLong': {
    fr: 'la première ligne est le titre, et elle fait {length} caractères ; {max} au plus. Mettez le titre seul sur la première ligne.',
    en: 'the first line is the title, and it is {length} characters long; {max} at most. Put the title alone on the first line.',
  },
  'texts.error.noParagraph': {
    fr: 'le titre est là, mais aucun paragraphe ne le suit.',
    en: 'the title is there, but no paragraph follows it.',
  },
  'texts.error.tooManyProblems': {
    fr: 'Je me suis arrêté après {max} problèmes : corrigez ceux-ci d’abord.',
    en: 'I stopped after {max} problems: fix these first.',
  },

  'texts.warning.noQuestions': {
    fr: 'Aucune question de discussion : les messages hebdomadaires d’un plan de lecture n’en proposeront pas. Un fichier .md peut en donner (lignes « ?fr » et « ?en » à la fin de chaque section).',
    en: 'No discussion questions: a reading plan’s weekly prompts will have none. A .md file can give some (“?fr” and “?en” lines at the end of each section).',
  },
  'texts.warning.sectionsWithoutQuestions': {
    fr: {
      one: 'La section {sections} n’a pas de question de discussion.',
      other: '{count} sections n’ont pas de question de discussion : {sections}.',
    },
    en: {
      one: 'Section {sections} has no discussion questions.',
      other: '{count} sections have no discussion questions: {sections}.',
    },
  },
  'texts.warning.longSections': {
    fr: {
      one: 'La section {sections} est très longue (plus de {length} caractères) : `/section` la montre en plusieurs pages, et le message d’un plan de lecture n’en donne que le début. Des titres « ## » peuvent la découper.',
      other:
        '{count} sections sont très longues (plus de {length} caractères) : {sections}. `/section` les montre en plusieurs pages, et le message d’un plan de lecture n’en donne que le début. Des titres « ## » peuvent les découper.',
    },
    en: {
      one: 'Section {sections} is very long (over {length} characters): `/section` shows it over several pages, and a reading plan’s prompt only its opening. “##” headings can split it.',
      other:
        '{count} sections are very long (over {length} characters): {sections}. `/section` shows them over several pages, and a reading plan’s prompt only their opening. “##” headings can split them.',
    },
  },
  'texts.warning.sectionsByParagraphs': {
    fr: 'Pas de titres « ## » : j’ai fait une section tous les {size} paragraphes, titrée par ses premiers mots. Pour choisir vos sections, ajoutez des lignes « ## Titre ».',
    en: 'No “##” headings: I made one section every {size} paragraphs, titled by its first words. To choose your own sections, add “## Title” lines.',
  },
  'texts.warning.openingSection': {
    fr: 'Les paragraphes avant le premier titre « ## » forment la section 1, titrée par ses premiers mots.',
    en: 'The paragraphs before the first “##” heading make section 1, titled by its first words.',
  },
  'texts.warning.plainTextMeta': {
    fr: 'Un fichier .txt ne dit ni son auteur, ni sa date, ni sa source : l’aperçu montre ce que Tribune affichera. Pour les donner, envoyez un fichier .md.',
    en: 'A .txt file gives no author, date or source: the preview shows what Tribune will show. To give them, send a .md file.',
  },
  'texts.warning.joinedLines': {
    fr: {
      one: 'Le paragraphe de la ligne {line} réunit plusieurs longues lignes : si chacune est un paragraphe, séparez-les par une ligne vide.',
      other:
        '{count} paragraphes réunissent plusieurs longues lignes (le premier ligne {line}) : si chacune est un paragraphe, séparez-les par une ligne vide.',
    },
    en: {
      one: 'The paragraph at line {line} joins several long lines: if each one is a paragraph, separate them with a blank line.',
      other:
        '{count} paragraphs join several long lines (the first at line {line}): if each line is a paragraph, separate them with a blank line.',
    },
  },

  'texts.preview.intro': {
    fr: 'Voici le texte tel que je l’ai lu. Rien n’est enregistré avant que vous confirmiez.',
    en: 'Here is the text as I read it. Nothing is stored until you confirm.',
  },
  'texts.preview.title': { fr: 'Aperçu : {title}', en: 'Preview: {title}' },
  'texts.preview.summary': {
    fr: '{sections} · {paragraphs} · {questions}',
    en: '{sections} · {paragraphs} · {questions}',
  },
  'texts.preview.sections': {
    fr: { one: '{count} section', other: '{count} sections' },
    en: { one: '{count} section', other: '{count} sections' },
  },
  'texts.preview.paragraphs': {
    fr: { one: '{count} paragraphe', other: '{count} paragraphes' },
    en: { one: '{count} paragraph', other: '{count} paragraphs' },
  },
  'texts.preview.questions': {
    fr: { one: '{count} question de discussion', other: '{count} questions de discussion' },
    en: { one: '{count} discussion question', other: '{count} discussion questions' },
  },
  'texts.preview.sectionLine': { fr: '{heading} — {paragraphs}', en: '{heading} — {paragraphs}' },
  'texts.preview.sectionLineWithQuestions': {
    fr: '{heading} — {paragraphs} · {questions}',
    en: '{heading} — {paragraphs} · {questions}',
  },
  'texts.preview.moreSections': {
    fr: { one: '… et {count} autre section.', other: '… et {count} autres sections.' },
    en: { one: '… and {count} more section.', other: '… and {count} more sections.' },
  },
  'texts.preview.warnings': { fr: 'À vérifier', en: 'Worth checking' },
  'texts.preview.confirm': { fr: 'Ajouter ce texte', en: 'Add this text' },
  'texts.preview.cancel': { fr: 'Annuler', en: 'Cancel' },

  'texts.problems.title': {
    fr: 'Je ne peux pas ajouter « {file} »',
    en: 'I cannot add “{file}”',
  },
  'texts.problems.line': { fr: 'Ligne {line} : {problem}', en: 'Line {line}: {problem}' },
  'texts.problems.hint': {
    fr: 'Rien n’a été enregistré. Corrigez le fichier, puis envoyez-le de nouveau.',
    en: 'Nothing was stored. Fix the file, then send it again.',
  },
} satisfies Catalogue;
