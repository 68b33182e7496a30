import { describe, expect, it } from 'vitest';
import type { Section, Text } from '../../src/content/text';
import { pendingOccurrence } from '../../src/reading/core/due-occurrences';
import type { PostRecord, ReadingPlan, SessionSettings } from '../../src/reading/core/plan';
import { describeSessions } from '../../src/reading/core/render-status';
import {
  decideEvent,
  eventChanges,
  renderSessionEvent,
  type EventRecord,
  type SessionEvent,
} from '../../src/reading/core/session-event';
import { decideReminder, renderReminder } from '../../src/reading/core/session-reminder';
import {
  DEFAULT_SESSION_MS,
  meetingGapMs,
  nextSession,
  parseSessions,
  sessionOf,
  weeksToFollow,
  type Session,
  type SessionInput,
} from '../../src/reading/core/sessions';
import { LIMITS } from '../../src/render/limits';
import { formatDuration } from '../../src/time/parse-duration';
import { readingPlan } from '../support/reading-plan';
import { userErrorKey } from '../support/user-error';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tuesdays 18:30 in Paris, as `readingPlan()`: its first prompt is 31 March 2026, 16:30 UTC. */
const SCHEDULE = {
  weekday: 2,
  time: { hour: 18, minute: 30, second: 0 },
  timeZone: 'Europe/Paris',
} as const;
const FIRST_PROMPT = '2026-03-31T16:30:00.000Z';
/** Thursday 2 April 2026, 19:00 in Paris. */
const THURSDAY_SESSION = '2026-04-02T17:00:00.000Z';

const NO_INPUT: SessionInput = {
  meeting: null,
  placeChannel: undefined,
  placeText: null,
  duration: null,
  remind: null,
};

const THURSDAY_EVENINGS: SessionSettings = {
  meeting: { weekday: 4, time: { hour: 19, minute: 0, second: 0 } },
  place: { kind: 'voice', channelId: 'voice' },
  durationMs: DEFAULT_SESSION_MS,
  remindMs: 2 * HOUR,
};

/** The same without a reminder. */
const NO_REMINDER: SessionSettings = {
  meeting: THURSDAY_EVENINGS.meeting,
  place: { kind: 'voice', channelId: 'voice' },
  durationMs: DEFAULT_SESSION_MS,
};

function plan(overrides: Partial<ReadingPlan> = {}): ReadingPlan {
  return readingPlan({ textId: 'text', sessions: THURSDAY_EVENINGS, ...overrides });
}

function section(number: number, title: string, paragraph: string): Section {
  return {
    number,
    title,
    editorialTitle: false,
    paragraphs: [paragraph, 'Deuxième paragraphe.'],
    questions: [],
  };
}

function text(sections: readonly Section[]): Text {
  return {
    id: 'text',
    title: 'Texte commun',
    author: 'Collectif',
    date: '2026-01-01',
    language: 'fr',
    source: 'https://example.org',
    intro: undefined,
    note: undefined,
    credits: undefined,
    sections,
  };
}

const SHORT = text([
  section(1, 'Faire front', 'Nous refusons. Et nous proposons.\nUne seconde ligne.'),
  section(2, 'Après', 'La suite.'),
]);

function posted(localDate: string, scheduledAt: string, threadId?: string): PostRecord {
  return {
    subject: { kind: 'section', section: 1, week: 1 },
    localDate,
    scheduledAt,
    postedAt: scheduledAt,
    late: false,
    messageId: 'prompt',
    threadId,
  };
}

function session(overrides: Partial<Session> = {}): Session {
  return {
    localDate: '2026-03-31',
    promptAt: new Date(FIRST_PROMPT),
    startAt: new Date(THURSDAY_SESSION),
    endAt: new Date(Date.parse(THURSDAY_SESSION) + HOUR),
    subject: { kind: 'section', section: 1, week: 1 },
    posted: false,
    threadId: undefined,
    ...overrides,
  };
}

describe('parseSessions', () => {
  it('is undefined when no session option is given: the plan has no events, no reminders', () => {
    expect(parseSessions(NO_INPUT, SCHEDULE)).toBeUndefined();
  });

  it('defaults to the prompt’s own day and time, and an hour', () => {
    expect(parseSessions({ ...NO_INPUT, placeText: '  Café   des Lilas ' }, SCHEDULE)).toEqual({
      meeting: { weekday: 2, time: SCHEDULE.time },
      place: { kind: 'text', location: 'Café des Lilas' },
      durationMs: HOUR,
    });
  });

  it.each([
    ['jeudi 19:00', 4, '19:00'],
    ['Thursday 19:00', 4, '19:00'],
    ['jeu. 7:05', 4, '07:05'],
    ['20:00', 2, '20:00'],
    ['vendredi', 5, '18:30'],
  ])('reads the meeting “%s” in French or English', (meeting, weekday, time) => {
    const parsed = parseSessions({ ...NO_INPUT, meeting }, SCHEDULE);
    const [hour, minute] = time.split(':').map(Number);
    expect(parsed?.meeting).toEqual({ weekday, time: { hour, minute, second: 0 } });
  });

  it('takes a voice or stage channel as the place, the duration and the reminder', () => {
    expect(
      parseSessions(
        {
          meeting: 'jeudi 19:00',
          placeChannel: { kind: 'stage', channelId: 'stage' },
          placeText: null,
          duration: '90m',
          remind: '1j',
        },
        SCHEDULE,
      ),
    ).toEqual({
      meeting: THURSDAY_EVENINGS.meeting,
      place: { kind: 'stage', channelId: 'stage' },
      durationMs: 90 * MINUTE,
      remindMs: DAY,
    });
  });

  it.each([
    [{ meeting: 'jeudi soir' }, 'sessions.badMeeting'],
    [{ meeting: 'thursday 7pm' }, 'sessions.badMeeting'],
    [{ meeting: 'mercredi 25:00' }, 'sessions.badMeeting'],
    [{ placeText: '   ' }, 'sessions.badPlace'],
    [{ placeText: 'x'.repeat(LIMITS.eventLocation + 1) }, 'sessions.badPlace'],
    [
      { placeText: 'Café', placeChannel: { kind: 'voice', channelId: 'voice' } },
      'sessions.twoPlaces',
    ],
    [{ duration: '2' }, 'sessions.badDuration'],
    [{ duration: '1m' }, 'sessions.badDuration'],
    [{ duration: '25h' }, 'sessions.badDuration'],
    [{ meeting: 'jeudi 19:00', remind: 'bientôt' }, 'sessions.badRemind'],
    [{ meeting: 'jeudi 19:00', remind: '1 semaine' }, 'sessions.badRemind'],
    // The prompt opens the thread the reminder goes in: it must come first.
    [{ remind: '2h' }, 'sessions.remindBeforePrompt'],
    [{ meeting: 'mardi 20:00', remind: '2h' }, 'sessions.remindBeforePrompt'],
    [{ meeting: 'jeudi 19:00', remind: '3d' }, 'sessions.remindBeforePrompt'],
  ] as const)('refuses %o with %s', (input, key) => {
    expect(userErrorKey(() => parseSessions({ ...NO_INPUT, ...input }, SCHEDULE))).toBe(key);
  });

  it('accepts a reminder just after the prompt', () => {
    const parsed = parseSessions({ ...NO_INPUT, meeting: 'mardi 20:00', remind: '1h' }, SCHEDULE);
    expect(parsed?.remindMs).toBe(HOUR);
  });
});

describe('meetingGapMs', () => {
  it.each([
    [{ weekday: 2, time: SCHEDULE.time }, 0],
    [THURSDAY_EVENINGS.meeting, 2 * DAY + 30 * MINUTE],
    // Monday comes round after the Tuesday prompt.
    [{ weekday: 1, time: { hour: 18, minute: 30, second: 0 } }, 6 * DAY],
  ] as const)('from the prompt to %o: %d ms', (meeting, gap) => {
    expect(meetingGapMs(SCHEDULE, meeting)).toBe(gap);
  });
});

describe('sessionOf', () => {
  it('is the first meeting at or after the pending prompt', () => {
    const found = sessionOf(plan(), '2026-03-31', 2);
    expect(found).toMatchObject({
      localDate: '2026-03-31',
      startAt: new Date(THURSDAY_SESSION),
      endAt: new Date(Date.parse(THURSDAY_SESSION) + HOUR),
      subject: { kind: 'section', section: 1, week: 1 },
      posted: false,
    });
  });

  it('is the prompt’s own time by default, and the next Monday for a Monday meeting', () => {
    const sameTime = {
      ...THURSDAY_EVENINGS,
      meeting: { weekday: 2, time: SCHEDULE.time },
    } as const;
    expect(sessionOf(plan({ sessions: sameTime }), '2026-03-31', 2)?.startAt).toEqual(
      new Date(FIRST_PROMPT),
    );
    const monday = {
      ...THURSDAY_EVENINGS,
      meeting: { weekday: 1, time: { hour: 10, minute: 0, second: 0 } },
    } as const;
    expect(sessionOf(plan({ sessions: monday }), '2026-03-31', 2)?.startAt).toEqual(
      new Date('2026-04-06T08:00:00.000Z'),
    );
  });

  it('moves a meeting at a time daylight saving skips to the first valid instant', () => {
    // Saturdays 10:00 in Paris; the meeting on Sunday 29 March 2026 at 02:30 does not exist.
    const saturday = plan({
      weekday: 6,
      time: { hour: 10, minute: 0, second: 0 },
      sessions: {
        ...THURSDAY_EVENINGS,
        meeting: { weekday: 7, time: { hour: 2, minute: 30, second: 0 } },
      },
    });
    expect(sessionOf(saturday, '2026-03-28', 2)?.startAt).toEqual(
      new Date('2026-03-29T01:00:00.000Z'),
    );
  });

  it('follows a posted week with its thread, and knows no session for a skipped or paused week', () => {
    const withPost = plan({
      anchor: FIRST_PROMPT,
      nextSection: 2,
      posts: [posted('2026-03-31', FIRST_PROMPT, 'thread')],
    });
    expect(sessionOf(withPost, '2026-03-31', 2)).toMatchObject({
      posted: true,
      threadId: 'thread',
    });
    expect(sessionOf(withPost, '2026-04-07', 2)?.subject).toEqual({
      kind: 'section',
      section: 2,
      week: 2,
    });
    const skipped = plan({
      anchor: FIRST_PROMPT,
      misses: [
        { localDate: '2026-03-31', scheduledAt: FIRST_PROMPT, reason: 'skipped', at: FIRST_PROMPT },
      ],
    });
    expect(sessionOf(skipped, '2026-03-31', 2)).toBeUndefined();
    expect(
      sessionOf(plan({ state: 'paused', pauseReason: 'manual' }), '2026-03-31', 2),
    ).toBeUndefined();
    expect(sessionOf(readingPlan(), '2026-03-31', 2)).toBeUndefined();
  });
});

describe('weeksToFollow and nextSession', () => {
  it('follows the last post, the last miss and the pending week', () => {
    const current = plan({
      anchor: '2026-04-07T16:30:00.000Z',
      posts: [posted('2026-03-31', FIRST_PROMPT)],
      misses: [
        {
          localDate: '2026-04-07',
          scheduledAt: '2026-04-07T16:30:00.000Z',
          reason: 'skipped',
          at: FIRST_PROMPT,
        },
      ],
    });
    expect(weeksToFollow(current)).toEqual(['2026-03-31', '2026-04-07', '2026-04-14']);
    // On Wednesday 1 April the posted week's Thursday session comes first; on Friday, the next.
    expect(nextSession(current, 2, new Date('2026-04-01T10:00:00.000Z'))?.startAt).toEqual(
      new Date(THURSDAY_SESSION),
    );
    expect(nextSession(current, 2, new Date('2026-04-03T10:00:00.000Z'))?.startAt).toEqual(
      new Date('2026-04-16T17:00:00.000Z'),
    );
  });
});

describe('renderSessionEvent', () => {
  it('names the event after the section and points to what to read before the thread opens', () => {
    const event = renderSessionEvent(
      plan(),
      SHORT,
      session(),
      THURSDAY_EVENINGS.place ?? { kind: 'text', location: '' },
      'fr',
    );
    expect(event).toEqual({
      name: 'Faire front',
      description:
        '**Faire front**\n\n> Nous refusons. Et nous proposons.\n\nÀ lire : `/section section:1 texte:text` · la discussion s’ouvre dans <#channel>',
      startAt: THURSDAY_SESSION,
      endAt: '2026-04-02T18:00:00.000Z',
      place: { kind: 'voice', channelId: 'voice' },
    });
  });

  it('points to the week’s thread once posted, in English too; names the wrap-up after the text', () => {
    const place = { kind: 'text', location: 'Café des Lilas' } as const;
    const event = renderSessionEvent(
      plan(),
      SHORT,
      session({ posted: true, threadId: 'thread' }),
      place,
      'en',
    );
    expect(event.description.endsWith('Discussion: <#thread>')).toBe(true);
    expect(event.place).toEqual(place);
    const closing = renderSessionEvent(
      plan(),
      SHORT,
      session({ subject: { kind: 'closing' } }),
      place,
      'fr',
    );
    expect(closing.name).toBe('Bilan — Texte commun');
    expect(closing.description).toBe('**Bilan — Texte commun**\n\nDiscussion dans <#channel>');
  });

  it.each([
    ['accents', 'Été ', 'Où l’on découvre « la suite » — éclats, œuvres. '],
    ['emoji', '📚🔥', '🦊🐢🌍 '],
    ['markdown', '*_`|', '# **gras** > [lien](http://x) '],
  ])('stays within Discord’s limits at their maxima (%s)', (_, titleUnit, lineUnit) => {
    const longTitle = titleUnit.repeat(Math.ceil(160 / titleUnit.length));
    const hostile = text([
      section(1, longTitle, lineUnit.repeat(Math.ceil(3000 / lineUnit.length))),
    ]);
    const place = { kind: 'text', location: 'L'.repeat(LIMITS.eventLocation) } as const;
    const event = renderSessionEvent(plan(), hostile, session(), place, 'fr');
    // At the limit, or one short where the cut would have split an emoji.
    expect(event.name.length).toBeLessThanOrEqual(LIMITS.eventName);
    expect(event.name.length).toBeGreaterThanOrEqual(LIMITS.eventName - 1);
    expect(event.name.endsWith('…')).toBe(true);
    expect(event.description.length).toBeLessThanOrEqual(LIMITS.eventDescription);
    expect(event.description.length).toBeGreaterThan(LIMITS.eventDescription - 5);
    expect(event.description).toContain('`/section section:1 texte:text`');
    expect(event.place).toEqual(place);
    // A cut never leaves half an emoji (a lone surrogate).
    for (const value of [event.name, event.description]) {
      expect(value).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('keeps a title of exactly 100 characters whole', () => {
    const title = 'É'.repeat(LIMITS.eventName);
    const event = renderSessionEvent(
      plan(),
      text([section(1, title, 'Début.')]),
      session(),
      { kind: 'voice', channelId: 'v' },
      'fr',
    );
    expect(event.name).toBe(title);
  });
});

describe('decideEvent', () => {
  const now = new Date('2026-03-31T08:00:00.000Z');
  const desired: SessionEvent = {
    name: 'Faire front',
    description: 'd',
    startAt: THURSDAY_SESSION,
    endAt: '2026-04-02T18:00:00.000Z',
    place: { kind: 'voice', channelId: 'voice' },
  };
  const scheduled: EventRecord = { state: 'scheduled', eventId: 'e1', shown: desired };

  it.each<
    [
      string,
      EventRecord | undefined,
      SessionEvent | undefined,
      Date,
      ReturnType<typeof decideEvent>,
    ]
  >([
    ['creates within a week', undefined, desired, now, { kind: 'create', event: desired }],
    [
      'waits beyond a week',
      undefined,
      { ...desired, startAt: '2026-04-09T17:00:00.000Z' },
      now,
      { kind: 'none' },
    ],
    [
      'creates again after a cancel',
      { state: 'cancelled', eventId: 'e0' },
      desired,
      now,
      { kind: 'create', event: desired },
    ],
    ['leaves an event as it should be', scheduled, desired, now, { kind: 'none' }],
    [
      'updates what changed',
      scheduled,
      { ...desired, name: 'Autre' },
      now,
      {
        kind: 'update',
        eventId: 'e1',
        changes: { name: 'Autre' },
        event: { ...desired, name: 'Autre' },
      },
    ],
    [
      'cancels a week with no session',
      scheduled,
      undefined,
      now,
      { kind: 'cancel', eventId: 'e1' },
    ],
    [
      'leaves a started session',
      scheduled,
      undefined,
      new Date(THURSDAY_SESSION),
      { kind: 'none' },
    ],
    [
      'creates nothing for a past session',
      undefined,
      desired,
      new Date('2026-04-03T00:00:00.000Z'),
      { kind: 'none' },
    ],
    [
      'leaves a claim',
      { state: 'claimed', by: 'other', at: now.toISOString() },
      desired,
      now,
      { kind: 'none' },
    ],
    [
      'leaves what a member ended',
      { state: 'gone', eventId: 'e1' },
      desired,
      now,
      { kind: 'none' },
    ],
    [
      'does not retry a refusal',
      { state: 'failed', detail: '403', at: now.toISOString() },
      desired,
      now,
      { kind: 'none' },
    ],
    ['does nothing without record or session', undefined, undefined, now, { kind: 'none' }],
  ])('%s', (_, record, wanted, at, action) => {
    expect(decideEvent(record, wanted, at)).toEqual(action);
  });

  it('sends only the changed fields', () => {
    expect(
      eventChanges(desired, {
        ...desired,
        description: 'e',
        place: { kind: 'text', location: 'x' },
      }),
    ).toEqual({
      description: 'e',
      place: { kind: 'text', location: 'x' },
    });
  });
});

describe('decideReminder', () => {
  const policy = { graceMs: 12 * HOUR, onTimeMs: MINUTE };
  const postedPlan = plan({
    anchor: FIRST_PROMPT,
    nextSection: 2,
    posts: [posted('2026-03-31', FIRST_PROMPT, 'thread')],
  });
  const remindAt = Date.parse(THURSDAY_SESSION) - 2 * HOUR;

  it.each([
    ['waits for its time', postedPlan, remindAt - 1000, 'wait'],
    ['posts at its time', postedPlan, remindAt, 'post'],
    ['posts late within the grace', postedPlan, remindAt + HOUR, 'post'],
    ['skips once the session has begun', postedPlan, Date.parse(THURSDAY_SESSION), 'skip'],
    ['waits for a prompt that is due but not out', plan(), remindAt, 'wait'],
    ['drops a plan without reminder', plan({ sessions: NO_REMINDER }), remindAt, 'drop'],
  ] as const)('%s', (_, subject, at, kind) => {
    expect(decideReminder(subject, '2026-03-31', 2, new Date(at), policy).kind).toBe(kind);
  });

  it('skips a reminder later than the grace', () => {
    const weekly = { ...THURSDAY_EVENINGS, remindMs: 2 * DAY };
    const early = plan({ ...postedPlan, sessions: weekly });
    const due = Date.parse(THURSDAY_SESSION) - 2 * DAY;
    expect(decideReminder(early, '2026-03-31', 2, new Date(due + 12 * HOUR), policy).kind).toBe(
      'post',
    );
    expect(decideReminder(early, '2026-03-31', 2, new Date(due + 13 * HOUR), policy)).toEqual({
      kind: 'skip',
      reason: 'too-late',
    });
  });

  it('drops a week that went by without a prompt', () => {
    const skipped = plan({
      anchor: FIRST_PROMPT,
      misses: [
        { localDate: '2026-03-31', scheduledAt: FIRST_PROMPT, reason: 'skipped', at: FIRST_PROMPT },
      ],
    });
    expect(decideReminder(skipped, '2026-03-31', 2, new Date(remindAt), policy).kind).toBe('drop');
  });
});

describe('renderReminder', () => {
  it('pings the plan’s role only and says when and where', () => {
    const reminder = renderReminder(plan(), SHORT, session({ posted: true }), 'fr');
    const seconds = Date.parse(THURSDAY_SESSION) / 1000;
    expect(reminder).toEqual({
      content: `<@&role> ⏰ Rappel : la discussion sur « Faire front » commence <t:${seconds}:F> (<t:${seconds}:R>) · 🔊 <#voice>.`,
      pingRoles: ['role'],
    });
  });

  it('pings nobody without a role; a text place is shown as typed, Markdown escaped', () => {
    const place = { kind: 'text', location: '*Café* @everyone' } as const;
    const reminder = renderReminder(
      plan({ roleId: undefined, sessions: { ...THURSDAY_EVENINGS, place } }),
      SHORT,
      session(),
      'en',
    );
    expect(reminder.pingRoles).toEqual([]);
    expect(reminder.content).toMatch(
      /^⏰ Reminder: the discussion of “Faire front” starts .* · 📍 \\\*Café\\\* @everyone\.$/,
    );
  });
});

/** The runtime's unit formats put no-break spaces where its locale data says: compare words. */
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('describeSessions and formatDuration', () => {
  it('sums the sessions up in the organiser’s language', () => {
    expect(spaced(describeSessions(THURSDAY_EVENINGS, 'Europe/Paris', 'fr'))).toBe(
      'Séances : chaque jeudi à 19:00 (Europe/Paris), 1 heure, 🔊 <#voice>, rappel 2 heures avant dans le fil.',
    );
    expect(describeSessions({ ...NO_REMINDER, durationMs: 90 * MINUTE }, 'UTC', 'en')).toBe(
      'Sessions: every Thursday at 19:00 (UTC), 1 hour and 30 minutes, 🔊 <#voice>.',
    );
  });

  it.each([
    [DAY + 2 * HOUR + 5 * MINUTE, 'fr', '1 jour, 2 heures et 5 minutes'],
    [30 * MINUTE, 'en', '30 minutes'],
  ] as const)('%d ms in %s: %s', (ms, locale, expected) => {
    expect(spaced(formatDuration(ms, locale))).toBe(expected);
  });
});

describe('plans stored before sessions', () => {
  it('have none: no weeks to follow for events, no next session', () => {
    const old = readingPlan();
    expect(old.sessions).toBeUndefined();
    expect(sessionOf(old, pendingOccurrence(old).localDate, 3)).toBeUndefined();
    expect(nextSession(old, 3, new Date(FIRST_PROMPT))).toBeUndefined();
  });
});
