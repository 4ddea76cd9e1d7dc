import { describe, expect, it } from 'vitest';
import type { ActType, Procedure } from './case-types';
import {
  addPeriod,
  caseFileRetention,
  checkRetentionSettings,
  DEFAULT_RETENTION,
  disposalStatus,
  inCaseFile,
  isRetentionPeriod,
  MIN_INSPECTION_AV_MONTHS,
  retentionLabel,
  retentionOf,
  undoUntil,
  type DisposalFacts,
  type RetentionInput,
  type RetentionPeriod,
  type RetentionSettings,
} from './retention';

/*
 * Expected dates are counted by hand: a period of n months ends on the same day of the month n
 * months on, or on that month's last day when it has no such day (2025 is not a leap year, 2024
 * and 2028 are).
 */

describe('addPeriod', () => {
  it.each([
    // [from, period, expected, why]
    ['2025-01-31', '1m', '2025-02-28', 'January 31 → February has no 31st: its last day'],
    ['2024-01-31', '1m', '2024-02-29', 'leap February keeps the 29th'],
    ['2025-03-31', '1m', '2025-04-30', 'April has 30 days'],
    ['2025-02-28', '1m', '2025-03-28', 'a month end that exists in the next month is not moved to its end'],
    ['2024-02-29', '12m', '2025-02-28', 'leap day + 12 months: 2025 has no February 29th'],
    ['2024-02-29', '1y', '2025-02-28', 'a year is 12 months'],
    ['2024-02-29', '4y', '2028-02-29', 'leap day to leap day'],
    ['2025-10-20', '12m', '2026-10-20', 'same day a year on'],
    ['2026-12-31', '12m', '2027-12-31', 'year end stays in December'],
    ['2026-12-31', '1m', '2027-01-31', 'December + 1 month crosses into January'],
    ['2026-12-15', '13m', '2028-01-15', 'more than a year of months'],
    ['2026-11-25', '30y', '2056-11-25', '30 years'],
    ['2026-11-25', '999y', '3025-11-25', 'the largest period'],
    ['2026-08-31', '6m', '2027-02-28', 'half a year from August 31'],
  ] as const)('%s + %s → %s (%s)', (from, p, expected, _why) => {
    expect(addPeriod(from, p)).toBe(expected);
  });

  it('permanent has no end', () => {
    expect(addPeriod('2026-01-01', 'permanent')).toBeNull();
  });
});

describe('retentionLabel', () => {
  it.each([
    ['permanent', '永久'],
    ['30y', '30年'],
    ['1y', '1年'],
    ['12m', '12个月'],
    ['6m', '6个月'],
    ['120m', '120个月'],
  ] as const)('%s → %s', (p, label) => {
    expect(retentionLabel(p)).toBe(label);
  });
});

describe('isRetentionPeriod', () => {
  it.each(['permanent', '1y', '30y', '999y', '1m', '12m', '999m'])('accepts %s', (s) => {
    expect(isRetentionPeriod(s)).toBe(true);
  });

  it.each([
    '',
    'Permanent',
    'permanently',
    '0y',
    '0m',
    '030y',
    '1000y',
    '1000m',
    '30',
    'y',
    '30d',
    '30Y',
    '12M',
    '-1y',
    '1.5y',
    ' 30y',
    '30y ',
    '30y30m',
  ])('rejects %j', (s) => {
    expect(isRetentionPeriod(s)).toBe(false);
  });
});

describe('caseFileRetention', () => {
  it.each([
    ['ordinary', 'permanent'],
    ['simplified', '30y'],
    ['measure', '30y'],
    ['execution', '30y'],
    ['standard', '30y'],
    ['commitment', '30y'],
  ] as const)('REC-10 by default, %s procedure files are kept %s', (procedure, period) => {
    expect(caseFileRetention(procedure, DEFAULT_RETENTION)).toBe(period);
  });

  it('a procedure named in byProcedure takes its period; the others take the default', () => {
    const s: RetentionSettings = { ...DEFAULT_RETENTION, byProcedure: { simplified: '10y' }, default: '50y' };
    expect(caseFileRetention('simplified', s)).toBe('10y');
    expect(caseFileRetention('ordinary', s)).toBe('50y');
  });
});

// ---- retentionOf ----------------------------------------------------------------------------------

type CaseFacts = NonNullable<RetentionInput['case']>;

function input(o: {
  kind?: string | null;
  createdOn?: string;
  actType?: ActType;
  procedure?: Procedure;
  closedOn?: string | null;
  archivedOn?: string | null;
  evidence?: boolean;
  disputed?: boolean;
  noCase?: boolean;
}): RetentionInput {
  const c: CaseFacts = {
    actType: o.actType ?? 'inspection',
    procedure: o.procedure ?? 'standard',
    closedOn: o.closedOn ?? null,
    archivedOn: o.archivedOn ?? null,
  };
  return {
    record: { kind: o.kind === undefined ? 'video' : o.kind, createdOn: o.createdOn ?? '2025-10-20' },
    case: o.noCase ? null : c,
    marks: { evidence: o.evidence ?? false, disputed: o.disputed ?? false },
  };
}

describe('retentionOf', () => {
  it('REC-10 a record outside any case is unfiled, kept permanently and never due', () => {
    const r = retentionOf(input({ noCase: true }), DEFAULT_RETENTION);
    expect(r).toEqual({
      class: 'unfiled',
      period: 'permanent',
      dueOn: null,
      reason: '未归入案件的记录长期保存',
    });
    expect(inCaseFile(input({ noCase: true }))).toBe(false);
  });

  it('REC-10 non-evidence inspection video of an open case is kept ≥ 12 months, not yet counted', () => {
    const r = retentionOf(input({ kind: 'video', createdOn: '2025-01-10' }), DEFAULT_RETENTION);
    expect(r).toMatchObject({ class: 'inspectionAv', period: '12m', dueOn: null });
    expect(r.reason).toContain('尚未结案');
    expect(r.reason).toContain('12 个月');
  });

  it('REC-10 non-evidence inspection video of a closed case is due 12 months after recording', () => {
    const r = retentionOf(
      input({ kind: 'video', createdOn: '2025-10-20', closedOn: '2025-11-01' }),
      DEFAULT_RETENTION,
    );
    expect(r).toMatchObject({ class: 'inspectionAv', period: '12m', dueOn: '2026-10-20' });
    expect(r.reason).toBe('未作为证据、未引起争议的检查音像记录，自录制起保存 12 个月');
  });

  it.each([
    // [createdOn, closedOn, dueOn, why]
    [
      '2025-10-20',
      '2026-10-19',
      '2026-10-20',
      'closed the day before the 12 months end: recording + 12 months',
    ],
    ['2025-10-20', '2026-10-20', '2026-10-20', 'closed on the day the 12 months end'],
    ['2025-10-20', '2026-10-21', '2026-10-21', 'closed after the 12 months: due on the closing date'],
    ['2025-10-20', '2027-03-15', '2027-03-15', 'long after: due on the closing date'],
    ['2024-02-29', '2024-03-01', '2025-02-28', 'leap-day recording: the last day of February a year on'],
  ])('REC-10 inspection AV recorded %s, case closed %s → due %s (%s)', (createdOn, closedOn, dueOn) => {
    expect(retentionOf(input({ kind: 'video', createdOn, closedOn }), DEFAULT_RETENTION).dueOn).toBe(dueOn);
  });

  it('REC-10 archiving does not bring inspection AV into the case file: still due 12 months after recording', () => {
    const i = input({
      kind: 'audio',
      createdOn: '2025-10-20',
      closedOn: '2025-11-01',
      archivedOn: '2025-11-10',
    });
    expect(retentionOf(i, DEFAULT_RETENTION)).toMatchObject({ class: 'inspectionAv', dueOn: '2026-10-20' });
    expect(inCaseFile(i)).toBe(false);
  });

  it.each([
    // [kind, class]
    ['video', 'inspectionAv'],
    ['audio', 'inspectionAv'],
    ['photo', 'caseFile'],
    ['scan', 'caseFile'],
    ['document', 'caseFile'],
    ['text', 'caseFile'],
    [null, 'caseFile'],
  ] as const)(
    'REC-10 a non-evidence %s of an inspection case is %s (only audio and video are AV)',
    (kind, cls) => {
      const i = input({ kind, closedOn: '2025-11-01', archivedOn: '2025-11-10' });
      expect(retentionOf(i, DEFAULT_RETENTION).class).toBe(cls);
      expect(inCaseFile(i)).toBe(cls === 'caseFile');
    },
  );

  it('REC-10 a photo of a closed, archived inspection case goes with the file: 30 years from archiving', () => {
    const r = retentionOf(
      input({ kind: 'photo', closedOn: '2025-11-01', archivedOn: '2025-11-10' }),
      DEFAULT_RETENTION,
    );
    expect(r).toEqual({
      class: 'caseFile',
      period: '30y',
      dueOn: '2055-11-10',
      reason: '随案卷保管 30年，自归档之日起计算',
    });
  });

  it.each([
    // [marks, reason prefix]
    [{ evidence: true }, '作为证据，'],
    [{ disputed: true }, '引起争议，'],
    [{ evidence: true, disputed: true }, '作为证据，'],
  ])('REC-10 inspection video marked %o is kept with the case file', (marks, prefix) => {
    const open = input({ kind: 'video', ...marks });
    expect(retentionOf(open, DEFAULT_RETENTION)).toEqual({
      class: 'caseFile',
      period: '30y',
      dueOn: null,
      reason: `${prefix}随案卷保管 30年，自归档起计算（尚未归档）`,
    });
    expect(inCaseFile(open)).toBe(true);
    const archived = input({ kind: 'video', ...marks, closedOn: '2025-11-01', archivedOn: '2025-11-10' });
    expect(retentionOf(archived, DEFAULT_RETENTION)).toMatchObject({
      class: 'caseFile',
      dueOn: '2055-11-10',
      reason: `${prefix}随案卷保管 30年，自归档之日起计算`,
    });
  });

  it.each([
    ['penalty', 'ordinary', 'permanent'],
    ['penalty', 'simplified', '30y'],
    ['compulsion', 'measure', '30y'],
    ['compulsion', 'execution', '30y'],
    ['licensing', 'standard', '30y'],
    ['expropriation', 'standard', '30y'],
  ] as const)(
    'REC-10 non-evidence video of a %s case (%s) is not inspection AV: kept with the file, %s',
    (actType, procedure, period) => {
      const i = input({ kind: 'video', actType, procedure, closedOn: '2025-11-01' });
      expect(retentionOf(i, DEFAULT_RETENTION)).toMatchObject({ class: 'caseFile', period });
      expect(inCaseFile(i)).toBe(true);
    },
  );

  it('REC-10 an ordinary-procedure file is permanent: never due, even once archived', () => {
    for (const archivedOn of [null, '2025-11-10']) {
      const r = retentionOf(
        input({
          kind: 'document',
          actType: 'penalty',
          procedure: 'ordinary',
          closedOn: '2025-11-01',
          archivedOn,
        }),
        DEFAULT_RETENTION,
      );
      expect(r).toEqual({ class: 'caseFile', period: 'permanent', dueOn: null, reason: '随案卷永久保存' });
    }
    const marked = retentionOf(
      input({ kind: 'video', actType: 'penalty', procedure: 'ordinary', evidence: true }),
      DEFAULT_RETENTION,
    );
    expect(marked.reason).toBe('作为证据，随案卷永久保存');
  });

  it('REC-10 a simplified-procedure file is due 30 years after archiving, not after closing', () => {
    const base = {
      kind: 'document',
      actType: 'penalty',
      procedure: 'simplified',
      closedOn: '2025-11-01',
    } as const;
    expect(retentionOf(input(base), DEFAULT_RETENTION)).toMatchObject({
      class: 'caseFile',
      period: '30y',
      dueOn: null,
      reason: '随案卷保管 30年，自归档起计算（尚未归档）',
    });
    expect(retentionOf(input({ ...base, archivedOn: '2026-01-31' }), DEFAULT_RETENTION)).toMatchObject({
      period: '30y',
      dueOn: '2056-01-31',
    });
    expect(retentionOf(input({ ...base, archivedOn: '2028-02-29' }), DEFAULT_RETENTION).dueOn).toBe(
      '2058-02-28',
    );
  });

  it.each([
    // [configured months, effective months, dueOn for a recording on 2025-10-20, case closed 2025-11-01]
    [0, 12, '2026-10-20'],
    [6, 12, '2026-10-20'],
    [11, 12, '2026-10-20'],
    [12, 12, '2026-10-20'],
    [18, 18, '2027-04-20'],
    [24, 24, '2027-10-20'],
  ])('REC-10 inspectionAvMonths configured %i → kept %i months, due %s', (configured, months, dueOn) => {
    const s: RetentionSettings = { ...DEFAULT_RETENTION, inspectionAvMonths: configured };
    const r = retentionOf(input({ kind: 'video', createdOn: '2025-10-20', closedOn: '2025-11-01' }), s);
    expect(r).toMatchObject({ class: 'inspectionAv', period: `${months}m`, dueOn });
    expect(r.reason).toContain(`${months} 个月`);
  });

  it('REC-10 the 12-month floor is the constant the settings check enforces', () => {
    expect(MIN_INSPECTION_AV_MONTHS).toBe(12);
    expect(DEFAULT_RETENTION.inspectionAvMonths).toBe(12);
  });

  it('REC-10 byProcedure overrides the default period of a procedure', () => {
    const s: RetentionSettings = {
      ...DEFAULT_RETENTION,
      byProcedure: { ordinary: '50y', simplified: '10y', standard: 'permanent' },
      default: '20y',
    };
    const at = { closedOn: '2025-11-01', archivedOn: '2025-11-10' };
    expect(
      retentionOf(input({ kind: 'document', actType: 'penalty', procedure: 'ordinary', ...at }), s),
    ).toMatchObject({
      period: '50y',
      dueOn: '2075-11-10',
      reason: '随案卷保管 50年，自归档之日起计算',
    });
    expect(
      retentionOf(input({ kind: 'document', actType: 'penalty', procedure: 'simplified', ...at }), s),
    ).toMatchObject({
      period: '10y',
      dueOn: '2035-11-10',
    });
    expect(retentionOf(input({ kind: 'photo', actType: 'inspection', ...at }), s)).toMatchObject({
      period: 'permanent',
      dueOn: null,
    });
    expect(
      retentionOf(input({ kind: 'document', actType: 'compulsion', procedure: 'measure', ...at }), s),
    ).toMatchObject({
      period: '20y',
      dueOn: '2045-11-10',
    });
    // Inspection AV is not a case file: byProcedure does not touch it.
    expect(retentionOf(input({ kind: 'video', ...at }), s)).toMatchObject({
      class: 'inspectionAv',
      period: '12m',
    });
  });

  it('a months period for case files counts in months', () => {
    const s: RetentionSettings = { ...DEFAULT_RETENTION, byProcedure: {}, default: '18m' };
    expect(
      retentionOf(
        input({ kind: 'document', actType: 'penalty', procedure: 'ordinary', archivedOn: '2025-08-31' }),
        s,
      ),
    ).toMatchObject({ period: '18m', dueOn: '2027-02-28', reason: '随案卷保管 18个月，自归档之日起计算' });
  });

  it('inCaseFile ignores the configured settings: the class depends on the case and marks only', () => {
    expect(inCaseFile(input({ kind: 'video' }))).toBe(false);
    expect(inCaseFile(input({ kind: 'video', disputed: true }))).toBe(true);
    expect(inCaseFile(input({ kind: 'video', actType: 'penalty', procedure: 'ordinary' }))).toBe(true);
  });
});

// ---- disposal -------------------------------------------------------------------------------------

describe('disposalStatus', () => {
  const now = '2026-11-25T04:00:00.000Z';
  const today = '2026-11-25';
  const approved = { keeperAt: '2026-11-20T01:00:00.000Z', leaderAt: '2026-11-21T01:00:00.000Z' };
  const f = (o: Partial<DisposalFacts>): DisposalFacts => ({
    dueOn: '2026-10-20',
    disposal: null,
    holds: 0,
    ...o,
  });
  const disposal = (o: Partial<NonNullable<DisposalFacts['disposal']>>): DisposalFacts['disposal'] => ({
    keeperAt: null,
    leaderAt: null,
    undoUntil: null,
    disposedAt: null,
    ...o,
  });

  it.each([
    // [why, facts, status]
    ['never due (permanent, or the period does not run yet)', f({ dueOn: null }), 'retained'],
    ['due tomorrow', f({ dueOn: '2026-11-26' }), 'retained'],
    ['due next year', f({ dueOn: '2027-10-20' }), 'retained'],
    ['due today', f({ dueOn: '2026-11-25' }), 'due'],
    ['due a month ago', f({ dueOn: '2026-10-20' }), 'due'],
    ['proposed with no approval yet', f({ disposal: disposal({}) }), 'awaitingApproval'],
    [
      'only the keeper approved',
      f({ disposal: disposal({ keeperAt: approved.keeperAt }) }),
      'awaitingApproval',
    ],
    [
      'only the leader approved',
      f({ disposal: disposal({ leaderAt: approved.leaderAt }) }),
      'awaitingApproval',
    ],
    [
      'both approved and the undo window still open',
      f({ disposal: disposal({ ...approved, undoUntil: '2026-11-28T01:00:00.000Z' }) }),
      'undoWindow',
    ],
    [
      'window closes a millisecond from now',
      f({ disposal: disposal({ ...approved, undoUntil: '2026-11-25T04:00:00.001Z' }) }),
      'undoWindow',
    ],
    ['window closes exactly now', f({ disposal: disposal({ ...approved, undoUntil: now }) }), 'ready'],
    [
      'window closed yesterday',
      f({ disposal: disposal({ ...approved, undoUntil: '2026-11-24T01:00:00.000Z' }) }),
      'ready',
    ],
    ['both approved with no undo window', f({ disposal: disposal({ ...approved }) }), 'ready'],
    [
      'content deleted',
      f({
        disposal: disposal({
          ...approved,
          undoUntil: '2026-11-24T01:00:00.000Z',
          disposedAt: '2026-11-24T02:00:00.000Z',
        }),
      }),
      'disposed',
    ],
    ['hold on a due record', f({ holds: 1 }), 'onHold'],
    ['hold on a record not due', f({ dueOn: null, holds: 1 }), 'onHold'],
    ['hold beats awaiting approval', f({ holds: 2, disposal: disposal({}) }), 'onHold'],
    [
      'hold beats a half-approved disposal',
      f({ holds: 1, disposal: disposal({ keeperAt: approved.keeperAt }) }),
      'onHold',
    ],
    [
      'hold beats the undo window',
      f({ holds: 1, disposal: disposal({ ...approved, undoUntil: '2026-11-28T01:00:00.000Z' }) }),
      'onHold',
    ],
    [
      'hold beats ready: execution is blocked',
      f({ holds: 1, disposal: disposal({ ...approved, undoUntil: '2026-11-24T01:00:00.000Z' }) }),
      'onHold',
    ],
    [
      'a hold placed after disposal does not undo it',
      f({ holds: 1, disposal: disposal({ ...approved, disposedAt: '2026-11-24T02:00:00.000Z' }) }),
      'disposed',
    ],
    [
      'disposedAt alone decides',
      f({ holds: 0, disposal: disposal({ disposedAt: '2026-11-24T02:00:00.000Z' }) }),
      'disposed',
    ],
  ] as const)('REC-10 %s → %s', (_why, facts, status) => {
    expect(disposalStatus(facts, now, today)).toBe(status);
  });
});

describe('undoUntil', () => {
  it.each([
    ['2026-11-25T04:00:00.000Z', 7, '2026-12-02T04:00:00.000Z'],
    ['2026-11-25T04:00:00.123Z', 7, '2026-12-02T04:00:00.123Z'],
    ['2026-12-28T23:59:59.999Z', 7, '2027-01-04T23:59:59.999Z'],
    ['2028-02-25T00:00:00.000Z', 7, '2028-03-03T00:00:00.000Z'],
    ['2026-11-25T04:00:00.000Z', 1, '2026-11-26T04:00:00.000Z'],
    ['2026-11-25T12:00:00+08:00', 7, '2026-12-02T04:00:00.000Z'],
  ])('REC-10 approved %s with %i undo days → %s', (approvedAt, days, expected) => {
    const u = undoUntil(approvedAt, days);
    expect(u).toBe(expected);
    expect(Date.parse(u) - Date.parse(approvedAt)).toBe(days * 86_400_000);
  });

  it('REC-10 the default window is 7 days, and status moves from undoWindow to ready at its end', () => {
    const approvedAt = '2026-11-25T04:00:00.000Z';
    const until = undoUntil(approvedAt, DEFAULT_RETENTION.undoDays);
    const facts: DisposalFacts = {
      dueOn: '2026-10-20',
      disposal: { keeperAt: approvedAt, leaderAt: approvedAt, undoUntil: until, disposedAt: null },
      holds: 0,
    };
    expect(disposalStatus(facts, '2026-12-02T03:59:59.999Z', '2026-12-02')).toBe('undoWindow');
    expect(disposalStatus(facts, '2026-12-02T04:00:00.000Z', '2026-12-02')).toBe('ready');
  });
});

describe('checkRetentionSettings', () => {
  const ok: RetentionSettings = DEFAULT_RETENTION;
  const fields = (s: RetentionSettings) => checkRetentionSettings(s).map((p) => p.field);

  it('the defaults are valid', () => {
    expect(checkRetentionSettings(ok)).toEqual([]);
  });

  it.each([
    [{ byProcedure: { ordinary: '50y', simplified: '30y', measure: '6m' } }],
    [{ byProcedure: {} }],
    [{ default: 'permanent' }],
    [{ inspectionAvMonths: 12 }],
    [{ inspectionAvMonths: 999 }],
    [{ undoDays: 1 }],
    [{ undoDays: 90 }],
  ] as Array<[Partial<RetentionSettings>]>)('accepts %o', (over) => {
    expect(checkRetentionSettings({ ...ok, ...over })).toEqual([]);
  });

  it.each([
    // [override, fields with problems]
    [{ byProcedure: { ordinary: 'forever' } }, ['byProcedure.ordinary']],
    [
      { byProcedure: { ordinary: 'permanent', simplified: '0y', measure: '30d' } },
      ['byProcedure.simplified', 'byProcedure.measure'],
    ],
    [{ default: '30' }, ['default']],
    [{ default: '' }, ['default']],
    [{ inspectionAvMonths: 11 }, ['inspectionAvMonths']],
    [{ inspectionAvMonths: 6 }, ['inspectionAvMonths']],
    [{ inspectionAvMonths: 0 }, ['inspectionAvMonths']],
    [{ inspectionAvMonths: 12.5 }, ['inspectionAvMonths']],
    [{ inspectionAvMonths: 1000 }, ['inspectionAvMonths']],
    [{ inspectionAvMonths: Number.NaN }, ['inspectionAvMonths']],
    [{ undoDays: 0 }, ['undoDays']],
    [{ undoDays: 91 }, ['undoDays']],
    [{ undoDays: 1.5 }, ['undoDays']],
    [{ undoDays: -7 }, ['undoDays']],
    [
      { byProcedure: { ordinary: 'x' }, default: 'y', inspectionAvMonths: 3, undoDays: 0 },
      ['byProcedure.ordinary', 'default', 'inspectionAvMonths', 'undoDays'],
    ],
  ])('rejects %o in %j', (over, expected) => {
    expect(fields({ ...ok, ...(over as Partial<RetentionSettings>) })).toEqual(expected);
  });

  it('messages name the bad value and the rule', () => {
    const problems = checkRetentionSettings({
      ...ok,
      byProcedure: { simplified: '30天' as RetentionPeriod },
      inspectionAvMonths: 6,
      undoDays: 100,
    });
    expect(problems).toEqual([
      { field: 'byProcedure.simplified', message: '保管期限无效：30天' },
      { field: 'inspectionAvMonths', message: '检查音像记录保存期限应为 12 至 999 个月（不得少于 12 个月）' },
      { field: 'undoDays', message: '撤销期应为 1 至 90 天' },
    ]);
  });
});
