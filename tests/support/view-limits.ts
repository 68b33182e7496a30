import { expect } from 'vitest';
import { LIMITS } from '../../src/render/limits';
import { embedsLength, type MessageView } from '../../src/render/view';

/** Asserts a rendered message is within every Discord limit Tribune's renderers must respect. */
export function expectWithinDiscordLimits(view: MessageView): void {
  expect(view.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  const embeds = view.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embedsLength(embeds)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.footer?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFooter);
    expect(embed.author?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedAuthor);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.embedFieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    }
  }
  const rows = view.buttons ?? [];
  expect(rows.length).toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = rows.flat().map((button) => button.customId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const row of rows) {
    expect(row.length).toBeGreaterThan(0);
    expect(row.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const button of row) {
      expect(button.customId.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(button.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
}
