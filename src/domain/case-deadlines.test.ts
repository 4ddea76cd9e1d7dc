import { describe, expect, it } from 'vitest';
import {
  alertPoints,
  caseDeadlines,
  DEADLINE_LABELS,
  deadlineStatus,
  type CaseDates,
  type CaseDeadline,
  type DeadlineKind,
} from './case-deadlines';
import type { ActType, Procedure } from './case-types';
import { DomainError } from './errors';
import { cal, with2027 } from './calendar.fixture';

/*
 * Every expected date below is counted by hand on the 2026 calendar, written out in the comment of
 * its row. The schedule is typed in from the State Council notice (DOMAIN.md), not read from the
 * data package, so these tests stand on their own.
 *
 *   2026 holidays: 01-01–03, 02-15–23, 04-04–06, 05-01–05, 06-19–21, 09-25–27, 10-01–07
 *   adjusted working days: Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10
 *   weekdays: 2026-01-01 Thu, 07-05 Sun, 09-18 Fri, 09-24 Thu, 10-03 Sat, 10-08 Thu, 12-20 Sun,
 *   2027-01-01 Fri (2025 and 2027 have no schedule here: weekends alone, unconfirmed)
 */

function only(
  kind: DeadlineKind,
  actType: ActType,
  procedure: Procedure,
  d: CaseDates,
  calendar = cal,
): CaseDeadline {
  const found = caseDeadlines(calendar, actType, procedure, d).filter((x) => x.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('penalty decision within 90 days of filing (行政处罚法 art. 60)', () => {
  it.each([
    // [filedOn, extension, due, confirmed, hand count]
    [
      '2026-07-05',
      0,
      '2026-10-08',
      true,
      'Jul 6–31 = 26, +Aug 31 = 57, +Sep 30 = 87, Oct 3 = 90: Sat in National Day (10-01–07) → Thu 10-08',
    ],
    ['2026-03-02', 0, '2026-06-01', true, 'Mar 3–31 = 29, +Apr 30 = 59, May 31 = 90: a Sunday → Mon 06-01'],
    [
      '2026-01-05',
      0,
      '2026-04-07',
      true,
      'Jan 6–31 = 26, +Feb 28 = 54, +Mar 31 = 85, Apr 5 = 90: Qingming (04-04–06) → Tue 04-07',
    ],
    [
      '2026-07-05',
      30,
      '2026-11-02',
      true,
      '90 days = 10-03, +30: Oct 4–31 = 28, Nov 2 = 30 → Mon 11-02 (no shift of the 90th day)',
    ],
    [
      '2026-10-20',
      0,
      '2027-01-18',
      false,
      'Oct 21–31 = 11, +Nov 30 = 41, +Dec 31 = 72, Jan 18 = 90: Mon in unscheduled 2027',
    ],
  ])('PLT-02 filed %s, extension %i → decision due %s (confirmed %s): %s', (filedOn, ext, due, confirmed) => {
    const dl = only('decision', 'penalty', 'ordinary', { filedOn, decisionExtensionDays: ext });
    expect(dl).toMatchObject({ due, confirmed, basis: '《行政处罚法》第六十条', met: null, doneOn: null });
    expect(dl.period).toBe(ext > 0 ? `90日（经批准延长${ext}日）` : '90日');
    expect(dl.label).toBe('作出处罚决定');
  });

  it('PLT-01 decision due 90 days after filing, moved past National Day; met on the due day, late the day after', () => {
    // Due 2026-10-08 as counted above.
    expect(
      only('decision', 'penalty', 'ordinary', { filedOn: '2026-07-05', decidedOn: '2026-10-08' }),
    ).toMatchObject({ due: '2026-10-08', met: true, doneOn: '2026-10-08' });
    expect(
      only('decision', 'penalty', 'ordinary', { filedOn: '2026-07-05', decidedOn: '2026-10-09' }),
    ).toMatchObject({ met: false, doneOn: '2026-10-09' });
  });
});

describe('hearing request within 5 working days of the notice (行政处罚法 art. 64 (一), art. 85)', () => {
  it.each([
    // [noticedOn, due, hand count]
    ['2026-09-24', '2026-10-09', '9-25–27 holiday, 9-28(1) 29(2) 30(3), 10-01–07 holiday, 10-08(4) 10-09(5)'],
    ['2026-09-17', '2026-09-23', '9-18(1), Sat 9-19 rest, Sun 9-20 adjusted(2), 9-21(3) 22(4) 23(5)'],
    [
      '2026-02-12',
      '2026-02-26',
      '2-13(1), Sat 2-14 adjusted(2), 2-15–23 Spring Festival, 2-24(3) 25(4) 26(5)',
    ],
  ])('PLT-02 noticed %s → hearing request due %s: %s', (noticedOn, due) => {
    expect(only('hearingRequest', 'penalty', 'ordinary', { noticedOn })).toMatchObject({
      due,
      confirmed: true,
      period: '5个工作日',
      basis: '《行政处罚法》第六十四条第（一）项、第八十五条',
      label: '申请听证',
      met: null,
    });
  });

  it.each([
    // Noticed 2026-09-24 → due 2026-10-09 (counted above). [dates, met, doneOn, why]
    [{ hearingRequestedOn: '2026-10-09' }, true, '2026-10-09', 'asked on the last day'],
    [{ hearingRequestedOn: '2026-10-12' }, false, '2026-10-12', 'asked too late'],
    [
      { decidedOn: '2026-10-12' },
      true,
      '2026-10-12',
      'no request; the decision waited for the period to end',
    ],
    [
      { decidedOn: '2026-10-09' },
      false,
      '2026-10-09',
      "no request; decided on the party's last day: premature",
    ],
    [{}, null, null, 'still open'],
    [
      { decidedOn: '2026-09-25', partyWaived: true },
      true,
      '2026-09-25',
      'the party waived statement, defence and hearing: an early decision is lawful',
    ],
    [
      { decidedOn: '2026-09-25', hearingOffered: false },
      false,
      '2026-09-25',
      'no hearing on offer, but the statement period was cut short',
    ],
  ] as const)('SUP-02 hearing request closed by %o → met %s', (extra, met, doneOn, _why) => {
    const dl = only('hearingRequest', 'penalty', 'ordinary', { noticedOn: '2026-09-24', ...extra });
    expect(dl).toMatchObject({ due: '2026-10-09', met, doneOn });
  });
});

it("PLT-01 without a hearing on offer the 5 working days are the party's 陈述、申辩 period (art. 44, 45, 62), same due date", () => {
  expect(
    only('hearingRequest', 'penalty', 'ordinary', { noticedOn: '2026-09-24', hearingOffered: false }),
  ).toMatchObject({
    label: '陈述、申辩',
    due: '2026-10-09',
    period: '5个工作日',
    basis: '《行政处罚法》第四十四条、第四十五条、第六十二条',
  });
});

describe('hearing time and place notified 7 working days before the hearing (行政处罚法 art. 64 (二))', () => {
  it.each([
    // [hearingOn, latest day to notify, confirmed, hand count back from the hearing day (not counted)]
    [
      '2026-10-12',
      '2026-09-24',
      true,
      'Sun 10-11 rest, Sat 10-10 adjusted(1), 10-09(2) 10-08(3), 10-07–01 holiday, 9-30(4) 29(5) 28(6), 9-27–25 holiday, 9-24(7)',
    ],
    ['2026-11-20', '2026-11-11', true, '11-19(1) 18(2) 17(3) 16(4), weekend, 11-13(5) 12(6) 11(7)'],
    [
      '2027-01-08',
      '2026-12-30',
      false,
      '1-07(1) 06(2) 05(3) 04(4), weekend, Fri 2027-01-01 counts unscheduled(5), 12-31(6) 12-30(7)',
    ],
  ])('PLT-02 hearing on %s → notify by %s (confirmed %s): %s', (hearingOn, due, confirmed) => {
    expect(only('hearingNotice', 'penalty', 'ordinary', { hearingOn })).toMatchObject({
      due,
      confirmed,
      period: '听证7个工作日前',
      label: '告知听证时间地点',
    });
  });

  it('SUP-02 notifying on the latest day is in time, a day later is not', () => {
    // Hearing 2026-11-20 → notify by 2026-11-11 (counted above).
    const base = { hearingOn: '2026-11-20' };
    expect(
      only('hearingNotice', 'penalty', 'ordinary', { ...base, hearingNotifiedOn: '2026-11-11' }).met,
    ).toBe(true);
    expect(
      only('hearingNotice', 'penalty', 'ordinary', { ...base, hearingNotifiedOn: '2026-11-12' }).met,
    ).toBe(false);
  });
});

describe('service of the decision within 7 working days (行政处罚法 art. 61, art. 85)', () => {
  it.each([
    // [decidedOn, due, confirmed, hand count]
    [
      '2026-09-18',
      '2026-09-29',
      true,
      'DOMAIN.md worked example: Sun 9-20 adjusted(1), 9-21(2) 22(3) 23(4) 24(5), 9-25–27 holiday, 9-28(6) 29(7)',
    ],
    [
      '2026-12-25',
      '2027-01-05',
      false,
      '12-28(1) 29(2) 30(3) 31(4), Fri 2027-01-01 counts unscheduled(5), weekend, 1-04(6) 1-05(7)',
    ],
    [
      '2026-04-30',
      '2026-05-13',
      true,
      '5-01–05 holiday, 5-06(1) 07(2) 08(3), Sat 5-09 adjusted(4), 5-11(5) 12(6) 13(7)',
    ],
  ])('PLT-02 decided %s, not handed over → serve by %s (confirmed %s): %s', (decidedOn, due, confirmed) => {
    expect(only('service', 'penalty', 'ordinary', { decidedOn })).toMatchObject({
      due,
      confirmed,
      period: '7个工作日',
      basis: '《行政处罚法》第六十一条、第八十五条',
      met: null,
    });
  });

  it('PLT-01 a service period over the year end is confirmed once the 2027 schedule is imported', () => {
    // With 2027-01-01–03 as holidays: 12-28(1) 29(2) 30(3) 31(4), 1-01–03 holiday, 1-04(5) 05(6) 06(7).
    expect(only('service', 'penalty', 'ordinary', { decidedOn: '2026-12-25' }, with2027)).toMatchObject({
      due: '2027-01-06',
      confirmed: true,
    });
  });

  it('PLT-02 handed over on the spot: the service deadline is the decision date, met', () => {
    expect(
      only('service', 'penalty', 'ordinary', { decidedOn: '2026-11-02', handedOverOnSpot: true }),
    ).toEqual({
      kind: 'service',
      label: '送达决定书',
      due: '2026-11-02',
      confirmed: true,
      basis: '《行政处罚法》第六十一条',
      period: '当场交付',
      met: true,
      doneOn: '2026-11-02',
    });
  });

  it('SUP-02 served after the 7 working days is late', () => {
    // 2026-09-18 → due 2026-09-29 (worked example); served 9-30.
    expect(
      only('service', 'penalty', 'ordinary', { decidedOn: '2026-09-18', servedOn: '2026-09-30' }),
    ).toMatchObject({ due: '2026-09-29', met: false, doneOn: '2026-09-30' });
  });
});

describe('payment of a fine within 15 days of receipt (行政处罚法 art. 67)', () => {
  it.each([
    // [servedOn, due, confirmed, hand count]
    ['2026-11-07', '2026-11-23', true, 'Nov 8–22 = 15: Sunday 11-22 → Mon 11-23'],
    ['2026-02-05', '2026-02-24', true, 'Feb 6–20 = 15: 2-20 in Spring Festival (2-15–23) → Tue 2-24'],
    ['2026-02-13', '2026-02-28', true, 'Feb 14–28 = 15: Sat 2-28 is an adjusted working day, no shift'],
    ['2026-10-16', '2026-11-02', true, 'Oct 17–31 = 15: Sat 10-31, Sun 11-01 → Mon 11-02'],
  ])('PLT-02 served %s → pay by %s (confirmed %s): %s', (servedOn, due, confirmed) => {
    expect(
      only('payment', 'penalty', 'ordinary', { decidedOn: servedOn, servedOn, hasFine: true }),
    ).toMatchObject({ due, confirmed, period: '15日', basis: '《行政处罚法》第六十七条', label: '缴纳罚款' });
  });

  it('PLT-01 simplified procedure: receipt is the on-the-spot handover; a period ending in 2027 is unconfirmed', () => {
    // Handed over Sun 2026-12-20: Dec 21–31 = 11, Jan 1–4 = 15 → Mon 2027-01-04 (unscheduled year).
    const list = caseDeadlines(cal, 'penalty', 'simplified', {
      decidedOn: '2026-12-20',
      handedOverOnSpot: true,
      hasFine: true,
    });
    expect(list.map((x) => x.kind)).toEqual(['service', 'payment']);
    expect(list[0]).toMatchObject({
      due: '2026-12-20',
      met: true,
      period: '当场交付',
      basis: '《行政处罚法》第五十二条',
    });
    expect(list[1]).toMatchObject({ due: '2027-01-04', confirmed: false, met: null });
  });

  it('SUP-02 paid on the last day is met, the day after is late; no fine or no receipt, no payment deadline', () => {
    // Served 2026-11-07 → due 2026-11-23 (counted above).
    const base = { decidedOn: '2026-11-06', servedOn: '2026-11-07', hasFine: true };
    expect(only('payment', 'penalty', 'ordinary', { ...base, paidOn: '2026-11-23' }).met).toBe(true);
    expect(only('payment', 'penalty', 'ordinary', { ...base, paidOn: '2026-11-24' }).met).toBe(false);
    const kinds = (d: CaseDates) => caseDeadlines(cal, 'penalty', 'ordinary', d).map((x) => x.kind);
    expect(kinds({ ...base, hasFine: false })).toEqual(['service']);
    expect(kinds({ decidedOn: '2026-11-06', hasFine: true })).toEqual(['service']);
  });
});

describe('seizure / sealing: 30 days, 60 when extended (行政强制法 art. 25)', () => {
  it.each([
    // [measureDecidedOn, extended, due, confirmed, hand count]
    ['2026-12-20', false, '2027-01-19', false, 'Dec 21–31 = 11, Jan 1–19 = 30: Tue in unscheduled 2027'],
    ['2026-12-20', true, '2027-02-18', false, 'Dec 11, +Jan 31 = 42, Feb 1–18 = 60: Thu, unscheduled'],
    ['2026-09-01', false, '2026-10-08', true, 'Sep 2–30 = 29, Oct 1 = 30: National Day → Thu 10-08'],
    [
      '2026-05-20',
      false,
      '2026-06-22',
      true,
      'May 21–31 = 11, Jun 1–19 = 30: Dragon Boat (6-19–21) → Mon 6-22',
    ],
  ])(
    'PLT-02 seizure decided %s, extended %s → ends by %s (confirmed %s): %s',
    (measureDecidedOn, measureExtended, due, confirmed) => {
      expect(only('seizure', 'compulsion', 'measure', { measureDecidedOn, measureExtended })).toMatchObject({
        due,
        confirmed,
        period: measureExtended ? '30日（经批准延长30日）' : '30日',
        basis: '《行政强制法》第二十五条',
        label: '查封扣押期限',
      });
    },
  );

  it('SUP-02 released on the due day is met, after it is late', () => {
    const base = { measureDecidedOn: '2026-09-01' }; // due 2026-10-08
    expect(only('seizure', 'compulsion', 'measure', { ...base, measureReleasedOn: '2026-10-08' }).met).toBe(
      true,
    );
    expect(only('seizure', 'compulsion', 'measure', { ...base, measureReleasedOn: '2026-10-09' }).met).toBe(
      false,
    );
  });
});

describe('admonition (催告): execution only after 10 working days (行政强制法 art. 35, 37, 54, 69)', () => {
  it.each([
    // [admonitionServedOn, due, confirmed, hand count]
    [
      '2026-09-24',
      '2026-10-15',
      true,
      '9-28(1) 29(2) 30(3), National Day, 10-08(4) 09(5), Sat 10-10 adjusted(6), 10-12(7) 13(8) 14(9) 15(10)',
    ],
    [
      '2026-12-24',
      '2027-01-07',
      false,
      '12-25(1) 28(2) 29(3) 30(4) 31(5), Fri 2027-01-01 unscheduled(6), 1-04(7) 05(8) 06(9) 07(10)',
    ],
  ])('PLT-02 催告 served %s → period ends %s (confirmed %s): %s', (admonitionServedOn, due, confirmed) => {
    expect(only('admonition', 'compulsion', 'execution', { admonitionServedOn })).toMatchObject({
      due,
      confirmed,
      period: '10个工作日',
      label: '催告期满',
      met: null,
    });
  });

  it.each([
    // Served 2026-09-24 → period ends 2026-10-15 (counted above).
    ['2026-10-15', false, 'on the last day of the period: premature'],
    ['2026-10-16', true, 'the day after the period ends'],
    ['2026-10-05', false, 'well before'],
  ])('SUP-02 execution decided %s → met %s (%s)', (executionDecidedOn, met) => {
    const dl = only('admonition', 'compulsion', 'execution', {
      admonitionServedOn: '2026-09-24',
      executionDecidedOn,
    });
    expect(dl).toMatchObject({ met, doneOn: executionDecidedOn });
  });
});

describe('licensing and expropriation', () => {
  it.each([
    // [acceptedOn, extension, due, hand count]
    [
      '2026-09-14',
      0,
      '2026-10-16',
      '9-15(1) 16(2) 17(3) 18(4), Sun 9-20 adj(5), 21(6) 22(7) 23(8) 24(9), holiday, 28(10) 29(11) 30(12), 10-08(13) 09(14), Sat 10-10 adj(15), 12(16) 13(17) 14(18) 15(19) 16(20)',
    ],
    ['2026-09-14', 10, '2026-10-30', 'as above to 10-16(20), then 10-19(21) … 23(25), 26(26) … 30(30)'],
  ])('PLT-02 licence application accepted %s, extension %i → decide by %s: %s', (acceptedOn, ext, due) => {
    expect(
      only('decision', 'licensing', 'standard', { acceptedOn, decisionExtensionDays: ext }),
    ).toMatchObject({
      due,
      confirmed: true,
      label: '作出许可决定',
      basis: '《行政许可法》第四十二条、第八十二条',
      period: ext > 0 ? `20个工作日（经批准延长${ext}个工作日）` : '20个工作日',
    });
  });

  it('PLT-02 expropriation decision served within 7 working days; inspection and 告知承诺 licensing track none', () => {
    // 2026-04-30: 5-01–05 holiday, 5-06(1) 07(2) 08(3), Sat 5-09 adjusted(4), 5-11(5) 12(6) 13(7).
    expect(caseDeadlines(cal, 'expropriation', 'standard', { decidedOn: '2026-04-30' })).toEqual([
      expect.objectContaining({
        kind: 'service',
        due: '2026-05-13',
        basis: '参照《行政处罚法》第六十一条、第八十五条',
      }),
    ]);
    expect(
      caseDeadlines(cal, 'inspection', 'standard', { filedOn: '2026-04-30', decidedOn: '2026-04-30' }),
    ).toEqual([]);
    expect(caseDeadlines(cal, 'licensing', 'commitment', { acceptedOn: '2026-04-30' })).toEqual([]);
  });
});

describe('a whole ordinary penalty case', () => {
  it('PLT-02 every deadline of an ordinary penalty, in order, with the act that met it', () => {
    const d: CaseDates = {
      filedOn: '2026-07-05', // 90 + 30 days → 2026-11-02 (counted above)
      decisionExtensionDays: 30,
      noticedOn: '2026-09-24', // 5 working days → 2026-10-09 (counted above)
      hearingRequestedOn: '2026-09-28',
      hearingOn: '2026-10-12', // notify by 2026-09-24 (counted above)
      hearingNotifiedOn: '2026-09-24',
      decidedOn: '2026-10-14', // Wed; 10-15(1) 16(2) 19(3) 20(4) 21(5) 22(6) 23(7) → 2026-10-23
      servedOn: '2026-10-16', // Oct 17–31 = 15 → Sat 10-31, Sun → Mon 2026-11-02
      hasFine: true,
      paidOn: '2026-10-30',
    };
    const law = '《行政处罚法》';
    expect(caseDeadlines(cal, 'penalty', 'ordinary', d)).toEqual([
      {
        kind: 'decision',
        label: '作出处罚决定',
        due: '2026-11-02',
        confirmed: true,
        basis: `${law}第六十条`,
        period: '90日（经批准延长30日）',
        met: true,
        doneOn: '2026-10-14',
      },
      {
        kind: 'hearingRequest',
        label: '申请听证',
        due: '2026-10-09',
        confirmed: true,
        basis: `${law}第六十四条第（一）项、第八十五条`,
        period: '5个工作日',
        met: true,
        doneOn: '2026-09-28',
      },
      {
        kind: 'hearingNotice',
        label: '告知听证时间地点',
        due: '2026-09-24',
        confirmed: true,
        basis: `${law}第六十四条第（二）项、第八十五条`,
        period: '听证7个工作日前',
        met: true,
        doneOn: '2026-09-24',
      },
      {
        kind: 'service',
        label: '送达决定书',
        due: '2026-10-23',
        confirmed: true,
        basis: `${law}第六十一条、第八十五条`,
        period: '7个工作日',
        met: true,
        doneOn: '2026-10-16',
      },
      {
        kind: 'payment',
        label: '缴纳罚款',
        due: '2026-11-02',
        confirmed: true,
        basis: `${law}第六十七条`,
        period: '15日',
        met: true,
        doneOn: '2026-10-30',
      },
    ]);
  });

  it('PLT-02 a deadline appears only once the event it counts from has happened', () => {
    expect(caseDeadlines(cal, 'penalty', 'ordinary', {})).toEqual([]);
    expect(caseDeadlines(cal, 'compulsion', 'measure', {})).toEqual([]);
    expect(caseDeadlines(cal, 'compulsion', 'execution', {})).toEqual([]);
  });

  it('PLT-02 closing the case ends open deadlines: moot when not yet due, missed when past due', () => {
    // Filed 2026-07-05 → decision due 2026-10-08.
    expect(
      caseDeadlines(cal, 'penalty', 'ordinary', { filedOn: '2026-07-05', closedOn: '2026-08-01' }),
    ).toEqual([]);
    expect(
      caseDeadlines(cal, 'penalty', 'ordinary', { filedOn: '2026-07-05', closedOn: '2026-10-08' }),
    ).toEqual([]);
    expect(
      caseDeadlines(cal, 'penalty', 'ordinary', { filedOn: '2026-07-05', closedOn: '2026-10-20' }),
    ).toMatchObject([{ kind: 'decision', met: false, doneOn: null }]);
    // Waiting periods never count as missed: 催告 served 9-24 (ends 10-15), case closed 10-20 without execution.
    expect(
      caseDeadlines(cal, 'compulsion', 'execution', {
        admonitionServedOn: '2026-09-24',
        closedOn: '2026-10-20',
      }),
    ).toEqual([]);
    // A met deadline stays as it was.
    expect(
      caseDeadlines(cal, 'compulsion', 'measure', {
        measureDecidedOn: '2026-09-01',
        measureReleasedOn: '2026-09-30',
        closedOn: '2026-10-20',
      }),
    ).toMatchObject([{ kind: 'seizure', met: true }]);
  });

  it('PLT-05 bad input names the field and the rule', () => {
    const fails = (f: () => unknown, code: string, field: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect(e).toMatchObject({ kind: 'invalid', code, field });
        return;
      }
      expect.unreachable(`${code} was not raised`);
    };
    fails(() => caseDeadlines(cal, 'penalty', 'measure', {}), 'PROCEDURE_NOT_ALLOWED', 'procedure');
    fails(
      () => caseDeadlines(cal, 'penalty', 'ordinary', { filedOn: '2026-02-30' }),
      'DATE_INVALID',
      'filedOn',
    );
    fails(
      () => caseDeadlines(cal, 'penalty', 'ordinary', { filedOn: '2026-07-05', decisionExtensionDays: -1 }),
      'EXTENSION_INVALID',
      'decisionExtensionDays',
    );
    fails(
      () =>
        caseDeadlines(cal, 'licensing', 'standard', { acceptedOn: '2026-09-14', decisionExtensionDays: 11 }),
      'EXTENSION_INVALID',
      'decisionExtensionDays',
    );
    fails(() => deadlineStatus(dl('decision', '2026-10-08'), '2026/10/08'), 'DATE_INVALID', 'today');
  });

  it('PLT-06 every kind has a Chinese label', () => {
    expect(DEADLINE_LABELS).toEqual({
      decision: '作出处罚决定',
      hearingRequest: '申请听证',
      hearingNotice: '告知听证时间地点',
      service: '送达决定书',
      payment: '缴纳罚款',
      seizure: '查封扣押期限',
      admonition: '催告期满',
      courtApplication: '申请法院强制执行',
    });
  });
});

/** A hand-written deadline, so status and alert tests do not depend on caseDeadlines. */
function dl(kind: DeadlineKind, due: string, met: boolean | null = null): CaseDeadline {
  return {
    kind,
    label: DEADLINE_LABELS[kind],
    due,
    confirmed: true,
    basis: '',
    period: '',
    met,
    doneOn: met === null ? null : due,
  };
}

describe('deadline status', () => {
  it.each([
    // [kind, due, met, today, warnDays, status, why] — warnDays counts natural days
    ['decision', '2026-10-08', null, '2026-10-09', 3, 'overdue', 'the day after the due date'],
    ['decision', '2026-10-08', null, '2026-10-08', 3, 'dueSoon', 'the due day itself (0 days left)'],
    ['decision', '2026-10-08', null, '2026-10-05', 3, 'dueSoon', '3 days left, natural days (holiday)'],
    ['decision', '2026-10-08', null, '2026-10-04', 3, 'pending', '4 days left'],
    ['decision', '2026-10-08', null, '2026-10-07', 0, 'pending', 'no warning window: 1 day left'],
    ['decision', '2026-10-08', null, '2026-10-08', 0, 'dueSoon', 'no warning window: the due day'],
    ['payment', '2027-01-04', null, '2026-12-28', 7, 'dueSoon', 'across the year end: 7 days left'],
    ['decision', '2026-10-08', true, '2026-12-01', 3, 'met', 'done in time, long ago'],
    ['service', '2026-09-29', false, '2026-09-01', 3, 'late', 'done late'],
    [
      'admonition',
      '2026-10-15',
      null,
      '2026-10-20',
      3,
      'pending',
      'a waiting period that has run out is not overdue',
    ],
    ['admonition', '2026-10-15', null, '2026-10-14', 3, 'pending', 'nor due soon'],
    [
      'hearingRequest',
      '2026-10-09',
      null,
      '2026-10-12',
      3,
      'pending',
      "the party's period ran out, no decision yet",
    ],
    ['admonition', '2026-10-15', false, '2026-10-15', 3, 'late', 'executed prematurely'],
  ] as const)(
    'SUP-01 %s due %s (met %s) on %s, warn %i days → %s: %s',
    (kind, due, met, today, warn, status, _why) => {
      expect(deadlineStatus(dl(kind, due, met), today, warn)).toBe(status);
    },
  );

  it('SUP-01 the warning window defaults to 3 days', () => {
    expect(deadlineStatus(dl('decision', '2026-10-08'), '2026-10-05')).toBe('dueSoon');
    expect(deadlineStatus(dl('decision', '2026-10-08'), '2026-10-04')).toBe('pending');
  });
});

describe('alert points', () => {
  const deadlines = [
    dl('decision', '2026-10-08'),
    dl('hearingNotice', '2026-09-24'),
    dl('service', '2026-09-28'),
    dl('payment', '2026-09-30', true), // met: no alerts
  ];

  it('SUP-01 alerts 3 working days before and on the due day, in date order, only for pending deadlines', () => {
    expect(alertPoints(cal, deadlines)).toEqual([
      // hearingNotice 9-24, back 3: 9-23(1) 22(2) 21(3)
      { kind: 'hearingNotice', due: '2026-09-24', at: '2026-09-21', stage: 'before' },
      // service 9-28, back 3: 9-27–25 holiday, 9-24(1) 23(2) 22(3)
      { kind: 'service', due: '2026-09-28', at: '2026-09-22', stage: 'before' },
      { kind: 'hearingNotice', due: '2026-09-24', at: '2026-09-24', stage: 'due' },
      // decision 10-08, back 3: 10-07–01 holiday, 9-30(1) 29(2) 28(3); before-alerts precede due ones
      { kind: 'decision', due: '2026-10-08', at: '2026-09-28', stage: 'before' },
      { kind: 'service', due: '2026-09-28', at: '2026-09-28', stage: 'due' },
      { kind: 'decision', due: '2026-10-08', at: '2026-10-08', stage: 'due' },
    ]);
  });

  it('SUP-01 the lead time is configurable, 0 gives due-day alerts only, and it crosses the year end', () => {
    // 1 working day before: decision 10-08 → 9-30; hearingNotice 9-24 → 9-23; service 9-28 → 9-24.
    expect(alertPoints(cal, deadlines, 1).filter((p) => p.stage === 'before')).toEqual([
      { kind: 'hearingNotice', due: '2026-09-24', at: '2026-09-23', stage: 'before' },
      { kind: 'service', due: '2026-09-28', at: '2026-09-24', stage: 'before' },
      { kind: 'decision', due: '2026-10-08', at: '2026-09-30', stage: 'before' },
    ]);
    expect(alertPoints(cal, deadlines, 0).map((p) => [p.kind, p.at, p.stage])).toEqual([
      ['hearingNotice', '2026-09-24', 'due'],
      ['service', '2026-09-28', 'due'],
      ['decision', '2026-10-08', 'due'],
    ]);
    // Payment due Mon 2027-01-04, back 3: weekend, Fri 2027-01-01 unscheduled(1), 12-31(2), 12-30(3).
    expect(alertPoints(cal, [dl('payment', '2027-01-04')])[0]).toEqual({
      kind: 'payment',
      due: '2027-01-04',
      at: '2026-12-30',
      stage: 'before',
    });
  });
});
