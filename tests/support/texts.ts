import {
  DEFAULT_IDS,
  type AttachmentFile,
  type Emulator,
  type InteractionHandle,
  type StoredMessage,
} from '../../scripts/emulator';
import type { TextEntry } from '../../src/texts/core/text-entry';
import type { TestBot } from './bot-harness';

export interface Actor {
  /** Default: Camille, who may manage the server. */
  readonly user?: string;
  readonly locale?: string;
  readonly guildId?: string;
}

/** `/text <subcommand>`, by an organiser unless told otherwise. */
export function textCommand(
  emulator: Emulator,
  subcommand: 'add' | 'list' | 'remove' | 'export',
  options: Record<string, string | AttachmentFile> = {},
  actor: Actor = {},
): InteractionHandle<StoredMessage> {
  return emulator.slashCommand({
    name: 'text',
    subcommand,
    options,
    user: actor.user ?? DEFAULT_IDS.moderator,
    ...(actor.locale !== undefined && { locale: actor.locale }),
    ...(actor.guildId !== undefined && { guildId: actor.guildId }),
  });
}

/** `/text add` with this file; resolves with the preview (or the problems). */
export function addFile(
  emulator: Emulator,
  filename: string,
  data: AttachmentFile['data'],
  actor: Actor = {},
  file: Partial<AttachmentFile> = {},
): Promise<StoredMessage> {
  return textCommand(emulator, 'add', { file: { filename, data, ...file } }, actor).reply();
}

/** The id of the message's first enabled button whose custom id starts with `kind:`. */
export function buttonId(message: StoredMessage, kind: string): string {
  const ids = message.components.flatMap((row) =>
    (row.components ?? [])
      .filter((component) => component.disabled !== true)
      .map((component) => component.custom_id ?? ''),
  );
  const id = ids.find((candidate) => candidate.startsWith(`${kind}:`));
  if (id === undefined) throw new Error(`no "${kind}" button among ${ids.join(', ')}`);
  return id;
}

/** Presses a button of the message, as Camille unless told otherwise. */
export function press(
  emulator: Emulator,
  message: StoredMessage,
  kind: string,
  actor: Actor = {},
): InteractionHandle<StoredMessage> {
  return emulator.clickButton({
    message,
    customId: buttonId(message, kind),
    user: actor.user ?? DEFAULT_IDS.moderator,
    ...(actor.locale !== undefined && { locale: actor.locale }),
  });
}

/** Adds a file and confirms it; resolves with the text as the server lists it. */
export async function addText(
  testBot: TestBot,
  filename: string,
  data: AttachmentFile['data'],
  actor: Actor = {},
): Promise<TextEntry> {
  const { emulator, bot } = testBot;
  const guildId = actor.guildId ?? DEFAULT_IDS.guild;
  const before = await bot.services.texts.entries(guildId);
  const preview = await addFile(emulator, filename, data, actor);
  const added = await press(emulator, preview, 'text-add', actor).reply();
  if (!/Texte ajouté|Text added/.test(added.content)) {
    throw new Error(`not added: ${emulator.text(added)}`);
  }
  const entry = (await bot.services.texts.entries(guildId)).find(
    (candidate) => !before.some((old) => old.id === candidate.id),
  );
  if (entry === undefined) throw new Error('the text is not listed');
  return entry;
}

/** A section of `paragraphs` paragraphs of `length` characters: `/section` pages it. */
export function longSection(title: string, paragraphs: number, length: number): string {
  const sentence = 'Le travail est la cause de toute dégénérescence intellectuelle. ';
  const paragraph = sentence
    .repeat(Math.ceil(length / sentence.length))
    .slice(0, length)
    .trim();
  return [
    `## ${title}`,
    '',
    ...Array.from({ length: paragraphs }, () => [paragraph, '']).flat(),
  ].join('\n');
}

/**
 * A text in `content/`'s format: questions with Markdown, Markdown and mentions in its paragraphs,
 * and a third section long enough for `/section` to page it.
 */
export const MARKDOWN_TEXT = [
  '---',
  'title: Le Droit à la paresse',
  'author: Paul Lafargue',
  'date: 1880-06-01',
  'language: fr',
  'source: https://fr.wikisource.org/wiki/Le_Droit_%C3%A0_la_paresse',
  '---',
  '',
  '# Le Droit à la paresse',
  '',
  '## Un dogme désastreux',
  '',
  'Une étrange folie possède les classes ouvrières des nations où règne la civilisation capitaliste.',
  '',
  'Cette folie traîne à sa suite des misères individuelles et sociales qui, depuis deux siècles, torturent la triste humanité.',
  '',
  '?fr Pourquoi l’auteur parle-t-il de *folie* ?',
  '?en Why does the author speak of **madness**?',
  '?fr Qui profite du travail, selon le texte ?',
  '?en Who profits from work, according to the text?',
  '',
  '## Bénédictions du travail',
  '',
  '-# Petit texte, @everyone et <@&1300000000000000202> : rien ne sonne.',
  '',
  '```js',
  '',
  '[lien masqué](https://evil.example/) et > une citation',
  '',
  longSection('Le long plaidoyer', 3, 3000),
].join('\n');

/** The front matter of a `.md` text, its closing `---` left out (to add keys). */
export const FRONT_MATTER = [
  '---',
  'title: Un texte',
  'author: Quelqu’un',
  'date: 2024-01-02',
  'language: fr',
  'source: https://example.org/',
];

/** A plain text with a byte order mark and CRLF line ends, as Windows' Notepad saves it. */
export const PLAIN_TEXT = `\uFEFF${[
  'Discours sur la servitude volontaire',
  '',
  '## Le malheur',
  '',
  'Pour ce coup, je ne voudrais sinon entendre comme il se peut faire que tant d’hommes endurent quelquefois un tyran seul.',
  '',
  '## Le remède',
  '',
  'Soyez résolus de ne servir plus, et vous voilà libres.',
].join('\r\n')}\r\n`;
