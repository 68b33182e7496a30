import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/time/parse-duration';
import { splitOptions, validatePoll } from '../../src/polls/core/parse-poll-options';
import type { PollInput } from '../../src/polls/core/poll';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('splitOptions', () => {
  it.each([
    ['Dune;Solaris', ['Dune', 'Solaris']],
    ['Dune | Solaris | Fondation', ['Dune', 'Solaris', 'Fondation']],
    ['  Dune ;  Solaris  |Fondation ', ['Dune', 'Solaris', 'Fondation']],
    ['Dune;;Solaris;', ['Dune', 'Solaris']],
    ['Dune, Solaris', ['Dune, Solaris']],
    ['', []],
    [' ; | ', []],
  ])('%j → %j', (text, expected) => {
    expect(splitOptions(text)).toEqual(expected);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * MINUTE],
    ['30min', 30 * MINUTE],
    ['12h', 12 * HOUR],
    ['3d', 3 * DAY],
    ['3j', 3 * DAY],
    ['3D', 3 * DAY],
    ['1d 12h', 36 * HOUR],
    ['1h30m', 90 * MINUTE],
    [' 90d ', 90 * DAY],
    ['0m', 0],
    ['400d', 400 * DAY],
    ['1w', 7 * DAY],
    ['2 semaines', 14 * DAY],
    ['1 week', 7 * DAY],
    ['2 days', 2 * DAY],
    ['3 days', 3 * DAY],
    ['3 heures', 3 * HOUR],
    ['45 minutes', 45 * MINUTE],
    ['1 semaine et 2 jours', 9 * DAY],
    ['1 week, 2 days and 3 hours', 7 * DAY + 2 * DAY + 3 * HOUR],
    ['1W 2J', 9 * DAY],
  ])('%j → %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each([
    'abc',
    '',
    '30',
    'm30',
    '1.5h',
    '-3d',
    '1d2h3m4h',
    '9999999d',
    '3 dayz',
    '2 semaines puis 1 jour',
    '1 week 1 semaine',
  ])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

const base: PollInput = { question: 'Que lit-on ?', options: ['Dune', 'Solaris'] };
const withSecret = { anonymousAvailable: true };

function problemsOf(input: Partial<PollInput>, environment = withSecret) {
  const result = validatePoll({ ...base, ...input }, environment);
  return result.ok ? [] : result.problems.map((problem) => problem.key);
}

describe('validatePoll', () => {
  it('accepts a poll with defaults: 24 h, single choice, live results, not anonymous', () => {
    expect(validatePoll({ ...base, question: '  Que lit-on ?  ' }, withSecret)).toEqual({
      ok: true,
      settings: {
        question: 'Que lit-on ?',
        options: ['Dune', 'Solaris'],
        durationMs: DAY,
        maxChoices: 1,
        anonymous: false,
        results: 'live',
        chart: true,
      },
    });
  });

  it('accepts the limits themselves: 300-character question, 20 options of 80, 90 days', () => {
    const options = Array.from({ length: 20 }, (_, index) => `${index}`.padEnd(80, 'x'));
    const result = validatePoll(
      { question: 'q'.repeat(300), options, duration: '90d', maxChoices: 20, anonymous: true },
      withSecret,
    );
    expect(result.ok).toBe(true);
  });

  it.each<[string, Partial<PollInput>, string[]]>([
    ['empty question', { question: '   ' }, ['poll.problem.questionEmpty']],
    ['5000-character question', { question: 'q'.repeat(5000) }, ['poll.problem.questionTooLong']],
    ['301-character question', { question: 'q'.repeat(301) }, ['poll.problem.questionTooLong']],
    ['one option', { options: ['Dune'] }, ['poll.problem.tooFewOptions']],
    ['no option', { options: [] }, ['poll.problem.tooFewOptions']],
    [
      '30 options',
      { options: Array.from({ length: 30 }, (_, i) => `o${i}`) },
      ['poll.problem.tooManyOptions'],
    ],
    [
      'an 81-character option',
      { options: ['Dune', 'x'.repeat(81)] },
      ['poll.problem.optionTooLong'],
    ],
    ['an empty option', { options: ['Dune', ' ', 'Solaris'] }, ['poll.problem.optionEmpty']],
    ['duplicates', { options: ['Dune', 'Solaris', 'dune'] }, ['poll.problem.duplicateOptions']],
    [
      'duplicates up to accents and spaces',
      { options: ['Été', 'ete ', 'Hiver'] },
      ['poll.problem.duplicateOptions'],
    ],
    ['0m', { duration: '0m' }, ['poll.problem.durationTooShort']],
    ['abc', { duration: 'abc' }, ['poll.problem.durationInvalid']],
    ['400d', { duration: '400d' }, ['poll.problem.durationTooLong']],
    ['91 days in ms', { duration: 91 * DAY }, ['poll.problem.durationTooLong']],
    ['0 ms', { duration: 0 }, ['poll.problem.durationTooShort']],
    ['NaN ms', { duration: Number.NaN }, ['poll.problem.durationInvalid']],
    ['max_choices beyond options', { maxChoices: 3 }, ['poll.problem.maxChoicesTooHigh']],
    ['max_choices 0', { maxChoices: 0 }, ['poll.problem.maxChoicesTooLow']],
    ['max_choices 1.5', { maxChoices: 1.5 }, ['poll.problem.maxChoicesTooLow']],
  ])('refuses %s', (_, input, expected) => {
    expect(problemsOf(input)).toEqual(expected);
  });

  it('refuses anonymous polls without POLL_SECRET, and says so among the other problems', () => {
    expect(
      problemsOf({ anonymous: true, options: ['Dune'] }, { anonymousAvailable: false }),
    ).toEqual(['poll.problem.tooFewOptions', 'poll.problem.anonymousUnavailable']);
    expect(problemsOf({ anonymous: false }, { anonymousAvailable: false })).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(
      problemsOf({
        question: '',
        options: ['a', 'A', 'x'.repeat(81)],
        duration: 'abc',
        maxChoices: 9,
      }),
    ).toEqual([
      'poll.problem.questionEmpty',
      'poll.problem.optionTooLong',
      'poll.problem.duplicateOptions',
      'poll.problem.durationInvalid',
      'poll.problem.maxChoicesTooHigh',
    ]);
  });

  it('names the duplicates and the faulty option numbers', () => {
    const result = validatePoll(
      { ...base, options: ['Dune', 'Solaris', 'DUNE', 'x'.repeat(90)] },
      withSecret,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { key: 'poll.problem.optionTooLong', params: { number: 4, length: 90, max: 80 } },
      { key: 'poll.problem.duplicateOptions', params: { options: '“Dune”' } },
    ]);
  });
});
