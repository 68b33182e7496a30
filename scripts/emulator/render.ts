import type { ComponentJson, EmbedJson, StoredMessage } from './types';

export type Renderable = Pick<StoredMessage, 'content' | 'embeds' | 'components'> &
  Partial<Pick<StoredMessage, 'attachments' | 'ephemeral'>>;

function renderEmbed(embed: EmbedJson): string[] {
  const lines: string[] = [];
  if (embed.author?.name) lines.push(embed.author.name);
  if (embed.title) lines.push(`## ${embed.title}`);
  if (embed.description) lines.push(embed.description);
  for (const field of embed.fields ?? []) lines.push(`**${field.name}**: ${field.value}`);
  if (embed.footer?.text) lines.push(`— ${embed.footer.text}`);
  return lines;
}

function renderComponent(component: ComponentJson): string {
  const disabled = component.disabled === true ? ' (disabled)' : '';
  switch (component.type) {
    case 2:
      return `[${component.label ?? component.custom_id ?? component.url ?? '?'}${disabled}]`;
    case 3:
    case 5:
    case 6:
    case 7:
    case 8: {
      const options = (component.options ?? []).map((o) => o.label).join(' | ');
      return `[▾ ${component.placeholder ?? 'select'}${options ? `: ${options}` : ''}${disabled}]`;
    }
    case 10:
      return component.content ?? '';
    default:
      return (component.components ?? []).map(renderComponent).join(' ');
  }
}

/**
 * A message as plain text: content, embeds (title, description, fields, footer), attachments,
 * and one line per action row with buttons as `[label]` (`[label (disabled)]`).
 */
export function text(message: Renderable): string {
  const lines: string[] = [];
  if (message.ephemeral === true) lines.push('(only you can see this)');
  if (message.content) lines.push(message.content);
  for (const embed of message.embeds) lines.push(...renderEmbed(embed));
  for (const attachment of message.attachments ?? []) lines.push(`📎 ${attachment.filename}`);
  for (const component of message.components) {
    const line = renderComponent(component);
    if (line) lines.push(line);
  }
  return lines.join('\n');
}
