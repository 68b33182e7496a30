// Discord's rules for scheduled events that discord-api-spec's schemas miss: lengths, what each
// entity type requires, times, status transitions, recurrence fields apps cannot set. Codes are
// Discord's where known (GUILD_SCHEDULED_EVENT_SCHEDULE_PAST, ..._ENTITY_METADATA_UNSUPPORTED,
// ..._INVALID_START_BY_STATUS); the others are named in the same style.
import type { IssuePath, ValidationIssue } from './errors';
import { EntityType, EventStatus, STATUS_TRANSITIONS, normaliseTime } from './scheduled-events';
import type { EventFields } from './scheduled-events';
import type { JsonObject, StoredScheduledEvent } from './types';
import { ChannelType } from './world';

export const EVENT_LIMITS = { name: 100, description: 1000, location: 100, upcoming: 100 } as const;

/** Recurrence rule fields Discord lets no application set. */
const APP_FORBIDDEN_RECURRENCE = ['count', 'end', 'by_year_day'] as const;

export interface EventRuleContext {
  /** Discord's clock, epoch ms. */
  now: number;
  /** Type of a (non-thread) channel of the event's guild; undefined if there is none. */
  channelType(id: string): number | undefined;
  /** The event a PATCH modifies; null for a creation. */
  existing: StoredScheduledEvent | null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function given(body: JsonObject, key: string): boolean {
  return body[key] !== undefined;
}

function issue(path: IssuePath, code: string, message: string): ValidationIssue {
  return { path, code, message };
}

function timeOf(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** The event as it would be after this body (for a PATCH, merged over the existing one). */
export function eventFields(body: JsonObject, existing: StoredScheduledEvent | null): EventFields {
  const pick = <T>(key: string, read: (value: unknown) => T, fallback: T): T =>
    given(body, key) ? read(body[key]) : fallback;
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const time = (value: unknown): string | null =>
    typeof value === 'string' && timeOf(value) !== null ? normaliseTime(value) : null;
  const number = (fallback: number) => (value: unknown) =>
    typeof value === 'number' ? value : fallback;
  const entityType = pick(
    'entity_type',
    number(existing?.entityType ?? 0),
    existing?.entityType ?? 0,
  );
  const metadata = body.entity_metadata;
  // Discord drops the location of an event that is no longer external.
  const location =
    entityType !== EntityType.External
      ? null
      : given(body, 'entity_metadata')
        ? isObject(metadata)
          ? text(metadata.location)
          : null
        : (existing?.location ?? null);
  return {
    name: pick('name', (v) => text(v) ?? '', existing?.name ?? ''),
    description: pick('description', text, existing?.description ?? null),
    channelId: pick('channel_id', text, existing?.channelId ?? null),
    scheduledStartTime: pick(
      'scheduled_start_time',
      (v) => time(v) ?? '',
      existing?.scheduledStartTime ?? '',
    ),
    scheduledEndTime: pick('scheduled_end_time', time, existing?.scheduledEndTime ?? null),
    privacyLevel: pick('privacy_level', number(2), existing?.privacyLevel ?? 2),
    entityType,
    location,
    recurrenceRule: pick(
      'recurrence_rule',
      (v) => (isObject(v) ? v : null),
      existing?.recurrenceRule ?? null,
    ),
  };
}

function entityIssues(
  body: JsonObject,
  fields: EventFields,
  context: EventRuleContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (fields.entityType === EntityType.External) {
    if (fields.channelId !== null) {
      issues.push(
        issue(
          ['channel_id'],
          'GUILD_SCHEDULED_EVENT_CHANNEL_NOT_ALLOWED',
          'An external event has no channel: channel_id must be null.',
        ),
      );
    }
    if (fields.location === null) {
      issues.push(
        issue(['entity_metadata', 'location'], 'BASE_TYPE_REQUIRED', 'This field is required'),
      );
    } else if (fields.location.length < 1) {
      issues.push(
        issue(
          ['entity_metadata', 'location'],
          'BASE_TYPE_BAD_LENGTH',
          `Must be between 1 and ${EVENT_LIMITS.location} in length.`,
        ),
      );
    }
    if (fields.scheduledEndTime === null) {
      issues.push(issue(['scheduled_end_time'], 'BASE_TYPE_REQUIRED', 'This field is required'));
    }
    return issues;
  }
  const expected = fields.entityType === EntityType.Voice ? ChannelType.Voice : ChannelType.Stage;
  if (fields.channelId === null) {
    issues.push(issue(['channel_id'], 'BASE_TYPE_REQUIRED', 'This field is required'));
  } else {
    const type = context.channelType(fields.channelId);
    if (type !== expected) {
      issues.push(
        issue(
          ['channel_id'],
          'GUILD_SCHEDULED_EVENT_INVALID_CHANNEL',
          type === undefined
            ? `Unknown channel ${fields.channelId} in this guild.`
            : `Channel type ${type} cannot host this event (needs type ${expected}).`,
        ),
      );
    }
  }
  if (given(body, 'entity_metadata') && body.entity_metadata !== null) {
    issues.push(
      issue(
        ['entity_metadata'],
        'GUILD_SCHEDULED_EVENT_ENTITY_METADATA_UNSUPPORTED',
        'entity_metadata must be null for voice and stage events.',
      ),
    );
  }
  return issues;
}

function timeIssues(
  body: JsonObject,
  fields: EventFields,
  context: EventRuleContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const start = timeOf(fields.scheduledStartTime);
  const end = timeOf(fields.scheduledEndTime);
  const existing = context.existing;
  if (start !== null && (existing === null || given(body, 'scheduled_start_time'))) {
    if (existing !== null && existing.status !== EventStatus.Scheduled) {
      issues.push(
        issue(
          ['scheduled_start_time'],
          'GUILD_SCHEDULED_EVENT_INVALID_START_BY_STATUS',
          'The start time of an event that has begun cannot be changed.',
        ),
      );
    } else if (start <= context.now) {
      issues.push(
        issue(
          ['scheduled_start_time'],
          'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
          'Cannot schedule event in the past.',
        ),
      );
    }
  }
  if (start !== null && end !== null && end <= start) {
    issues.push(
      issue(
        ['scheduled_end_time'],
        'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
        'Cannot schedule event to end before starting.',
      ),
    );
  }
  return issues;
}

function statusIssues(body: JsonObject, existing: StoredScheduledEvent | null): ValidationIssue[] {
  if (existing === null || !given(body, 'status') || body.status === null) return [];
  const status = Number(body.status);
  const allowed = STATUS_TRANSITIONS.get(existing.status) ?? [];
  if (status === existing.status || allowed.includes(status)) return [];
  return [
    issue(
      ['status'],
      'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION',
      `Cannot change status from ${existing.status} to ${status} (allowed: ${allowed.join(', ') || 'none'}).`,
    ),
  ];
}

function recurrenceIssues(fields: EventFields): ValidationIssue[] {
  const rule = fields.recurrenceRule;
  if (!rule) return [];
  return APP_FORBIDDEN_RECURRENCE.filter(
    (key) => rule[key] !== undefined && rule[key] !== null,
  ).map((key) =>
    issue(
      ['recurrence_rule', key],
      'GUILD_SCHEDULED_EVENT_RECURRENCE_RULE_FIELD_NOT_ALLOWED',
      `Applications cannot set recurrence_rule.${key}.`,
    ),
  );
}

/** Issues of a create (context.existing null) or modify body that the schemas let through. */
export function scheduledEventIssues(
  body: JsonObject,
  context: EventRuleContext,
): ValidationIssue[] {
  const fields = eventFields(body, context.existing);
  const issues: ValidationIssue[] = [];
  // A missing name is the schema's to report; an empty one is ours.
  if (body.name === '') {
    issues.push(
      issue(
        ['name'],
        'BASE_TYPE_BAD_LENGTH',
        `Must be between 1 and ${EVENT_LIMITS.name} in length.`,
      ),
    );
  }
  return [
    ...issues,
    ...entityIssues(body, fields, context),
    ...timeIssues(body, fields, context),
    ...statusIssues(body, context.existing),
    ...recurrenceIssues(fields),
  ];
}
