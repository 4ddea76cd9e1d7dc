import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/identity';
import {
  demoFiling,
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  ok,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { proceedings } from '../proceeding';

type Category = {
  category: number;
  label: string;
  reason: string;
  manual: boolean;
  addedBy: { id: string; name: string } | null;
  addedAt: string | null;
};
type View = {
  id: string;
  state: string;
  major: boolean;
  legalReview: {
    classification: { major: boolean; classifiedAt: string | null; categories: Category[] };
  };
};
type Entry = { action: string; data: Record<string, unknown> };

const PERSON_ID = '31011819900101123' + residentIdCheckChar('31011819900101123');
const person = {
  kind: 'person',
  name: '张三',
  idType: 'residentId',
  idNumber: PERSON_ID,
  phone: '13812345678',
  address: '上海市青浦区盈浦街道某路1号',
};
const fine = (amountFen: number) => [{ kind: 'fine', amountFen }];

describe.each(DIALECTS)('classification of a case on its own facts on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  let admin: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const http = httpClient(() => t.app);
  const asOfficer = http.as(() => officer);
  const asLeader = http.as(() => leader);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [office.officers.get('王建国')!, office.officers.get('李明')!],
  });
  const file = (over: Record<string, unknown> = {}) =>
    ok<View>(asOfficer.post('/api/cases', demoFiling(office, over)), 201);
  /** CF-001's organisation band reaches ¥100,000, so a ¥60,000 fine is lawful there. */
  const cf001 = () => office.items.get('QPMF-CF-001')!;
  const classified = async (caseId: string) =>
    (await ok<Entry[]>(asOfficer.get(`/api/cases/${caseId}/ledger`))).filter(
      (e) => e.action === 'legalReview.classified@1',
    );

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
  });
  afterAll(() => t?.close());

  it('REV-01 an organisation filed with a proposed ¥60,000 fine is major, category 1 with its reason; a ledger entry; the filing stage gates the case', async () => {
    const c = await file({ powerItemId: cf001(), proposedSanctions: fine(6_000_000) });
    expect(c.major).toBe(true);
    const cl = c.legalReview.classification;
    expect(cl.major).toBe(true);
    expect(cl.classifiedAt).not.toBeNull();
    expect(cl.categories).toHaveLength(1);
    expect(cl.categories[0]).toMatchObject({ category: 1, manual: false, addedBy: null, addedAt: null });
    expect(cl.categories[0]!.label).toMatch(/听证/);
    expect(cl.categories[0]!.reason).toContain('60,000元');
    expect(cl.categories[0]!.reason).toContain('50,000元');
    expect(cl.categories[0]!.reason).toContain('单位');
    const entries = await classified(c.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({ caseId: c.id, major: true, categories: [1], trigger: 'file' });
    // The legal-review gates read the stored classification: the filing stage's review comes first.
    await p.approve(c.id, 'filing');
    const start = await asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'startInvestigation' });
    expect(start.statusCode, start.body).toBe(409);
    expect(errorOf(start).code).toBe('LEGAL_REVIEW_REQUIRED');
  });

  it('REV-01 an organisation filed with a proposed ¥49,999.99 fine is not major; nothing is written', async () => {
    const c = await file({ powerItemId: cf001(), proposedSanctions: fine(4_999_999) });
    expect(c.major).toBe(false);
    expect(c.legalReview.classification).toMatchObject({ major: false, categories: [], classifiedAt: null });
    expect(await classified(c.id)).toEqual([]);
  });

  it('REV-01 a person: a proposed ¥5,000 fine (at the threshold) is major, ¥4,999.99 is not', async () => {
    const at = await file({ party: person, proposedSanctions: fine(500_000) });
    expect(at.major).toBe(true);
    expect(at.legalReview.classification.categories.map((x) => x.category)).toEqual([1]);
    expect(at.legalReview.classification.categories[0]!.reason).toContain('个人');
    expect(at.legalReview.classification.categories[0]!.reason).toContain('5,000元');
    const below = await file({ party: person, proposedSanctions: fine(499_999) });
    expect(below.major).toBe(false);
    expect(below.legalReview.classification.categories).toEqual([]);
  });

  it('REV-01 a case is classified again on the penalty proposal: up to major and down again, each a ledger entry', async () => {
    const c = await file({ powerItemId: cf001() });
    expect(c.major).toBe(false);
    await p.runTo(c.id, 'investigationEnded');
    const up = await ok<View>(
      asOfficer.post(`/api/cases/${c.id}/penalty-proposal`, {
        sanction: { kinds: ['warning', 'fine'], fine: 6_000_000, confiscated: 0 },
      }),
    );
    expect(up.major).toBe(true);
    expect(up.legalReview.classification.categories.map((x) => x.category)).toEqual([1]);
    expect(up.legalReview.classification.categories[0]!.reason).toContain('60,000元');
    const down = await ok<View>(
      asOfficer.post(`/api/cases/${c.id}/penalty-proposal`, {
        sanction: { kinds: ['warning', 'fine'], fine: 2_000_000, confiscated: 0 },
      }),
    );
    expect(down.major).toBe(false);
    expect(down.legalReview.classification.categories).toEqual([]);
    const entries = await classified(c.id);
    expect(entries.map((e) => [e.data.major, e.data.trigger])).toEqual([
      [true, 'penaltyProposed'],
      [false, 'penaltyProposed'],
    ]);
    // A proposal that changes nothing writes nothing.
    await ok(
      asOfficer.post(`/api/cases/${c.id}/penalty-proposal`, {
        sanction: { kinds: ['fine'], fine: 2_500_000, confiscated: 0 },
      }),
    );
    expect(await classified(c.id)).toHaveLength(2);
  });

  it('REV-01 a manual category is kept when the case is classified again', async () => {
    const c = await file({ powerItemId: cf001() });
    const designated = await ok<View>(
      asLeader.post(`/api/cases/${c.id}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
    );
    expect(designated.major).toBe(true);
    expect(designated.legalReview.classification.categories).toEqual([
      expect.objectContaining({ category: 7, reason: '区领导指定', manual: true }),
    ]);
    expect((await classified(c.id)).at(-1)!.data).toMatchObject({
      trigger: 'manualCategory',
      category: 7,
      reason: '区领导指定',
      major: true,
    });
    // A major case passes the filing stage only after its review: designate after the investigation
    // instead, on another case, to see the proposal's reclassification keep the mark.
    const d = await file({ powerItemId: cf001() });
    await p.runTo(d.id, 'investigationEnded');
    await ok(
      asLeader.post(`/api/cases/${d.id}/legal-review/categories`, { category: 6, reason: '社会关注度高' }),
    );
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${d.id}/penalty-proposal`, {
        sanction: { kinds: ['fine'], fine: 6_000_000, confiscated: 0 },
      }),
    );
    expect(v.legalReview.classification.categories.map((x) => [x.category, x.manual])).toEqual([
      [1, false],
      [6, true],
    ]);
    const w = await ok<View>(
      asOfficer.post(`/api/cases/${d.id}/penalty-proposal`, {
        sanction: { kinds: ['fine'], fine: 2_000_000, confiscated: 0 },
      }),
    );
    expect(w.major).toBe(true);
    expect(w.legalReview.classification.categories).toEqual([
      expect.objectContaining({ category: 6, reason: '社会关注度高', manual: true }),
    ]);
  });

  it('REV-01 a compulsory execution by demolition is category 5; a licence revoked from the list is category 4', async () => {
    const ex = await file({
      actType: 'compulsion',
      procedure: 'execution',
      powerItemId: office.items.get('QPMF-QZ-001'),
      executionMethod: 'demolition',
    });
    expect(ex.major).toBe(true);
    expect(ex.legalReview.classification.categories.map((x) => x.category)).toEqual([5]);
    expect(ex.legalReview.classification.categories[0]!.reason).toContain('强制拆除');
    const fee = await file({
      actType: 'compulsion',
      procedure: 'execution',
      powerItemId: office.items.get('QPMF-QZ-001'),
      executionMethod: 'lateFee',
    });
    expect(fee.major).toBe(false);
    const lic = await file({
      actType: 'licensing',
      procedure: 'standard',
      powerItemId: office.items.get('QPMF-XK-001'),
      licence: { kind: '防空地下室审核', action: 'revoke' },
    });
    expect(lic.major).toBe(true);
    expect(lic.legalReview.classification.categories.map((x) => x.category)).toEqual([4]);
  });

  it('REV-01 bad filing facts: 400 with the code and the field, in Chinese; nothing is filed', async () => {
    const before = (await ok<{ total: number }>(asOfficer.get('/api/cases'))).total;
    const refused = async (over: Record<string, unknown>, code: string, field: string) => {
      const r = await asOfficer.post('/api/cases', demoFiling(office, over));
      expect(r.statusCode, r.body).toBe(400);
      const e = errorOf(r);
      expect(e).toMatchObject({ code, field });
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    };
    await refused(
      { proposedSanctions: [{ kind: 'fine' }] },
      'FILING_FACTS_INVALID',
      'proposedSanctions[0].amountFen',
    );
    await refused({ proposedSanctions: fine(0) }, 'FILING_FACTS_INVALID', 'proposedSanctions[0].amountFen');
    await refused(
      { proposedSanctions: [{ kind: 'warning', amountFen: 100 }] },
      'FILING_FACTS_INVALID',
      'proposedSanctions[0].amountFen',
    );
    await refused(
      { proposedSanctions: [...fine(100_000), ...fine(200_000)] },
      'FILING_FACTS_INVALID',
      'proposedSanctions[1].kind',
    );
    await refused({ executionMethod: 'demolition' }, 'FILING_FACTS_INVALID', 'executionMethod');
    await refused(
      { licence: { kind: '防空地下室审核', action: 'revoke' } },
      'FILING_FACTS_INVALID',
      'licence',
    );
    await refused(
      {
        actType: 'licensing',
        procedure: 'standard',
        powerItemId: office.items.get('QPMF-XK-001'),
        licence: { kind: ' ', action: 'revoke' },
      },
      'FILING_FACTS_INVALID',
      'licence.kind',
    );
    const badKind = await asOfficer.post(
      '/api/cases',
      demoFiling(office, { proposedSanctions: [{ kind: 'jail', amountFen: 1 }] }),
    );
    expect(badKind.statusCode).toBe(400);
    expect(errorOf(badKind).field).toMatch(/^proposedSanctions/);
    expect((await ok<{ total: number }>(asOfficer.get('/api/cases'))).total).toBe(before);
  });
});
