import { describe, expect, it } from 'vitest';
import {
  formatLocalTime,
  matchingTimeZones,
  matchingWeekdays,
  parseTime,
  parseTimeZone,
  parseWeekday,
  weekdayName,
  weekdayValue,
} from '../../src/reading/core/parse-plan-input';
import { userErrorKey } from '../support/user-error';

describe('parseWeekday', () => {
  it.each([
    ['monday', 1],
    ['Monday', 1],
    ['lundi', 1],
    ['Mardi', 2],
    ['mer.', 3],
    ['Wed', 3],
    ['jeu', 4],
    ['vendredi', 5],
    ['sam', 6],
    ['Saturday', 6],
    ['dimanche', 7],
    ['su', 7],
    ['  tuesday  ', 2],
  ])('%s → %i', (input, weekday) => {
    expect(parseWeekday(input)).toBe(weekday);
  });

  it.each(['', 'm', 't', 'funday', 'lundimardi', '1', 'mo tu'])('refuses %j', (input) => {
    expect(userErrorKey(() => parseWeekday(input))).toBe('reading.badWeekday');
  });

  it('names and autocomplete values round-trip in both languages', () => {
    for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
      expect(parseWeekday(weekdayValue(weekday))).toBe(weekday);
      expect(parseWeekday(weekdayName(weekday, 'fr'))).toBe(weekday);
      expect(parseWeekday(weekdayName(weekday, 'en'))).toBe(weekday);
    }
    expect(weekdayName(2, 'fr')).toBe('mardi');
    expect(weekdayName(2, 'en')).toBe('Tuesday');
    expect(matchingWeekdays('s')).toEqual([6, 7]);
    expect(matchingWeekdays('')).toHaveLength(7);
  });
});

describe('parseTime', () => {
  it.each([
    ['18:30', { hour: 18, minute: 30, second: 0 }],
    ['8:05', { hour: 8, minute: 5, second: 0 }],
    ['00:00', { hour: 0, minute: 0, second: 0 }],
    ['23:59', { hour: 23, minute: 59, second: 0 }],
    [' 07:15 ', { hour: 7, minute: 15, second: 0 }],
  ])('%s', (input, time) => {
    expect(parseTime(input)).toEqual(time);
  });

  it.each([
    '25:30',
    '24:00',
    '18:60',
    '18h',
    '18h30',
    '1830',
    '18:3',
    '6pm',
    '',
    '-1:00',
    '18:30:00',
  ])('refuses %j', (input) => {
    expect(userErrorKey(() => parseTime(input))).toBe('reading.badTime');
  });

  it('formats times back', () => {
    expect(formatLocalTime({ hour: 8, minute: 5, second: 0 })).toBe('08:05');
    expect(formatLocalTime({ hour: 18, minute: 30, second: 9 })).toBe('18:30:09');
  });
});

describe('parseTimeZone', () => {
  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['europe/paris', 'Europe/Paris'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
    [null, 'Europe/Paris'],
    ['', 'Europe/Paris'],
  ])('%j → %s', (input, zone) => {
    expect(parseTimeZone(input, 'Europe/Paris')).toBe(zone);
  });

  it.each(['Europe/Lutece', 'Paris', 'GMT+25', 'not a zone'])('refuses %j', (input) => {
    expect(userErrorKey(() => parseTimeZone(input, 'Europe/Paris'))).toBe('reading.badTimeZone');
  });

  it('suggests zones by city, with spaces or underscores, the default first', () => {
    expect(matchingTimeZones('', 'Europe/Paris')[0]).toBe('Europe/Paris');
    expect(matchingTimeZones('new york', 'Europe/Paris')[0]).toBe('America/New_York');
    expect(matchingTimeZones('paris', 'UTC')).toContain('Europe/Paris');
    expect(matchingTimeZones('zzzz', 'UTC')).toEqual([]);
  });
});
