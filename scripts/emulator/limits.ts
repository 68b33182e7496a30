// Limits Discord enforces that discord-api-spec's schemas miss or get wrong (bot content is 2000,
// not 4000; the 6000-character embed total; unique custom_ids; command naming rules...).
import type { IssuePath, ValidationIssue } from './errors';
import type { ComponentJson, EmbedJson, JsonObject } from './types';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  commandTotalChars: 8000,
  chatInputCommands: 100,
} as const;

const IS_COMPONENTS_V2 = 1 << 15;

/** Discord's locales, valid keys of name_localizations / description_localizations. */
const DISCORD_LOCALES: ReadonlySet<string> = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no',
  'pl', 'pt-BR', 'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th',
  'zh-CN', 'ja', 'zh-TW', 'ko',
]); // prettier-ignore

// Discord's documented regex for CHAT_INPUT command and option names.
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function maxLength(path: IssuePath, max: number): ValidationIssue {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function embedLength(embed: EmbedJson): number {
  let total = str(embed.title).length + str(embed.description).length;
  for (const field of asArray(embed.fields)) {
    if (isObject(field)) total += str(field.name).length + str(field.value).length;
  }
  if (isObject(embed.footer)) total += str(embed.footer.text).length;
  if (isObject(embed.author)) total += str(embed.author.name).length;
  return total;
}

function embedIssues(embeds: unknown[], path: IssuePath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (embeds.length > LIMITS.embeds) issues.push(maxLength(path, LIMITS.embeds));
  let total = 0;
  embeds.forEach((raw, index) => {
    if (!isObject(raw)) return;
    const embed = raw as EmbedJson;
    const at = [...path, index];
    total += embedLength(embed);
    if (str(embed.title).length > LIMITS.embedTitle) {
      issues.push(maxLength([...at, 'title'], LIMITS.embedTitle));
    }
    if (str(embed.description).length > LIMITS.embedDescription) {
      issues.push(maxLength([...at, 'description'], LIMITS.embedDescription));
    }
    const fields = asArray(embed.fields);
    if (fields.length > LIMITS.embedFields) {
      issues.push(maxLength([...at, 'fields'], LIMITS.embedFields));
    }
    fields.forEach((field, fieldIndex) => {
      if (!isObject(field)) return;
      const fieldPath = [...at, 'fields', fieldIndex];
      for (const [key, max] of [
        ['name', LIMITS.embedFieldName],
        ['value', LIMITS.embedFieldValue],
      ] as const) {
        const text = str(field[key]);
        if (text.length === 0) {
          issues.push({
            path: [...fieldPath, key],
            code: 'BASE_TYPE_REQUIRED',
            message: 'This field is required',
          });
        } else if (text.length > max) {
          issues.push(maxLength([...fieldPath, key], max));
        }
      }
    });
    if (isObject(embed.footer) && str(embed.footer.text).length > LIMITS.embedFooter) {
      issues.push(maxLength([...at, 'footer', 'text'], LIMITS.embedFooter));
    }
    if (isObject(embed.author) && str(embed.author.name).length > LIMITS.embedAuthor) {
      issues.push(maxLength([...at, 'author', 'name'], LIMITS.embedAuthor));
    }
  });
  if (total > LIMITS.embedTotal) {
    issues.push({
      path,
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
  return issues;
}

/** Every custom_id in a component tree, with its path. */
function collectCustomIds(
  components: unknown[],
  path: IssuePath,
  out: { id: string; path: IssuePath }[],
): void {
  components.forEach((component, index) => {
    if (!isObject(component)) return;
    const at = [...path, index];
    if (typeof component.custom_id === 'string') {
      out.push({ id: component.custom_id, path: [...at, 'custom_id'] });
    }
    if (Array.isArray(component.components)) {
      collectCustomIds(component.components, [...at, 'components'], out);
    }
    if (isObject(component.accessory))
      collectCustomIds([component.accessory], [...at, 'accessory'], out);
  });
}

function buttonIssues(button: ComponentJson, at: IssuePath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const isLink = button.style === 5;
  const isPremium = button.style === 6;
  if (isLink && button.custom_id !== undefined) {
    issues.push({
      path: [...at, 'custom_id'],
      code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
      message: 'A custom id cannot be set on a link button',
    });
  }
  if (isLink && button.url === undefined) {
    issues.push({
      path: [...at, 'url'],
      code: 'BUTTON_COMPONENT_URL_REQUIRED',
      message: 'A url is required',
    });
  }
  if (!isLink && !isPremium && button.custom_id === undefined) {
    issues.push({
      path: [...at, 'custom_id'],
      code: 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED',
      message: 'A custom id is required',
    });
  }
  if (!isPremium && !button.label && button.emoji === undefined) {
    issues.push({
      path: [...at, 'label'],
      code: 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED',
      message: 'A label or an emoji is required',
    });
  }
  if (str(button.label).length > LIMITS.buttonLabel) {
    issues.push(maxLength([...at, 'label'], LIMITS.buttonLabel));
  }
  return issues;
}

function componentIssues(components: unknown[], flags: number, path: IssuePath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if ((flags & IS_COMPONENTS_V2) === 0) {
    if (components.length > LIMITS.actionRows) issues.push(maxLength(path, LIMITS.actionRows));
    components.forEach((row, rowIndex) => {
      const at = [...path, rowIndex];
      if (!isObject(row)) return;
      if (row.type !== 1) {
        issues.push({
          path: [...at, 'type'],
          code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          message:
            'Top-level components must be action rows unless the IS_COMPONENTS_V2 flag is set',
        });
        return;
      }
      const children = asArray(row.components).filter(isObject) as ComponentJson[];
      const buttons = children.filter((c) => c.type === 2);
      const selects = children.filter((c) => c.type !== 2);
      if (buttons.length > LIMITS.buttonsPerRow) {
        issues.push(maxLength([...at, 'components'], LIMITS.buttonsPerRow));
      }
      if (selects.length > 0 && children.length > 1) {
        issues.push({
          path: [...at, 'components'],
          code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          message: 'The specified component exceeds the maximum width',
        });
      }
      children.forEach((child, index) => {
        const childPath = [...at, 'components', index];
        if (child.type === 2) issues.push(...buttonIssues(child, childPath));
        if (child.type === 3 && asArray(child.options).length > LIMITS.selectOptions) {
          issues.push(maxLength([...childPath, 'options'], LIMITS.selectOptions));
        }
        if (typeof child.custom_id === 'string' && child.custom_id.length > LIMITS.customId) {
          issues.push(maxLength([...childPath, 'custom_id'], LIMITS.customId));
        }
      });
    });
  }
  const ids: { id: string; path: IssuePath }[] = [];
  collectCustomIds(components, path, ids);
  const seen = new Set<string>();
  for (const { id, path: idPath } of ids) {
    if (id.length === 0) {
      issues.push({
        path: idPath,
        code: 'BASE_TYPE_MIN_LENGTH',
        message: 'Must be 1 or more in length.',
      });
    }
    if (seen.has(id)) {
      issues.push({
        path: idPath,
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: 'Component custom id cannot be duplicated',
      });
    }
    seen.add(id);
  }
  return issues;
}

function allowedMentionsIssues(value: unknown, path: IssuePath): ValidationIssue[] {
  if (!isObject(value)) return [];
  const parse = asArray(value.parse);
  const issues: ValidationIssue[] = [];
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && asArray(value[kind]).length > 0) {
      issues.push({
        path: [...path, 'parse'],
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${kind}: [ids] are mutually exclusive.`,
      });
    }
  }
  return issues;
}

/** Limits of a message body (create or edit), at `path` inside the request body. */
export function messageIssues(body: unknown, path: IssuePath = []): ValidationIssue[] {
  if (!isObject(body)) return [];
  const issues: ValidationIssue[] = [];
  if (typeof body.content === 'string' && body.content.length > LIMITS.content) {
    issues.push(maxLength([...path, 'content'], LIMITS.content));
  }
  if (Array.isArray(body.embeds)) issues.push(...embedIssues(body.embeds, [...path, 'embeds']));
  if (Array.isArray(body.components)) {
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    issues.push(...componentIssues(body.components, flags, [...path, 'components']));
  }
  issues.push(...allowedMentionsIssues(body.allowed_mentions, [...path, 'allowed_mentions']));
  return issues;
}

/** Discord refuses a new message with nothing to show. */
export function isEmptyMessage(body: unknown, fileCount: number): boolean {
  if (!isObject(body)) return fileCount === 0;
  const hasContent = typeof body.content === 'string' && body.content.trim().length > 0;
  const nonEmpty = (key: string): boolean => asArray(body[key]).length > 0;
  return (
    !hasContent &&
    !nonEmpty('embeds') &&
    !nonEmpty('components') &&
    !nonEmpty('sticker_ids') &&
    !isObject(body.poll) &&
    fileCount === 0
  );
}

export function autocompleteIssues(data: unknown, path: IssuePath): ValidationIssue[] {
  if (!isObject(data)) return [];
  const choices = asArray(data.choices);
  const issues: ValidationIssue[] = [];
  if (choices.length > LIMITS.autocompleteChoices) {
    issues.push(maxLength([...path, 'choices'], LIMITS.autocompleteChoices));
  }
  choices.forEach((choice, index) => {
    if (!isObject(choice)) return;
    const name = str(choice.name);
    if (name.length < 1 || name.length > LIMITS.choiceName) {
      issues.push({
        path: [...path, 'choices', index, 'name'],
        code: name.length < 1 ? 'BASE_TYPE_MIN_LENGTH' : 'BASE_TYPE_MAX_LENGTH',
        message:
          name.length < 1 ? 'Must be 1 or more in length.' : 'Must be 100 or fewer in length.',
      });
    }
    if (typeof choice.value === 'string' && choice.value.length > LIMITS.choiceStringValue) {
      issues.push(maxLength([...path, 'choices', index, 'value'], LIMITS.choiceStringValue));
    }
  });
  return issues;
}

// --- Application commands ------------------------------------------------------------------

function nameIssues(name: unknown, path: IssuePath, chatInput: boolean): ValidationIssue[] {
  const text = str(name);
  if (!chatInput) {
    return text.length >= 1 && text.length <= LIMITS.commandName
      ? []
      : [{ path, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' }];
  }
  if (!NAME_PATTERN.test(text) || text !== text.toLowerCase()) {
    return [
      {
        path,
        code: 'APPLICATION_COMMAND_INVALID_NAME',
        message: `Command name is invalid: ${JSON.stringify(text)} (1-32 lowercase letters, digits, - _ ')`,
      },
    ];
  }
  return [];
}

function descriptionIssues(value: unknown, path: IssuePath): ValidationIssue[] {
  const text = str(value);
  if (text.length < 1 || text.length > LIMITS.commandDescription) {
    return [
      {
        path,
        code: 'BASE_TYPE_BAD_LENGTH',
        message: `Must be between 1 and ${LIMITS.commandDescription} in length.`,
      },
    ];
  }
  return [];
}

function localizationIssues(
  value: unknown,
  path: IssuePath,
  check: (text: unknown, at: IssuePath) => ValidationIssue[],
): ValidationIssue[] {
  if (!isObject(value)) return [];
  const issues: ValidationIssue[] = [];
  for (const [locale, text] of Object.entries(value)) {
    if (!DISCORD_LOCALES.has(locale)) {
      issues.push({
        path: [...path, locale],
        code: 'LOCALE_INVALID',
        message: `Invalid locale: ${locale}`,
      });
    } else {
      issues.push(...check(text, [...path, locale]));
    }
  }
  return issues;
}

function namedThingIssues(
  thing: JsonObject,
  path: IssuePath,
  chatInput: boolean,
): ValidationIssue[] {
  const checkName = (text: unknown, at: IssuePath): ValidationIssue[] =>
    nameIssues(text, at, chatInput);
  return [
    ...checkName(thing.name, [...path, 'name']),
    ...localizationIssues(thing.name_localizations, [...path, 'name_localizations'], checkName),
    ...(chatInput ? descriptionIssues(thing.description, [...path, 'description']) : []),
    ...localizationIssues(
      thing.description_localizations,
      [...path, 'description_localizations'],
      descriptionIssues,
    ),
  ];
}

function countChars(thing: JsonObject): number {
  let total = str(thing.name).length + str(thing.description).length;
  for (const choice of asArray(thing.choices)) {
    if (!isObject(choice)) continue;
    const value = choice.value;
    total += str(choice.name).length;
    total += typeof value === 'string' || typeof value === 'number' ? String(value).length : 0;
  }
  for (const option of asArray(thing.options)) if (isObject(option)) total += countChars(option);
  return total;
}

function optionIssues(options: unknown[], path: IssuePath, depth: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (options.length > LIMITS.commandOptions) issues.push(maxLength(path, LIMITS.commandOptions));
  const names = new Set<string>();
  let sawOptional = false;
  const kinds = new Set<string>();
  options.forEach((raw, index) => {
    if (!isObject(raw)) return;
    const at = [...path, index];
    const type = typeof raw.type === 'number' ? raw.type : 0;
    const isSub = type === 1 || type === 2;
    kinds.add(isSub ? 'sub' : 'value');
    issues.push(...namedThingIssues(raw, at, true));
    const name = str(raw.name);
    if (names.has(name)) {
      issues.push({
        path: [...at, 'name'],
        code: 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME',
        message: 'Option names must be unique',
      });
    }
    names.add(name);
    if (!isSub) {
      if (raw.required === true && sawOptional) {
        issues.push({
          path: [...at, 'required'],
          code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          message: 'Required options must be placed before non-required options',
        });
      }
      if (raw.required !== true) sawOptional = true;
    }
    const choices = asArray(raw.choices);
    if (choices.length > LIMITS.commandChoices) {
      issues.push(maxLength([...at, 'choices'], LIMITS.commandChoices));
    }
    if (choices.length > 0 && raw.autocomplete === true) {
      issues.push({
        path: [...at, 'autocomplete'],
        code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES',
        message: 'Autocomplete cannot be set with choices',
      });
    }
    choices.forEach((choice, choiceIndex) => {
      if (!isObject(choice)) return;
      const choicePath = [...at, 'choices', choiceIndex];
      if (typeof choice.value === 'string' && choice.value.length > LIMITS.choiceStringValue) {
        issues.push(maxLength([...choicePath, 'value'], LIMITS.choiceStringValue));
      }
      issues.push(
        ...localizationIssues(
          choice.name_localizations,
          [...choicePath, 'name_localizations'],
          (t, p) =>
            str(t).length >= 1 && str(t).length <= LIMITS.choiceName
              ? []
              : [
                  {
                    path: p,
                    code: 'BASE_TYPE_BAD_LENGTH',
                    message: 'Must be between 1 and 100 in length.',
                  },
                ],
        ),
      );
    });
    const children = asArray(raw.options);
    if (type === 2) {
      if (depth > 0) {
        issues.push({
          path: [...at, 'type'],
          code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          message: 'Subcommand groups can only be nested in a command',
        });
      }
      if (children.some((child) => !isObject(child) || child.type !== 1)) {
        issues.push({
          path: [...at, 'options'],
          code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          message: 'Subcommand groups can only contain subcommands',
        });
      }
    }
    if (
      type === 1 &&
      children.some((child) => isObject(child) && (child.type === 1 || child.type === 2))
    ) {
      issues.push({
        path: [...at, 'options'],
        code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        message: 'Subcommands cannot contain subcommands',
      });
    }
    if (children.length > 0) issues.push(...optionIssues(children, [...at, 'options'], depth + 1));
  });
  if (kinds.size > 1) {
    issues.push({
      path,
      code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
      message: 'Subcommands and subcommand groups cannot be mixed with other options',
    });
  }
  return issues;
}

export function commandIssues(command: unknown, path: IssuePath): ValidationIssue[] {
  if (!isObject(command)) return [];
  const type = typeof command.type === 'number' ? command.type : 1;
  const chatInput = type === 1;
  const issues = namedThingIssues(command, path, chatInput);
  if (!chatInput && str(command.description) !== '') {
    issues.push({
      path: [...path, 'description'],
      code: 'APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED',
      message: 'Context menu commands cannot have a description',
    });
  }
  issues.push(...optionIssues(asArray(command.options), [...path, 'options'], 0));
  if (countChars(command) > LIMITS.commandTotalChars) {
    issues.push({
      path,
      code: 'APPLICATION_COMMAND_TOO_LARGE',
      message: `Command exceeds maximum size (${LIMITS.commandTotalChars})`,
    });
  }
  return issues;
}

export function commandListIssues(commands: unknown[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  let chatInputCount = 0;
  commands.forEach((command, index) => {
    if (!isObject(command)) return;
    const type = typeof command.type === 'number' ? command.type : 1;
    if (type === 1) chatInputCount++;
    const key = `${type}:${str(command.name)}`;
    if (seen.has(key)) {
      issues.push({
        path: [index, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    }
    seen.add(key);
  });
  if (chatInputCount > LIMITS.chatInputCommands) {
    issues.push(maxLength([], LIMITS.chatInputCommands));
  }
  return issues;
}
