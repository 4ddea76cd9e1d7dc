import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, httpClient, login, makeTestApp, ok, type Session, type TestApp } from '../app';
import { DIALECTS } from '../db';

type Classification = { major: boolean; categories: Array<{ category: number; reason: string }> };
type Settings = {
  thresholds: { person: number; organisation: number; confiscation: number };
  licenceKinds: string[];
  reviewPeriods: { reviewWorkingDays: number; extensionWorkingDays: number };
};
type LedgerPage = {
  items: Array<{
    action: string;
    actionLabel: string;
    data: unknown;
    details: Array<{ label: string; value: string }>;
  }>;
};

const fine = (partyKind: 'person' | 'organisation', amountFen: number) => ({
  actType: 'penalty',
  partyKind,
  sanctions: [{ kind: 'fine', amountFen }],
});

describe.each(DIALECTS)('major enforcement decisions over HTTP on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let reviewer: Session;
  let admin: Session;
  const http = httpClient(() => t.app);
  const classify = (body: unknown, s: Session = officer) =>
    http.as(s).post('/api/major-decisions/classify', body);
  const classified = (body: unknown, s?: Session) => ok<Classification>(classify(body, s));
  const refused = async (body: unknown, code: string, field: string) => {
    const r = await classify(body);
    expect(r.statusCode, r.body).toBe(400);
    const e = errorOf(r);
    expect(e).toMatchObject({ code, field });
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    return e;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    reviewer = await login(t.app, 'reviewer');
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  it('REV-01 an organisation fined ¥60,000 is major, category 1 with the fact and threshold as its reason', async () => {
    const r = await classified(fine('organisation', 6_000_000));
    expect(r.major).toBe(true);
    expect(r.categories.map((c) => c.category)).toEqual([1]);
    expect(r.categories[0]!.reason).toContain('60,000元');
    expect(r.categories[0]!.reason).toContain('50,000元');
    expect(r.categories[0]!.reason).toContain('单位');
  });

  it('REV-01 fines at the default thresholds are major, one fen below are not', async () => {
    const table: Array<[body: unknown, major: boolean]> = [
      [fine('organisation', 5_000_000), true],
      [fine('organisation', 4_999_999), false],
      [fine('person', 500_000), true],
      [fine('person', 499_999), false],
      [
        {
          actType: 'penalty',
          partyKind: 'person',
          sanctions: [{ kind: 'confiscation', amountFen: 5_000_000 }],
        },
        true,
      ],
      [
        {
          actType: 'penalty',
          partyKind: 'person',
          sanctions: [{ kind: 'confiscation', amountFen: 4_999_999 }],
        },
        false,
      ],
      [{ actType: 'penalty', partyKind: 'organisation', sanctions: [{ kind: 'warning' }] }, false],
    ];
    for (const [body, major] of table) {
      const r = await classified(body);
      expect(r.major, JSON.stringify(body)).toBe(major);
      expect(
        r.categories.map((c) => c.category),
        JSON.stringify(body),
      ).toEqual(major ? [1] : []);
    }
  });

  it('REV-01 several categories come sorted, each once, and any staff member may ask', async () => {
    const r = await classified(
      {
        ...fine('organisation', 6_000_000),
        sanctions: [
          { kind: 'fine', amountFen: 3_000_000 },
          { kind: 'fine', amountFen: 3_000_000 },
          { kind: 'suspendBusiness' },
        ],
        reduced: true,
        manual: [
          { category: 7, reason: '办领导指定' },
          { category: 6, reason: '媒体广泛关注' },
        ],
      },
      reviewer,
    );
    expect(r.categories.map((c) => c.category)).toEqual([1, 2, 6, 7]);
    expect(r.categories[0]!.reason).toContain('责令停产停业');
    expect(r.categories[2]!.reason).toContain('媒体广泛关注');
  });

  it('REV-01 a manual category 6 without a reason is refused with its field', async () => {
    await refused(
      { actType: 'penalty', manual: [{ category: 6 }] },
      'VALIDATION_REQUIRED',
      'manual[0].reason',
    );
    await refused(
      { actType: 'penalty', manual: [{ category: 6, reason: '  ' }] },
      'MAJOR_DECISION_INPUT_INVALID',
      'manual[0].reason',
    );
    await refused(
      { actType: 'penalty', manual: [{ category: 5, reason: '影响较大' }] },
      'VALIDATION_ENUM',
      'manual[0].category',
    );
  });

  it('REV-01 bad facts are refused with the field: negative amount, unknown field, inconsistent reason', async () => {
    await refused(fine('organisation', -1), 'VALIDATION_MINIMUM', 'sanctions[0].amountFen');
    await refused({ ...fine('person', 100), extra: true }, 'VALIDATION_ADDITIONAL_PROPERTIES', 'extra');
    await refused({ actType: 'punishment' }, 'VALIDATION_ENUM', 'actType');
    await refused(
      { actType: 'penalty', outcome: 'penalty', noPenaltyReason: 'minorCorrectedHarmless' },
      'MAJOR_DECISION_INPUT_INVALID',
      'noPenaltyReason',
    );
    await refused(
      { actType: 'licensing', licence: { kind: ' ', action: 'revoke' } },
      'MAJOR_DECISION_INPUT_INVALID',
      'licence.kind',
    );
  });

  it('REV-01 classifying needs a signed-in user', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/major-decisions/classify',
      payload: fine('organisation', 6_000_000),
    });
    expect(r.statusCode).toBe(401);
  });

  it('REV-01 settings are checked field by field; only the administrator changes them', async () => {
    const current = await ok<Settings>(http.as(reviewer).get('/api/settings/major-decisions'));
    expect(current.thresholds).toEqual({ person: 500_000, organisation: 5_000_000, confiscation: 5_000_000 });
    expect(current.licenceKinds).toContain('防空地下室审核');
    expect(current.reviewPeriods).toEqual({ reviewWorkingDays: 5, extensionWorkingDays: 3 });

    const bad: Array<[Settings, string]> = [
      [{ ...current, thresholds: { ...current.thresholds, organisation: 0 } }, 'thresholds.organisation'],
      [{ ...current, licenceKinds: ['防空地下室审核', ' 防空地下室审核 '] }, 'licenceKinds[1]'],
      [
        { ...current, reviewPeriods: { ...current.reviewPeriods, reviewWorkingDays: 0 } },
        'reviewPeriods.reviewWorkingDays',
      ],
    ];
    for (const [body, field] of bad) {
      const r = await http.as(admin).put('/api/settings/major-decisions', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(errorOf(r)).toMatchObject({ code: 'MAJOR_DECISION_SETTINGS_INVALID', field });
      expect(errorOf(r).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const officerTry = await http.as(officer).put('/api/settings/major-decisions', current);
    expect(officerTry.statusCode).toBe(403);
    // Nothing was saved by the refusals.
    expect(await ok<Settings>(http.as(officer).get('/api/settings/major-decisions'))).toEqual(current);
  });

  it('REV-01 raising the organisation threshold changes the answer, and the change is a ledger entry', async () => {
    const example = fine('organisation', 6_000_000);
    const revoke = { actType: 'licensing', licence: { kind: '民防工程拆除审批', action: 'revoke' } };
    expect((await classified(example)).major).toBe(true);
    expect((await classified(revoke)).categories.map((c) => c.category)).toEqual([4]);

    const current = await ok<Settings>(http.as(admin).get('/api/settings/major-decisions'));
    const next: Settings = {
      ...current,
      thresholds: { ...current.thresholds, organisation: 10_000_000 },
      licenceKinds: current.licenceKinds.filter((k) => k !== '民防工程拆除审批'),
    };
    expect(await ok<Settings>(http.as(admin).put('/api/settings/major-decisions', next))).toEqual(next);
    expect(await ok<Settings>(http.as(officer).get('/api/settings/major-decisions'))).toEqual(next);

    expect(await classified(example)).toEqual({ major: false, categories: [] });
    expect((await classified(fine('organisation', 10_000_000))).categories[0]!.reason).toContain('100,000元');
    expect((await classified(revoke)).major).toBe(false);

    const ledger = await ok<LedgerPage>(http.as(admin).get('/api/ledger?limit=20'));
    const entry = ledger.items.find((i) => i.action === 'settings.majorDecisionsSaved@1');
    expect(entry).toBeDefined();
    expect(entry!.actionLabel).toBe('修改重大执法决定标准及法制审核期限');
    expect(entry!.data).toEqual({ settings: next });
    const shown = entry!.details.map((d) => d.value).join('；');
    expect(shown).toContain('单位罚款标准 100,000元');
    expect(shown).toContain('审核期限 5 个工作日');
    expect(ledger.items.filter((i) => i.action === 'settings.majorDecisionsSaved@1')).toHaveLength(1);
  });
});
