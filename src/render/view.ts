/**
 * A message as plain data, what the core renders and the Discord layer sends. Keeping it free of
 * discord.js lets renderers be tested as pure functions, and lets one adapter decide mentions.
 */
export interface MessageView {
  readonly content?: string;
  readonly embeds?: readonly EmbedView[];
  readonly buttons?: readonly (readonly ButtonView[])[];
  readonly files?: readonly FileView[];
  /**
   * Roles this message is meant to ping. Nothing else is ever pinged: every message is sent with
   * mention parsing disabled, since any of them may quote user-supplied text.
   */
  readonly pingRoles?: readonly string[];
}

export interface EmbedView {
  readonly title?: string;
  readonly url?: string;
  readonly author?: string;
  readonly description?: string;
  readonly fields?: readonly { name: string; value: string; inline?: boolean }[];
  readonly footer?: string;
  readonly color?: number;
}

export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

export interface ButtonView {
  readonly customId: string;
  readonly label: string;
  readonly style?: ButtonStyle;
  readonly disabled?: boolean;
}

export interface FileView {
  readonly name: string;
  /** Text (UTF-8) or bytes (a picture). */
  readonly contents: string | Uint8Array;
  readonly description?: string;
}

/** Characters Discord counts towards the 6000 shared by all embeds of a message. */
export function embedsLength(embeds: readonly EmbedView[]): number {
  return embeds.reduce(
    (total, embed) =>
      total +
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.author?.length ?? 0) +
      (embed.footer?.length ?? 0) +
      (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0),
    0,
  );
}

/** Shortens text to a limit with an ellipsis; for labels and titles, never for quoted text. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const code = cut.charCodeAt(cut.length - 1);
  return (code >= 0xd800 && code <= 0xdbff ? cut.slice(0, -1) : cut) + '…';
}
