import { describe, expect, it } from 'vitest';
import { cal, with2027 } from './calendar.fixture';
import { displayEnds, publicationDue, workingDaysLeft } from './publication-deadlines';
import { DEFAULT_PUBLICATION_SETTINGS } from './publication-rules';

describe('publication deadlines', () => {
  it.each([
    // [act type, decided on, due, confirmed]
    ['penalty', '2026-09-18', '2026-09-29', true], // DOMAIN.md worked example: Sun 09-20 counts, 09-25–27 off
    ['licensing', '2026-09-30', '2026-10-15', true], // National Day 10-01–07 off, Sat 10-10 works
    ['penalty', '2026-02-12', '2026-02-28', true], // Spring Festival 02-15–23 off, Sat 02-14 and 02-28 work
    ['penalty', '2026-12-28', '2027-01-06', false], // runs into 2027, which has no schedule
  ] as const)('PUB-09 a %s decision of %s is due %s (confirmed %s)', (actType, from, due, confirmed) => {
    expect(publicationDue(cal, 'decision', actType, from)).toEqual({ due, workingDays: 7, confirmed });
  });

  it('PUB-09 once the 2027 schedule is imported, the late-December period is confirmed (New Year off)', () => {
    expect(publicationDue(with2027, 'decision', 'penalty', '2026-12-28')).toEqual({
      due: '2027-01-07',
      workingDays: 7,
      confirmed: true,
    });
  });

  it.each([
    ['inspection', '2026-09-18', '2026-10-22'],
    ['compulsion', '2026-02-12', '2026-03-18'],
    ['expropriation', '2026-01-30', '2026-03-05'],
  ] as const)('PUB-08 a %s decision of %s is due in 20 working days: %s', (actType, from, due) => {
    expect(publicationDue(cal, 'decision', actType, from)).toEqual({ due, workingDays: 20, confirmed: true });
  });

  it.each([
    ['2026-02-13', '2026-02-25', true], // Sat 02-14 works, then the holiday
    ['2026-09-30', '2026-10-10', true], // 10-08, 10-09, Sat 10-10
    ['2026-12-30', '2027-01-04', false],
  ] as const)('PUB-12 a withdrawal after a change on %s is due %s', (from, due, confirmed) => {
    expect(publicationDue(cal, 'withdrawal', 'penalty', from)).toEqual({ due, workingDays: 3, confirmed });
  });

  it.each([
    ['2026-09-29', '2026-09-24', 2, false],
    ['2026-09-29', '2026-09-29', 0, false],
    ['2026-09-29', '2026-10-08', -2, true],
    ['2026-02-28', '2026-02-13', 6, false],
  ] as const)('PUB-10 due %s, today %s: %i working days left (overdue %s)', (due, today, left, overdue) => {
    expect(workingDaysLeft(cal, due, today)).toEqual({ left, overdue, confirmed: true });
  });

  it('PUB-10 days left across an unscheduled year are unconfirmed', () => {
    expect(workingDaysLeft(cal, '2027-01-06', '2026-12-28')).toEqual({
      left: 7,
      overdue: false,
      confirmed: false,
    });
  });

  it.each([
    ['2026-03-20', 'penalty', 'person', '2028-03-20'],
    ['2026-03-20', 'penalty', 'organisation', '2031-03-20'],
    ['2024-02-29', 'licensing', 'person', '2026-02-28'],
  ] as const)(
    'PUB-12 a decision of %s (%s, %s) comes down after %s',
    (decidedOn, actType, partyKind, ends) => {
      expect(displayEnds(decidedOn, actType, partyKind)).toBe(ends);
    },
  );

  it('PUB-12 the display period is a setting', () => {
    const settings = {
      ...DEFAULT_PUBLICATION_SETTINGS,
      displayMonths: {
        ...DEFAULT_PUBLICATION_SETTINGS.displayMonths,
        penalty: { person: 3, organisation: 36 },
      },
    };
    expect(displayEnds('2026-11-30', 'penalty', 'person', settings)).toBe('2027-02-28');
    expect(displayEnds('2026-11-30', 'penalty', 'organisation', settings)).toBe('2029-11-30');
  });
});
