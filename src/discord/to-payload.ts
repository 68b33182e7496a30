import {
  ButtonStyle as DiscordButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type MessageCreateOptions,
} from 'discord.js';
import type { ButtonStyle, ButtonView, MessageView } from '../render/view';

const BUTTON_STYLES: Record<ButtonStyle, APIButtonComponentWithCustomId['style']> = {
  primary: DiscordButtonStyle.Primary,
  secondary: DiscordButtonStyle.Secondary,
  success: DiscordButtonStyle.Success,
  danger: DiscordButtonStyle.Danger,
};

/**
 * The one place a rendered message becomes a Discord payload. Mentions are never parsed: only the
 * roles the view explicitly names may be pinged. Every send and edit goes through here, since
 * edits re-parse mentions too.
 */
export function toPayload(view: MessageView) {
  return {
    content: view.content ?? '',
    embeds: (view.embeds ?? []).map((embed): APIEmbed => ({
      ...(embed.title !== undefined && { title: embed.title }),
      ...(embed.url !== undefined && { url: embed.url }),
      ...(embed.author !== undefined && { author: { name: embed.author } }),
      ...(embed.description !== undefined && { description: embed.description }),
      ...(embed.fields !== undefined && {
        fields: embed.fields.map((field) => ({ ...field })),
      }),
      ...(embed.footer !== undefined && { footer: { text: embed.footer } }),
      ...(embed.color !== undefined && { color: embed.color }),
    })),
    components: toComponents(view.buttons ?? []),
    files: (view.files ?? []).map((file) => ({
      name: file.name,
      attachment:
        typeof file.contents === 'string'
          ? Buffer.from(file.contents, 'utf8')
          : Buffer.from(file.contents),
      ...(file.description !== undefined && { description: file.description }),
    })),
    allowedMentions: { parse: [], roles: [...(view.pingRoles ?? [])] },
  } satisfies MessageCreateOptions;
}

/** Rows of buttons as Discord components. */
export function toComponents(
  rows: readonly (readonly ButtonView[])[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  return rows.map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((button) => ({
      type: ComponentType.Button,
      custom_id: button.customId,
      label: button.label,
      style: BUTTON_STYLES[button.style ?? 'secondary'],
      disabled: button.disabled ?? false,
    })),
  }));
}

/** The payload of an interaction reply, ephemeral when asked. */
export function toReply(view: MessageView, options: { ephemeral: boolean }) {
  return {
    ...toPayload(view),
    ...(options.ephemeral && { flags: MessageFlags.Ephemeral as const }),
  };
}
