import { describe, expect, it } from 'vitest';
import { makeCalendar } from './calendar';
import { cal, schedule2026, with2027 } from './calendar.fixture';
import {
  checkLegalReviewPeriods,
  DEFAULT_LEGAL_REVIEW_PERIODS,
  extendedReviewDue,
  extensionRefusal,
  extensionState,
  objectionDue,
  replyDue,
  reviewAlertPlan,
  reviewDue,
  runningDeadline,
  workingDaysUntil,
} from './legal-review-deadlines';

describe('review period (5 working days, extendable once by 3)', () => {
  it.each([
    ['an ordinary week', '2026-12-01', '2026-12-08', true],
    ['across National Day 2026 and its 调休 Saturday 10-10', '2026-09-30', '2026-10-13', true],
    ['across Spring Festival 2026, 调休 Saturday 02-14 counted', '2026-02-12', '2026-02-26', true],
    ['into 2027 without a schedule', '2026-12-29', '2027-01-05', false],
  ])('REV-05 review submitted %s: %s → %s', (_t, from, to, confirmed) => {
    expect(reviewDue(cal, from)).toEqual({ due: to, workingDays: 5, confirmed });
  });

  it('REV-05 once 2027 is imported, New Year moves the due day and it is confirmed', () => {
    expect(reviewDue(with2027, '2026-12-29')).toEqual({ due: '2027-01-06', workingDays: 5, confirmed: true });
  });

  it.each([
    ['after Spring Festival, 调休 Saturday 02-28 counted', '2026-02-26', '2026-03-02', true],
    ['before National Day: 09-30, then 10-08 and 10-09', '2026-09-29', '2026-10-09', true],
    ['over the year end', '2026-12-30', '2027-01-04', false],
  ])('REV-05 extension %s: %s → %s', (_t, from, to, confirmed) => {
    expect(extendedReviewDue(cal, from)).toEqual({ due: to, workingDays: 3, confirmed });
  });

  it('REV-05 the review period is a setting', () => {
    expect(reviewDue(cal, '2026-12-01', { ...DEFAULT_LEGAL_REVIEW_PERIODS, reviewWorkingDays: 10 }).due).toBe(
      '2026-12-15',
    );
    expect(checkLegalReviewPeriods(DEFAULT_LEGAL_REVIEW_PERIODS)).toEqual([]);
    expect(
      checkLegalReviewPeriods({ reviewWorkingDays: 0, extensionWorkingDays: 2.5 }).map((p) => p.field),
    ).toEqual(['reviewWorkingDays', 'extensionWorkingDays']);
  });
});

describe('objection (2 working days) and reply (3 working days)', () => {
  it.each([
    ['an ordinary week', '2026-12-01', '2026-12-03', true],
    ['before National Day', '2026-09-30', '2026-10-09', true],
    ['on the eve of Spring Festival: 调休 Saturday 02-14 counts', '2026-02-13', '2026-02-24', true],
    ['at the year end, 2027 unconfirmed', '2026-12-30', '2027-01-01', false],
  ])('REV-07 objection to an opinion received %s: %s → %s', (_t, from, to, confirmed) => {
    expect(objectionDue(cal, from)).toEqual({ due: to, workingDays: 2, confirmed });
  });

  it('REV-07 objection at the year end once 2027 is imported skips New Year', () => {
    expect(objectionDue(with2027, '2026-12-30')).toEqual({
      due: '2027-01-04',
      workingDays: 2,
      confirmed: true,
    });
  });

  it.each([
    ['an ordinary week', '2026-12-01', '2026-12-04', true],
    ['before National Day: 调休 Saturday 10-10 is the third', '2026-09-30', '2026-10-10', true],
    ['after Spring Festival: 调休 Saturday 02-28 is the third', '2026-02-25', '2026-02-28', true],
    ['over the year end', '2026-12-30', '2027-01-04', false],
  ])('REV-07 reply to an objection made %s: %s → %s', (_t, from, to, confirmed) => {
    expect(replyDue(cal, from)).toEqual({ due: to, workingDays: 3, confirmed });
  });
});

describe('a review period with its one extension, the alerts and the days left', () => {
  const sixDays = makeCalendar([schedule2026], false);

  it.each([
    [
      'across National Day: 调休 Saturday 10-10 is the fifth day',
      cal,
      '2026-09-28',
      '2026-10-10',
      true,
      '2026-10-14',
      true,
    ],
    ['over 05-01–05: 调休 Saturday 05-09 counted', cal, '2026-05-06', '2026-05-12', true, '2026-05-15', true],
    [
      'at the year end: the extension runs into unconfirmed 2027',
      cal,
      '2026-12-24',
      '2026-12-31',
      true,
      '2027-01-05',
      false,
    ],
    [
      'at the year end once 2027 is imported: New Year skipped',
      with2027,
      '2026-12-24',
      '2026-12-31',
      true,
      '2027-01-06',
      true,
    ],
    [
      'when 调休 days are not counted: 10-10 skipped',
      sixDays,
      '2026-09-28',
      '2026-10-12',
      true,
      '2026-10-15',
      true,
    ],
  ])('REV-05 submitted %s', (_t, c, from, due, dueConfirmed, extended, extendedConfirmed) => {
    const first = reviewDue(c, from);
    expect(first).toEqual({ due, workingDays: 5, confirmed: dueConfirmed });
    expect(extendedReviewDue(c, first.due)).toEqual({
      due: extended,
      workingDays: 3,
      confirmed: extendedConfirmed,
    });
  });

  it.each([
    ['a review due on a Tuesday', '2026-12-01', '2026-12-08', ['2026-12-07', '2026-12-08', '2026-12-09']],
    [
      'an objection window over National Day',
      '2026-09-30',
      '2026-10-09',
      ['2026-10-08', '2026-10-09', '2026-10-10'],
    ],
    [
      'an objection window over Spring Festival: the early alert on 调休 Saturday 02-14',
      '2026-02-13',
      '2026-02-24',
      ['2026-02-14', '2026-02-24', '2026-02-25'],
    ],
    [
      'a reply due on 调休 Saturday 02-28',
      '2026-02-25',
      '2026-02-28',
      ['2026-02-27', '2026-02-28', '2026-03-01'],
    ],
    [
      'a one-day period: no early alert on the start day',
      '2026-12-01',
      '2026-12-02',
      ['2026-12-02', '2026-12-03'],
    ],
  ])('REV-07 REV-05 alerts of %s', (_t, from, due, fires) => {
    expect(reviewAlertPlan(cal, from, due).map((a) => a.fireOn)).toEqual(fires);
    expect(
      reviewAlertPlan(cal, from, due)
        .map((a) => a.stage)
        .slice(-2),
    ).toEqual(['due', 'overdue']);
  });

  it.each([
    ['a week ahead', cal, '2026-12-01', '2026-12-08', 5, false, true],
    ['over National Day to 调休 Saturday 10-10', cal, '2026-09-30', '2026-10-10', 3, false, true],
    ['on the due day', cal, '2026-10-10', '2026-10-10', 0, false, true],
    ['two working days late', cal, '2026-10-13', '2026-10-10', -2, true, true],
    ['the Saturday after a Friday due day', cal, '2026-12-12', '2026-12-11', 0, true, true],
    ['into unconfirmed 2027', cal, '2026-12-30', '2027-01-05', 4, false, false],
    ['into 2027 once imported', with2027, '2026-12-30', '2027-01-05', 3, false, true],
  ])('REV-05 working days left %s', (_t, c, today, due, daysLeft, overdue, confirmed) => {
    expect(workingDaysUntil(c, today, due)).toEqual({ daysLeft, overdue, confirmed });
  });

  it('REV-07 the running deadline: review period, then the objection window, then the reply', () => {
    const base = { passed: false, due: '2026-09-29', dueConfirmed: true, opinionOn: null, objectedOn: null };
    expect(runningDeadline(cal, { ...base, state: 'assigned' })).toMatchObject({
      kind: 'review',
      due: '2026-09-29',
    });
    expect(runningDeadline(cal, { ...base, state: 'opinionIssued', opinionOn: '2026-09-30' })).toMatchObject({
      kind: 'objection',
      due: '2026-10-09',
      workingDays: 2,
      confirmed: true,
    });
    expect(
      runningDeadline(cal, { ...base, state: 'objected', opinionOn: '2026-09-30', objectedOn: '2026-12-30' }),
    ).toMatchObject({ kind: 'reply', due: '2027-01-04', confirmed: false });
    expect(
      runningDeadline(cal, { ...base, state: 'opinionIssued', passed: true, opinionOn: '2026-09-30' }),
    ).toBe(null);
    expect(runningDeadline(cal, { ...base, state: 'escalated' })).toBe(null);
  });

  it('REV-05 the period is extended once, asked no later than its due day', () => {
    const open = { state: 'assigned', requested: false, due: '2026-10-10', today: '2026-10-10' };
    expect(extensionRefusal(open)).toBe(null);
    expect(extensionRefusal({ ...open, requested: true })?.code).toBe('REVIEW_EXTENSION_USED');
    expect(extensionRefusal({ ...open, today: '2026-10-12' })?.code).toBe('REVIEW_EXTENSION_TOO_LATE');
    expect(extensionRefusal({ ...open, state: 'opinionIssued' })?.code).toBe('LEGAL_REVIEW_NOT_NOW');
    expect(extensionState(null, open)).toBe('available');
    expect(extensionState(null, { ...open, today: '2026-10-12' })).toBe('unavailable');
    expect(extensionState({ state: 'pending' }, open)).toBe('pending');
  });
});
