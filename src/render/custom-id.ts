import { LIMITS } from './limits';

/**
 * Button ids carry all the state a click needs ("quote:<text>:<section>:<paragraph>:<page>"), so
 * buttons keep working after a restart with nothing kept in memory.
 */
export function encodeCustomId(kind: string, ...parts: readonly (string | number)[]): string {
  const pieces = [kind, ...parts.map(String)];
  if (pieces.some((piece) => piece.includes(SEPARATOR))) {
    throw new Error(`custom id parts may not contain "${SEPARATOR}": ${pieces.join(', ')}`);
  }
  const id = pieces.join(SEPARATOR);
  if (id.length > LIMITS.customId) throw new Error(`custom id too long: ${id}`);
  return id;
}

export interface ParsedCustomId {
  readonly kind: string;
  readonly parts: readonly string[];
}

export function parseCustomId(id: string): ParsedCustomId {
  const [kind = '', ...parts] = id.split(SEPARATOR);
  return { kind, parts };
}

/** A non-negative integer part, or undefined for anything else (ids can be forged). */
export function integerPart(part: string | undefined): number | undefined {
  return part !== undefined && /^\d{1,9}$/.test(part) ? Number(part) : undefined;
}

/** An epoch time in milliseconds (an expiry), or undefined for anything else. */
export function timePart(part: string | undefined): number | undefined {
  return part !== undefined && /^\d{1,15}$/.test(part) ? Number(part) : undefined;
}

const SEPARATOR = ':';
