import { describe, expect, it } from 'vitest';
import { actionsOnWaiver, datesAfter, decisionExtension, derivedFacts } from './case-facts';
import type { CaseDates } from './case-deadlines';
import { addDays } from './dates';
import { cal, with2027 } from './calendar.fixture';

/*
 * Hand-counted on the 2026 calendar (State Council notice, as in DOMAIN.md), typed in here:
 *   holidays 09-25–27, 10-01–07, 2026-01-01–03 …; adjusted working days Sun 09-20, Sat 10-10.
 *   2026-09-18 Fri, 2026-09-30 Wed, 2026-12-24 Thu, 2026-12-29 Tue, 2027-01-01 Fri.
 */
const daytime = new Date('2026-11-25T02:00:00Z'); // 10:00 in Shanghai

describe('case facts', () => {
  // The last day of the 5-working-day period after the notice: on it the period is not over yet.
  it.each([
    // noticed, last day, calendar, why
    ['2026-09-18', '2026-09-24', cal, 'Sun 09-20 is an adjusted working day and counts'],
    ['2026-09-30', '2026-10-13', cal, 'National Day week skipped, Sat 10-10 counts'],
    ['2026-12-24', '2026-12-31', cal, 'ends on the last day of the year'],
    ['2026-12-29', '2027-01-05', cal, 'unconfirmed 2027: Fri 01-01 counts as a working day'],
    ['2026-12-29', '2027-01-06', with2027, 'confirmed 2027: New Year skipped'],
  ] as const)(
    'ACT-1 PLT-02 the notice period after %s ends on %s (%s)',
    (noticedOn, lastDay, calendar, _why) => {
      const dates: CaseDates = { filedOn: '2026-09-01', noticedOn };
      expect(derivedFacts(calendar, dates, lastDay, daytime, false).noticePeriodOver).toBe(false);
      expect(derivedFacts(calendar, dates, addDays(lastDay, 1), daytime, false).noticePeriodOver).toBe(true);
    },
  );

  it.each([
    ['2026-09-18', '2026-10-09', 'two holiday blocks skipped'],
    ['2026-12-24', '2027-01-07', 'across the year end, 2027 unconfirmed: Fri 01-01 counts'],
  ] as const)('ACT-1 PLT-02 the 催告 period after %s ends on %s (%s)', (servedOn, lastDay, _why) => {
    const dates: CaseDates = { admonitionServedOn: servedOn };
    expect(derivedFacts(cal, dates, lastDay, daytime, false).admonitionPeriodOver).toBe(false);
    expect(derivedFacts(cal, dates, addDays(lastDay, 1), daytime, false).admonitionPeriodOver).toBe(true);
  });

  it.each([
    ['2026-11-25', '2026-11-25T15:00:00Z', true, '23:00 today is night'],
    ['2026-11-25', '2026-11-24T22:30:00Z', false, '06:30 is no longer night'],
    ['2026-11-25', '2026-11-25T02:00:00Z', false, '10:00 on a working day'],
    ['2026-10-02', '2026-11-25T02:00:00Z', true, 'a statutory holiday, whatever the hour'],
    ['2026-11-24', '2026-11-25T15:00:00Z', false, 'an act dated yesterday is not at night now'],
  ] as const)('ACT-1 an act on %s at %s: night or holiday is %s (%s)', (on, now, expected, why) => {
    // 06:30 in Shanghai is 22:30Z the day before.
    expect(derivedFacts(cal, {}, on, new Date(now), false).atNightOrHoliday, why).toBe(expected);
  });

  it('ACT-1 the decision period may be extended up to a year for a penalty and 10 working days for a licence, until decided', () => {
    expect(decisionExtension('penaltyOrdinary', 'ordinary', { filedOn: '2026-11-02' }, false)).toEqual({
      usedDays: 0,
      maxDays: 275,
      unit: 'natural',
    });
    expect(
      decisionExtension(
        'penaltyOrdinary',
        'ordinary',
        { filedOn: '2026-11-02', decisionExtensionDays: 30 },
        false,
      ),
    ).toMatchObject({ usedDays: 30, maxDays: 275 });
    expect(decisionExtension('licensing', 'standard', { acceptedOn: '2026-11-02' }, false)).toEqual({
      usedDays: 0,
      maxDays: 10,
      unit: 'working',
    });
    // Nothing left to extend: all used, decided, closed, a 告知承诺 licence, other lifecycles.
    expect(decisionExtension('licensing', 'standard', { decisionExtensionDays: 10 }, false)).toBeNull();
    expect(decisionExtension('penaltyOrdinary', 'ordinary', { decidedOn: '2026-11-20' }, false)).toBeNull();
    expect(decisionExtension('penaltyOrdinary', 'ordinary', {}, true)).toBeNull();
    expect(decisionExtension('licensing', 'commitment', {}, false)).toBeNull();
    for (const l of ['penaltySimplified', 'inspection', 'compulsionMeasure', 'compulsionExecution'] as const)
      expect(decisionExtension(l, 'standard', {}, false)).toBeNull();
  });

  it('ACT-1 within the notice period a decision opens only on the party’s waiver, and not once a hearing is requested', () => {
    const noticed = { procedure: 'ordinary' as const, hearingOffered: true, noticePeriodOver: false };
    expect(actionsOnWaiver('penaltyOrdinary', 'noticed', noticed)).toEqual(['decide']);
    expect(actionsOnWaiver('penaltyOrdinary', 'noticed', { ...noticed, noticePeriodOver: true })).toEqual([]);
    expect(actionsOnWaiver('penaltyOrdinary', 'noticed', { ...noticed, partyWaived: true })).toEqual([]);
    expect(actionsOnWaiver('penaltyOrdinary', 'hearing', { ...noticed, hearingRequested: true })).toEqual([]);
    expect(actionsOnWaiver('penaltyOrdinary', 'investigationEnded', noticed)).toEqual([]);
  });

  it('ACT-1 each act sets its dates: a decision records whether it fines, payment closes a penalty', () => {
    const facts = {
      procedure: 'ordinary' as const,
      sanction: { kinds: ['fine' as const], fine: 500_000, confiscated: 0 },
    };
    expect(datesAfter('decide', 'penaltyOrdinary', '2026-11-20', { handedOverOnSpot: true }, facts)).toEqual({
      decidedOn: '2026-11-20',
      handedOverOnSpot: true,
      hasFine: true,
    });
    expect(datesAfter('execute', 'penaltyOrdinary', '2026-11-27', {}, facts)).toEqual({
      paidOn: '2026-11-27',
    });
    expect(datesAfter('execute', 'compulsionExecution', '2026-11-27', {}, facts)).toEqual({});
    expect(
      datesAfter('requestHearing', 'penaltyOrdinary', '2026-11-21', { hearingOn: '2026-12-03' }, facts),
    ).toEqual({ hearingRequestedOn: '2026-11-21', hearingOn: '2026-12-03' });
  });
});
