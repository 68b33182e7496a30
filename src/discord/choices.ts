import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { rankTexts, type Library } from '../content/library';
import { LIMITS } from '../render/limits';
import { clip } from '../render/view';

/** Autocomplete choices within Discord's limits: at most 25, names of 1 to 100 characters. */
export function toChoices(
  choices: readonly { name: string; value: string }[],
): ApplicationCommandOptionChoiceData<string>[] {
  return choices
    .slice(0, LIMITS.autocompleteChoices)
    .map((choice) => ({ name: clip(choice.name, LIMITS.choiceName) || '…', value: choice.value }));
}

/** Texts matching what the user typed, for every `text` option. */
export function textChoices(library: Library, query: string) {
  return toChoices(
    rankTexts(library, query).map((text) => ({
      name: `${text.title} — ${text.author}`,
      value: text.id,
    })),
  );
}
