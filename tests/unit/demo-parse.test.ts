import { describe, expect, it } from 'vitest';
import { OptionType, usageLines, type CommandDef } from '../../scripts/demo/command-defs';
import { MESSAGES } from '../../scripts/demo/messages';
import {
  parseCommandLine,
  parseInput,
  tokenize,
  type Directory,
  type ParseError,
  type ParsedCommand,
} from '../../scripts/demo/parse-command-line';
import { formatMarkdown, renderMessage, wrap } from '../../scripts/demo/render-reply';

const fr = (name: string) => ({ name_localizations: { fr: name } });

/** Definitions shaped like the registered ones: two flat commands, one with subcommands. */
const commands: CommandDef[] = [
  {
    name: 'section',
    ...fr('section'),
    description: 'Quote the text',
    options: [
      {
        name: 'section',
        ...fr('section'),
        type: OptionType.String,
        autocomplete: true,
        max_length: 10,
      },
      { name: 'paragraph', ...fr('paragraphe'), type: OptionType.Integer },
      { name: 'text', ...fr('texte'), type: OptionType.String, autocomplete: true },
      { name: 'private', ...fr('privé'), type: OptionType.Boolean },
    ],
  },
  {
    name: 'search',
    ...fr('chercher'),
    description: 'Look for words',
    options: [
      { name: 'query', ...fr('mots'), type: OptionType.String, required: true },
      { name: 'text', ...fr('texte'), type: OptionType.String, autocomplete: true },
    ],
  },
  {
    name: 'poll',
    ...fr('sondage'),
    description: 'Polls',
    options: [
      {
        name: 'create',
        ...fr('créer'),
        type: OptionType.Subcommand,
        options: [
          { name: 'question', type: OptionType.String, required: true },
          { name: 'options', ...fr('choix'), type: OptionType.String, required: true },
          { name: 'hours', ...fr('heures'), type: OptionType.Integer, min_value: 1, max_value: 72 },
          { name: 'ratio', type: OptionType.Number },
          { name: 'channel', ...fr('salon'), type: OptionType.Channel },
          { name: 'ping', type: OptionType.Role },
          {
            name: 'kind',
            ...fr('type'),
            type: OptionType.String,
            choices: [
              { name: 'Single', name_localizations: { fr: 'Unique' }, value: 'single' },
              { name: 'Multiple', value: 'multiple' },
            ],
          },
        ],
      },
      { name: 'close', ...fr('fermer'), type: OptionType.Subcommand, options: [] },
    ],
  },
  {
    name: 'reading',
    description: 'Reading plans',
    options: [
      {
        name: 'plan',
        type: OptionType.SubcommandGroup,
        options: [
          {
            name: 'status',
            type: OptionType.Subcommand,
            options: [{ name: 'member', ...fr('membre'), type: OptionType.User }],
          },
        ],
      },
    ],
  },
];

const directory: Directory = {
  members: [
    { id: '401', names: ['bastien', 'Bastien'] },
    { id: '403', names: ['zoe', 'Zoé'] },
  ],
  channels: [
    { id: '301', name: 'général' },
    { id: '302', name: 'club-lecture' },
  ],
  roles: [{ id: '202', name: 'Lecteurs' }],
};

function parsed(line: string, autocomplete = false): ParsedCommand {
  const result = parseCommandLine(line, commands, { locale: 'en', directory, autocomplete });
  if (!result.ok) throw new Error(`${line}: ${MESSAGES.en.parse(result.error)}`);
  return result.command;
}

function failure(line: string, locale: 'fr' | 'en' = 'en', autocomplete = false): ParseError {
  const result = parseCommandLine(line, commands, { locale, directory, autocomplete });
  if (result.ok) throw new Error(`${line} parsed as ${JSON.stringify(result.command)}`);
  return result.error;
}

describe('parseInput', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   # a comment', { kind: 'empty' }],
    ['help', { kind: 'help' }],
    ['aide /section', { kind: 'help', topic: '/section' }],
    ['lang en', { kind: 'lang', locale: 'en' }],
    ['as  camille', { kind: 'as', member: 'camille' }],
    ['quit', { kind: 'quit' }],
    ['exit', { kind: 'quit' }],
    ['2', { kind: 'click', index: 2 }],
    ['3 lundi; mardi', { kind: 'click', index: 3, values: ['lundi', 'mardi'] }],
    ['?section l’ia', { kind: 'autocomplete', text: 'section l’ia' }],
    ['/section 2', { kind: 'command', text: 'section 2', slash: true }],
    ['section 2', { kind: 'command', text: 'section 2', slash: false }],
  ])('%j', (line, expected) => {
    expect(parseInput(line)).toEqual(expected);
  });
});

describe('tokenize', () => {
  it.each([
    ['a b  c', [{ value: 'a' }, { value: 'b' }, { value: 'c' }]],
    ['query:"lutte sociale"', [{ name: 'query', value: 'lutte sociale', quoted: true }]],
    ['query: surveillance', [{ name: 'query', value: 'surveillance' }]],
    ['mots:« lutte sociale »', [{ name: 'mots', value: 'lutte sociale', quoted: true }]],
    ['“Faire front : la lutte”', [{ value: 'Faire front : la lutte', quoted: true }]],
    ['"dit \\"non\\""', [{ value: 'dit "non"', quoted: true }]],
    ["l'ia d'abord", [{ value: "l'ia" }, { value: "d'abord" }]],
    ['10:30 privé:oui', [{ value: '10:30' }, { name: 'privé', value: 'oui' }]],
    ['"unclosed quote', [{ value: 'unclosed quote', quoted: true }]],
  ])('%s', (text, expected) => {
    expect(tokenize(text)).toEqual(expected.map((token) => ({ quoted: false, ...token })));
  });
});

describe('parseCommandLine', () => {
  it.each<[string, ParsedCommand]>([
    ['section', { name: 'section', options: {} }],
    ['/section 2', { name: 'section', options: { section: '2' } }],
    ['section section:2 paragraph:1', { name: 'section', options: { section: '2', paragraph: 1 } }],
    [
      'section 2 paragraphe:1 privé:oui',
      { name: 'section', options: { section: '2', paragraph: 1, private: true } },
    ],
    [
      'section PARAGRAPHE:-3 PRIVE:no',
      { name: 'section', options: { paragraph: -3, private: false } },
    ],
    ['section le front', { name: 'section', options: { section: 'le front' } }],
    ['search surveillance', { name: 'search', options: { query: 'surveillance' } }],
    ['search lutte sociale', { name: 'search', options: { query: 'lutte sociale' } }],
    ['search query:"lutte sociale"', { name: 'search', options: { query: 'lutte sociale' } }],
    [
      'chercher mots:"l’IA" texte:sommet',
      { name: 'search', options: { query: 'l’IA', text: 'sommet' } },
    ],
    [
      'search texte:sommet surveillance',
      { name: 'search', options: { query: 'surveillance', text: 'sommet' } },
    ],
    [
      'poll create question:"Quel jour ?" options:"lundi;mardi"',
      {
        name: 'poll',
        subcommand: 'create',
        options: { question: 'Quel jour ?', options: 'lundi;mardi' },
      },
    ],
    [
      'sondage créer "Quel jour ?" choix:lundi;mardi heures:24 ratio:0,5',
      {
        name: 'poll',
        subcommand: 'create',
        options: { question: 'Quel jour ?', options: 'lundi;mardi', hours: 24, ratio: 0.5 },
      },
    ],
    [
      'poll create q options:a salon:#club-lecture ping:@lecteurs type:unique',
      {
        name: 'poll',
        subcommand: 'create',
        options: { question: 'q', options: 'a', channel: '302', ping: '202', kind: 'single' },
      },
    ],
    ['poll close', { name: 'poll', subcommand: 'close', options: {} }],
    [
      'reading plan status membre:zoe',
      {
        name: 'reading',
        subcommandGroup: 'plan',
        subcommand: 'status',
        options: { member: '403' },
      },
    ],
    [
      'reading plan status member:<@401>',
      {
        name: 'reading',
        subcommandGroup: 'plan',
        subcommand: 'status',
        options: { member: '401' },
      },
    ],
  ])('%s', (line, expected) => {
    expect(parsed(line)).toEqual(expected);
  });

  it.each<[string, Partial<ParseError>, RegExp]>([
    [
      '',
      { code: 'noCommand' },
      /Which command\? Commands: \/section, \/search \(chercher\), \/poll \(sondage\), \/reading\./,
    ],
    ['sectoin 2', { code: 'unknownCommand', suggestion: '/section' }, /Did you mean \/section\?/],
    [
      'nope',
      { code: 'unknownCommand' },
      /Unknown command “\/nope”\. Commands: \/section, \/search/,
    ],
    [
      'poll',
      { code: 'needsSubcommand' },
      /\/poll needs a subcommand: create \(créer\), close \(fermer\)\./,
    ],
    ['poll vote 1', { code: 'unknownSubcommand' }, /\/poll has no subcommand “vote”/],
    ['reading status', { code: 'unknownSubcommand' }, /Subcommands: plan/],
    [
      'section chapitre:2',
      { code: 'unknownOption' },
      /Options: section, paragraph \(paragraphe\), text \(texte\), private \(privé\)/,
    ],
    [
      'section paragrph:2',
      { code: 'unknownOption', suggestion: 'paragraph' },
      /Did you mean paragraph\?/,
    ],
    ['poll close now', { code: 'noOptions' }, /\/poll close takes no options/],
    ['search foo query:bar', { code: 'duplicateOption' }, /query \(mots\) option is given twice/],
    [
      'section paragraph:',
      { code: 'missingValue' },
      /Give the paragraph \(paragraphe\) option a value/,
    ],
    [
      'search',
      { code: 'missingRequired' },
      /\/search needs: query \(mots\)\. Usage: \/search <query> \[text:…\]/,
    ],
    ['poll create "Quel jour ?"', { code: 'missingRequired' }, /needs: options \(choix\)/],
    [
      'section 2 paragraph:un',
      { code: 'badValue', expected: 'integer' },
      /“un” is not a whole number/,
    ],
    ['section 2 paragraph:1.5', { code: 'badValue', expected: 'integer' }, /not a whole number/],
    ['section 2 private:maybe', { code: 'badValue', expected: 'boolean' }, /is not yes or no/],
    [
      'poll create q options:a ratio:1/2',
      { code: 'badValue', expected: 'number' },
      /is not a number/,
    ],
    [
      'poll create q options:a hours:0',
      { code: 'outOfRange', min: 1, max: 72 },
      /0 is out of range \(min 1, max 72\)/,
    ],
    [
      'poll create q options:a kind:triple',
      { code: 'badValue', expected: 'choice' },
      /Possible: Single, Multiple/,
    ],
    [
      'poll create q options:a salon:#random',
      { code: 'badValue', expected: 'channel' },
      /Possible: #général, #club-lecture/,
    ],
    [
      'reading plan status member:nobody',
      { code: 'badValue', expected: 'member' },
      /Possible: @bastien, @zoe/,
    ],
    [
      'section abcdefghijk',
      { code: 'badLength', length: 11, max: 10 },
      /11 characters, at most 10/,
    ],
  ])('%s → %j', (line, error, message) => {
    const actual = failure(line);
    expect(actual).toMatchObject(error);
    expect(MESSAGES.en.parse(actual)).toMatch(message);
  });

  it('takes a local file’s path for an attachment option, apart from the other options', () => {
    const withText: CommandDef[] = [
      {
        name: 'text',
        ...fr('texte'),
        description: 'Texts',
        options: [
          {
            name: 'add',
            ...fr('ajouter'),
            type: OptionType.Subcommand,
            options: [
              { name: 'file', ...fr('fichier'), type: OptionType.Attachment, required: true },
            ],
          },
        ],
      },
    ];
    for (const [line, path] of [
      ['text add file:"./mon texte.md"', './mon texte.md'],
      ['texte ajouter /tmp/paresse.txt', '/tmp/paresse.txt'],
    ] as const) {
      const result = parseCommandLine(line, withText, { locale: 'fr', directory });
      expect(result).toEqual({
        ok: true,
        command: { name: 'text', subcommand: 'add', options: {}, files: { file: path } },
      });
    }
  });

  it('names commands and options in the member’s language', () => {
    expect(MESSAGES.fr.parse(failure('search', 'fr'))).toBe(
      '/chercher a besoin de : mots (query). Usage : /chercher <mots> [texte:…]',
    );
    expect(MESSAGES.fr.parse(failure('section paragraphe:deux', 'fr'))).toBe(
      'paragraphe (paragraph) : « deux » n’est pas un nombre entier.',
    );
    expect(MESSAGES.fr.parse(failure('nope', 'fr'))).toMatch(
      /Commandes : \/section, \/chercher \(search\), \/sondage \(poll\), \/reading\./,
    );
  });

  it('says “type help” for words that are not a command when the line has no slash', () => {
    const result = parseCommandLine('bonjour', commands, { locale: 'en', slash: false });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(MESSAGES.en.parse(result.error)).toMatch(/I don’t understand “bonjour”.*help/);
  });

  it.each<[string, ParsedCommand]>([
    ['section', { name: 'section', options: { section: '' }, focused: 'section' }],
    ['section l’ia', { name: 'section', options: { section: 'l’ia' }, focused: 'section' }],
    [
      'section 2 texte:som',
      { name: 'section', options: { section: '2', text: 'som' }, focused: 'text' },
    ],
    [
      'section paragraph:2 text:',
      { name: 'section', options: { paragraph: 2, text: '' }, focused: 'text' },
    ],
    ['search text:so', { name: 'search', options: { text: 'so' }, focused: 'text' }],
  ])('suggestions for %s', (line, expected) => {
    expect(parsed(line, true)).toEqual(expected);
  });

  it.each([
    [
      'section paragraph:2',
      /The paragraph \(paragraphe\) option offers no suggestions\. Options with suggestions: section, text \(texte\)/,
    ],
    ['poll close', /\/poll close offers no suggestions/],
  ])('no suggestions for %s', (line, message) => {
    expect(MESSAGES.en.parse(failure(line, 'en', true))).toMatch(message);
  });
});

describe('usageLines', () => {
  it('shows the positional option bare, optional ones in brackets, one line per subcommand', () => {
    expect(usageLines(commands[0] as CommandDef, 'fr')).toEqual([
      '/section [<section>] [paragraphe:nombre] [texte:…] [privé:oui|non]',
    ]);
    expect(usageLines(commands[2] as CommandDef, 'en')).toEqual([
      '/poll create <question> options:… [hours:number] [ratio:number] [channel:#channel] [ping:@role] [kind:Single|Multiple]',
      '/poll close',
    ]);
  });
});

describe('renderMessage', () => {
  const options = { locale: 'en', ansi: false, width: 0 } as const;

  it('shows embeds as text and numbers the buttons, marking disabled ones', () => {
    const { text, actions } = renderMessage(
      {
        content: '',
        ephemeral: true,
        embeds: [
          {
            author: { name: 'Le Mouton Numérique' },
            title: '§2 · L’IA',
            description: '**¶1** Il dit \\*non\\* et *(¶2, suite)*',
            fields: [{ name: '§1 ¶1', value: '…la __surveillance__…' }],
            footer: { text: 'Page 1/2' },
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, custom_id: 'quote:a:1', label: '◀ Previous', style: 2, disabled: true },
              { type: 2, custom_id: 'quote:a:2', label: 'Next ▶', style: 1 },
            ],
          },
        ],
      },
      options,
    );
    expect(text).toBe(
      [
        'Tribune (visible only to you)',
        '│ Le Mouton Numérique',
        '│ §2 · L’IA',
        '│ ¶1 Il dit *non* et (¶2, suite)',
        '│',
        '│ §1 ¶1',
        '│ …la surveillance…',
        '│',
        '│ — Page 1/2',
        '[1] ◀ Previous (disabled)   [2] Next ▶',
      ].join('\n'),
    );
    expect(actions.map(({ index, label, disabled }) => [index, label, disabled])).toEqual([
      [1, '◀ Previous', true],
      [2, 'Next ▶', false],
    ]);
  });

  it('writes mentions, channels, timestamps and links readably', () => {
    const names = { user: () => 'Zoé', channel: () => 'général', role: () => 'Lecteurs' };
    expect(
      formatMarkdown('<@403> <#301> <@&202> [site](https://example.org) <t:0:D>', {
        ...options,
        names,
        timeZone: 'UTC',
      }),
    ).toBe('@Zoé #général @Lecteurs site (https://example.org) 1 January 1970');
  });

  it('shows timestamps once each: full dates in the zone, named; relative ones relative', () => {
    const at = Date.UTC(2026, 11, 1, 17, 30) / 1000;
    const render = (markdown: string, locale: 'fr' | 'en') =>
      formatMarkdown(markdown, {
        ...options,
        locale,
        timeZone: 'Europe/Paris',
        now: () => (at - 3 * 86_400) * 1000,
      });
    expect(render(`<t:${at}:F> (<t:${at}:R>)`, 'fr')).toBe(
      'mardi 1 décembre 2026 à 18:30, Europe/Paris (dans 3 jours)',
    );
    expect(render(`<t:${at}:F> (<t:${at}:R>)`, 'en')).toBe(
      'Tuesday, 1 December 2026 at 18:30, Europe/Paris (in 3 days)',
    );
    expect(render(`Cette demande expire <t:${at - 3 * 86_400 + 300}:R>.`, 'fr')).toBe(
      'Cette demande expire dans 5 minutes.',
    );
  });

  it('wraps at spaces to the width', () => {
    expect(wrap('un deux trois quatre', 9)).toEqual(['un deux', 'trois', 'quatre']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('ces systèmes : la « Big Tech » !', 14)).toEqual([
      'ces systèmes :',
      'la « Big',
      'Tech » !',
    ]);
  });
});
