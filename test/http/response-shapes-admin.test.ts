import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { buildApp } from '../../src/http/app';
import * as archives from '../../src/http/routes/archives.schema';
import * as auth from '../../src/http/routes/auth.schema';
import * as calendar from '../../src/http/routes/calendar.schema';
import * as publicationDeadline from '../../src/http/routes/publication-deadline.schema';
import * as documents from '../../src/http/routes/documents.schema';
import * as cases from '../../src/http/routes/cases.schema';
import * as ledger from '../../src/http/routes/ledger.schema';
import * as majorDecisions from '../../src/http/routes/major-decisions.schema';
import * as org from '../../src/http/routes/org.schema';
import * as transparency from '../../src/http/routes/transparency.schema';
import * as todo from '../../src/http/routes/todo.schema';
import * as users from '../../src/http/routes/users.schema';
import * as outbox from '../../src/http/routes/outbox.schema';
import { deliverOutbox, enqueueDelivery } from '../../src/services/outbox-service';
import { makeSealer } from '../../src/services/sealer';
import { loadOrCreateFieldKey } from '../../src/storage/keys';
import { syncPackageCalendar } from '../../src/services/calendar-service';
import type { Deps } from '../../src/services/deps';
import { seedDemo } from '../../src/services/seed-service';
import { demoOffice, login, testConfig, TestClock, type Session } from '../app';
import { DIALECTS, freshDatabase, type TestDatabase } from '../db';
import { DEFAULT_SANCTION, proceedings } from '../proceeding';

/**
 * The response schemas of the administrative areas (org, users and tokens, auth, calendar,
 * ledger, transparency, case files, retention and legal holds) against what the routes really
 * return. Fastify's serialiser drops any field a schema does not list, so a schema that drifted
 * from its service would silently lose data: here every answer is checked *before* serialisation,
 * strictly (no unknown fields), against the schema the workbench imports its types from.
 */
const SCHEMAS: Record<string, TSchema> = {
  'POST /api/auth/login 200': auth.SessionSchema,
  'GET /api/auth/me 200': auth.SessionSchema,
  'GET /api/meta/roles 200': auth.RoleListSchema,
  'GET /api/users 200': users.ManagedUserListSchema,
  'POST /api/users 201': users.ManagedUserSchema,
  'PATCH /api/users/:id 200': users.ManagedUserSchema,
  'POST /api/users/:id/unlock 200': users.ManagedUserSchema,
  'GET /api/users/:id/tokens 200': users.ApiTokenListSchema,
  'POST /api/users/:id/tokens 201': users.CreatedTokenSchema,
  'GET /api/agency 200': org.AgencySchema,
  'PATCH /api/agency 200': org.AgencySchema,
  'GET /api/units 200': org.UnitListSchema,
  'POST /api/units 201': org.UnitSchema,
  'PATCH /api/units/:id 200': org.UnitSchema,
  'GET /api/officers 200': org.OfficerPageSchema,
  'POST /api/officers 201': org.OfficerSchema,
  'GET /api/officers/:id 200': org.OfficerSchema,
  'PATCH /api/officers/:id 200': org.OfficerSchema,
  'POST /api/officers/:id/certificates 201': org.CertificateSchema,
  'PATCH /api/certificates/:id 200': org.CertificateSchema,
  'POST /api/certificates/:id/suspend 200': org.CertificateSchema,
  'POST /api/certificates/:id/reinstate 200': org.CertificateSchema,
  'GET /api/calendar/:year 200': calendar.CalendarYearSchema,
  'GET /api/calendar/deadline 200': calendar.DeadlineResultSchema,
  'POST /api/calendar/schedules 201': calendar.ScheduleCreatedSchema,
  'GET /api/publications/deadline 200': publicationDeadline.PublicationDeadlineSchema,
  'GET /api/ledger 200': ledger.LedgerPageSchema,
  'POST /api/transparency/checkpoints 201': transparency.CheckpointSchema,
  'GET /transparency/checkpoints 200': transparency.CheckpointPageSchema,
  'GET /transparency/proof/inclusion 200': transparency.InclusionProofSchema,
  'GET /transparency/proof/consistency 200': transparency.ConsistencyProofSchema,
  'GET /api/case-files 200': archives.CaseFilePageSchema,
  'GET /api/case-files/:id 200': archives.CaseFileViewSchema,
  'GET /api/cases/:id/case-file 200': archives.CaseFileViewSchema,
  'POST /api/case-files/:id/accept 200': archives.CaseFileViewSchema,
  'GET /api/retention 200': archives.RetentionPageSchema,
  'GET /api/records/:id/retention 200': archives.RetentionItemSchema,
  'POST /api/records/:id/marks 200': archives.RetentionItemSchema,
  'GET /api/legal-holds 200': archives.LegalHoldPageSchema,
  'POST /api/legal-holds 201': archives.LegalHoldSchema,
  'POST /api/legal-holds/:id/release 200': archives.LegalHoldSchema,
  'GET /api/settings/retention 200': archives.RetentionSettingsSchema,
  'PUT /api/settings/retention 200': archives.RetentionSettingsSchema,
  'GET /api/todo 200': todo.TodoSchema,
  'GET /api/settings/payment-bank 200': documents.PaymentBankSchema,
  'PUT /api/settings/payment-bank 200': documents.PaymentBankSchema,
  // Which approvals each lifecycle needs (issue 12), and the procedure's acts on the closed case
  // below: each answers with the case view.
  'GET /api/settings/approvals 200': cases.ApprovalSettingsSchema,
  'PUT /api/settings/approvals 200': cases.ApprovalSettingsSchema,
  'POST /api/cases/:id/approvals 200': cases.CaseViewSchema,
  'POST /api/approvals/:id/decision 200': cases.CaseViewSchema,
  'POST /api/cases/:id/penalty-proposal 200': cases.CaseViewSchema,
  'POST /api/cases/:id/performance 200': cases.CaseViewSchema,
  // The publication outbox (PUB-03).
  'GET /api/outbox/platforms 200': outbox.PlatformListSchema,
  'POST /api/outbox/platforms 201': outbox.PlatformSchema,
  'PATCH /api/outbox/platforms/:id 200': outbox.PlatformSchema,
  'GET /api/outbox 200': outbox.DeliveryListSchema,
  'GET /api/outbox/dead 200': outbox.DeliveryPageSchema,
  'POST /api/outbox/deliveries/:id/retry 200': outbox.DeliverySchema,
  'POST /api/outbox/dead/retry 200': outbox.RetriedSchema,
  // Major enforcement decisions (issue 13): the classification preview and its settings.
  'POST /api/major-decisions/classify 200': majorDecisions.MajorClassificationSchema,
  'GET /api/settings/major-decisions 200': majorDecisions.MajorDecisionSettingsSchema,
  'PUT /api/settings/major-decisions 200': majorDecisions.MajorDecisionSettingsSchema,
};

interface Seen {
  key: string;
  payload: unknown;
  declared: unknown;
}

/** The demo office over a fresh database, with every JSON answer captured before serialisation. */
async function capturingApp(dialect: (typeof DIALECTS)[number]) {
  const db: TestDatabase = await freshDatabase(dialect);
  const clock = new TestClock();
  const config = testConfig();
  const deps: Deps = {
    db: db.db,
    dialect: db.dialect,
    clock,
    adjustedWorkdaysCount: config.adjustedWorkdaysCount,
  };
  await syncPackageCalendar(deps);
  await seedDemo(deps);
  const app: FastifyInstance = await buildApp({ config, database: db, clock });
  const seen: Seen[] = [];
  app.addHook('preSerialization', async (req, reply, payload) => {
    const schema = req.routeOptions.schema as { response?: Record<number, unknown> } | undefined;
    seen.push({
      key: `${req.method} ${req.routeOptions.url} ${reply.statusCode}`,
      // What the serialiser is handed, as JSON would carry it (no undefined, dates as text).
      payload: JSON.parse(JSON.stringify(payload)) as unknown,
      declared: schema?.response?.[reply.statusCode],
    });
    return payload;
  });
  await app.ready();
  const close = async () => {
    await app.close();
    await db.cleanup();
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  };
  return { app, seen, close, deps, config };
}

const ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');

describe.each(DIALECTS)('response shapes of the administrative areas on %s', (dialect) => {
  let app: FastifyInstance;
  let seen: Seen[];
  let close: () => Promise<void>;
  let admin: Session;
  let ctx: Pick<Awaited<ReturnType<typeof capturingApp>>, 'deps' | 'config'>;

  const call = async (
    s: Session,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> => {
    const r = await app.inject({
      method,
      url,
      headers: s.headers,
      ...(payload !== undefined && { payload }),
      ...(payload === undefined && method !== 'GET' && { payload: {} }),
    });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
    return r;
  };
  const json = async <T>(
    s: Session,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ) => (await call(s, method, url, payload)).json<T>();

  beforeAll(async () => {
    let deps, config;
    ({ app, seen, close, deps, config } = await capturingApp(dialect));
    ctx = { deps, config };
    admin = await login(app, 'admin');
  });
  afterAll(() => close?.());

  /** Every captured answer of a listed route matches its schema; returns the problems. */
  function problems(): string[] {
    const out: string[] = [];
    for (const s of seen) {
      const schema = SCHEMAS[s.key];
      if (!schema) continue;
      if (s.declared !== schema) out.push(`${s.key}: the route does not declare the exported schema`);
      if (!Value.Check(schema, s.payload))
        for (const e of Value.Errors(schema, s.payload))
          out.push(`${s.key}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
    return out;
  }

  it('auth, users and tokens, org and calendar answer as their schemas say', async () => {
    await json(admin, 'GET', '/api/auth/me');
    await json(admin, 'GET', '/api/meta/roles');
    const { officers, unitId } = await demoOffice(app, admin);
    const officerId = officers.get('王建国')!;

    await json(admin, 'GET', '/api/users');
    const u = await json<{ id: string }>(admin, 'POST', '/api/users', {
      username: 'shape.user',
      displayName: '形状',
      password: 'Shape-Check-2026!',
      roles: ['officer'],
      officerId,
    });
    await json(admin, 'PATCH', `/api/users/${u.id}`, { displayName: '形状二' });
    await json(admin, 'POST', `/api/users/${u.id}/unlock`);
    await json(admin, 'POST', `/api/users/${u.id}/tokens`, { name: '对接' });
    await json(admin, 'GET', `/api/users/${u.id}/tokens`);

    await json(admin, 'GET', '/api/agency');
    await json(admin, 'PATCH', '/api/agency', { phone: '021-59720000' });
    const unit = await json<{ id: string }>(admin, 'POST', '/api/units', { name: '形状科' });
    await json(admin, 'PATCH', `/api/units/${unit.id}`, { isLegalReview: true });
    await json(admin, 'GET', '/api/officers?limit=2');
    const o = await json<{ id: string }>(admin, 'POST', '/api/officers', {
      name: '形状',
      unitId,
      post: '科员',
    });
    await json(admin, 'PATCH', `/api/officers/${o.id}`, { duties: '检查' });
    const cert = await json<{ id: string }>(admin, 'POST', `/api/officers/${o.id}/certificates`, {
      number: 'SHAPE-0001',
      domains: ['民防'],
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
    });
    await json(admin, 'PATCH', `/api/certificates/${cert.id}`, { validTo: '2031-12-31' });
    await json(admin, 'POST', `/api/certificates/${cert.id}/suspend`, { reason: '调查期间' });
    await json(admin, 'POST', `/api/certificates/${cert.id}/reinstate`, { reason: '调查结束' });
    await json(admin, 'GET', `/api/officers/${o.id}`);

    await json(admin, 'GET', '/api/calendar/2026');
    await json(admin, 'GET', '/api/calendar/2027');
    await json(admin, 'GET', '/api/calendar/deadline?date=2026-09-18&days=7');
    await json(admin, 'GET', '/api/publications/deadline?kind=decision&actType=penalty&from=2026-09-18');
    await json(admin, 'POST', '/api/calendar/schedules', {
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
    });

    expect(problems()).toEqual([]);
  });

  it('the ledger and the transparency endpoints answer as their schemas say', async () => {
    const supervisor = await login(app, 'supervisor');
    await json(supervisor, 'GET', '/api/ledger?limit=5');
    const c = await json<{ size: number }>(supervisor, 'POST', '/api/transparency/checkpoints');
    await json(supervisor, 'GET', '/transparency/checkpoints');
    await json(supervisor, 'GET', `/transparency/proof/inclusion?index=0&size=${c.size}`);
    await json(supervisor, 'GET', `/transparency/proof/consistency?from=1&to=${c.size}`);
    expect(problems()).toEqual([]);
  });

  it('case files, retention and legal holds answer as their schemas say', async () => {
    const officer = await login(app, 'officer1');
    const keeper = await login(app, 'keeper');
    const leader = await login(app, 'leader');
    const { officers, items, unitId } = await demoOffice(app, admin);
    const team = [officers.get('王建国'), officers.get('李明')];
    const p = proceedings(() => app, {
      officer: () => officer,
      leader: () => leader,
      officerIds: () => team as string[],
    });

    // An ordinary penalty walked by the procedure (issue 12) — approved, noticed, decided, served,
    // paid, executed and closed on approval: its case file is pending.
    const c = await json<{ id: string }>(officer, 'POST', '/api/cases', {
      actType: 'penalty',
      procedure: 'ordinary',
      title: '出租未经竣工验收的民防工程案',
      powerItemId: items.get('QPMF-CF-002'),
      party: {
        kind: 'organisation',
        name: '上海某某置业有限公司',
        idType: 'creditCode',
        idNumber: ORG_CODE,
        legalRepresentative: '钱某',
        phone: '021-59721234',
        address: '上海市青浦区华新镇华志路100号',
      },
      unitId,
      officerIds: team,
    });
    const act = (body: object) => json(officer, 'POST', `/api/cases/${c.id}/transitions`, body);
    const issue = async (kind: string) => {
      const d = await json<{ id: string }>(officer, 'POST', `/api/cases/${c.id}/documents`, { kind });
      return json<{ recordId: string }>(officer, 'POST', `/api/documents/${d.id}/finalise`);
    };
    // Below the hearing threshold: not a major decision, no legal review needed (REV-01).
    const sanction = DEFAULT_SANCTION;
    await p.runTo(c.id, 'investigationEnded');
    await json(officer, 'POST', `/api/cases/${c.id}/penalty-proposal`, { sanction });
    await issue('penaltyNotice');
    await act({ action: 'notice' });
    await p.runTo(c.id, 'decided', { sanction });
    const decision = await issue('penaltyDecision');
    await act({ action: 'serve' });
    await p.runTo(c.id, 'closed', { sanction });

    // Marks and holds come before archiving: an archived case takes no more changes.
    await json(keeper, 'GET', `/api/records/${decision.recordId}/retention`);
    await json(keeper, 'POST', `/api/records/${decision.recordId}/marks`, {
      mark: 'evidence',
      reason: '作为证据',
    });
    const hold = await json<{ id: string }>(leader, 'POST', '/api/legal-holds', {
      recordId: decision.recordId,
      reason: '行政复议期间',
    });
    await json(keeper, 'GET', `/api/records/${decision.recordId}/retention`);
    await json(leader, 'GET', '/api/legal-holds');
    await json(leader, 'POST', `/api/legal-holds/${hold.id}/release`, { reason: '复议结束' });
    await json(leader, 'GET', '/api/legal-holds');
    await json(keeper, 'GET', '/api/retention');

    const file = await json<{ id: string; missing: unknown[] }>(
      keeper,
      'GET',
      `/api/cases/${c.id}/case-file`,
    );
    await json(keeper, 'GET', '/api/case-files?state=pending');
    await json(keeper, 'POST', `/api/case-files/${file.id}/accept`, { note: '送达回证另行补充' });
    await json(keeper, 'GET', `/api/case-files/${file.id}`);
    await json(keeper, 'GET', '/api/case-files?state=archived');

    const settings = await json<object>(admin, 'GET', '/api/settings/retention');
    await json(admin, 'PUT', '/api/settings/retention', settings);
    const bank = await json<object>(admin, 'GET', '/api/settings/payment-bank');
    await json(admin, 'PUT', '/api/settings/payment-bank', bank);
    const approvals = await json<object>(officer, 'GET', '/api/settings/approvals');
    await json(admin, 'PUT', '/api/settings/approvals', approvals);
    const major = await json<object>(officer, 'GET', '/api/settings/major-decisions');
    await json(admin, 'PUT', '/api/settings/major-decisions', major);
    await json(officer, 'POST', '/api/major-decisions/classify', {
      actType: 'penalty',
      partyKind: 'organisation',
      sanctions: [{ kind: 'fine', amountFen: 6_000_000 }],
    });

    expect(problems()).toEqual([]);
  });

  it('the 待办 summary answers as its schema says, for every role that has one', async () => {
    // By now the cases above left a closed case and its case file; one more open case with a
    // step lacking AV and a draft gives the officer's sections items too, and two more the
    // approval sections.
    const officer = await login(app, 'officer1');
    const { officers, items, unitId } = await demoOffice(app, admin);
    const team = [officers.get('王建国'), officers.get('李明')];
    const leader = await login(app, 'leader');
    const p = proceedings(() => app, {
      officer: () => officer,
      leader: () => leader,
      officerIds: () => team as string[],
    });
    const fileCase = () =>
      json<{ id: string }>(officer, 'POST', '/api/cases', {
        actType: 'penalty',
        procedure: 'ordinary',
        title: '擅自改变人防工程用途案',
        powerItemId: items.get('QPMF-CF-002'),
        party: {
          kind: 'organisation',
          name: '上海某某置业有限公司',
          idType: 'creditCode',
          idNumber: ORG_CODE,
          legalRepresentative: '钱某',
          phone: '021-59721234',
          address: '上海市青浦区华新镇华志路100号',
        },
        unitId,
        officerIds: team,
        filedOn: '2026-08-20',
      });
    const c = await fileCase();
    // The leader's 立案审批 before the investigation (issue 12).
    await p.approve(c.id, 'filing');
    await json(officer, 'POST', `/api/cases/${c.id}/transitions`, { action: 'startInvestigation' });
    const step = await json<{ id: string }>(officer, 'POST', `/api/cases/${c.id}/steps`, {
      kind: 'inspection',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '上海市青浦区华志路100号地下室',
      notes: '现场检查',
      officerIds: team,
      inField: true,
      contactWithParty: true,
    });
    await json(officer, 'POST', `/api/cases/${c.id}/documents`, { kind: 'inquiryRecord' });
    // Two more cases: a 立案审批 the leader returns, and one still waiting for the leader, so the
    // approval sections have items whose shape is checked.
    type Asked = { proceeding: { approvals: Array<{ id: string; kind: string; state: string }> } };
    const askFiling = async (caseId: string) =>
      (
        await json<Asked>(officer, 'POST', `/api/cases/${caseId}/approvals`, { kind: 'filing' })
      ).proceeding.approvals.find((a) => a.kind === 'filing' && a.state === 'pending')!.id;
    const returned = await askFiling((await fileCase()).id);
    await json(leader, 'POST', `/api/approvals/${returned}/decision`, {
      verdict: 'return',
      opinion: '请补充案件来源材料',
    });
    const pending = await askFiling((await fileCase()).id);
    const mine = await json<todo.Todo>(officer, 'GET', '/api/todo');
    expect(mine.officer!.approvalsReturned.items.map((a) => a.approvalId)).toEqual([returned]);
    expect(mine.officer!.stepsMissingAv.count).toBeGreaterThan(0);
    expect(mine.officer!.documentsToIssue.count).toBeGreaterThan(0);
    const toDecide = await json<todo.Todo>(leader, 'GET', '/api/todo?limit=3');
    expect(toDecide.leader!.approvalsToDecide.items.map((a) => a.approvalId)).toEqual([pending]);
    await json(officer, 'POST', `/api/steps/${step.id}/complete`, {
      avMissingReason: '设备故障，已书面说明',
    });
    for (const who of ['keeper', 'supervisor']) await json(await login(app, who), 'GET', '/api/todo?limit=3');
    expect(problems()).toEqual([]);
  });

  it('PUB-03 the outbox: platforms, delivery status and dead letters answer as their schemas say', async () => {
    // A platform nobody listens at: its delivery fails once and, with one attempt allowed, is dead.
    const p = await json<{ id: string }>(admin, 'POST', '/api/outbox/platforms', {
      name: '区公示平台',
      url: 'http://127.0.0.1:1/none',
      secret: 'shape-secret-0123456789',
    });
    await json(admin, 'PATCH', `/api/outbox/platforms/${p.id}`, { name: '区公示平台（测试）' });
    await json(admin, 'GET', '/api/outbox/platforms');
    await ctx.deps.db
      .transaction()
      .execute((trx) =>
        enqueueDelivery(trx, ctx.deps, { itemId: 'shape-item', event: 'published', payload: { a: 1 } }),
      );
    await deliverOutbox({
      ...ctx.deps,
      sealer: makeSealer(loadOrCreateFieldKey(ctx.config.fieldKeyFile)),
      outbox: { ...ctx.config.outbox, maxAttempts: 1, timeoutMs: 2_000 },
    });
    await json(admin, 'GET', '/api/outbox?itemId=shape-item');
    const dead = await json<{ items: Array<{ id: string }> }>(admin, 'GET', '/api/outbox/dead');
    await json(admin, 'POST', `/api/outbox/deliveries/${dead.items[0]!.id}/retry`);
    await json(admin, 'POST', '/api/outbox/dead/retry');
    expect(problems()).toEqual([]);
  });

  it('a schema that lacks a field the route returns is caught', () => {
    const withExtra = seen.find((s) => s.key === 'GET /api/agency 200')!;
    const { phone: _phone, ...rest } = org.AgencySchema.properties;
    const drifted = { ...org.AgencySchema, properties: rest, required: Object.keys(rest) };
    expect(Value.Check(drifted, withExtra.payload)).toBe(false);
    // …and every route this file lists was exercised.
    const keys = new Set(seen.map((s) => s.key));
    expect(Object.keys(SCHEMAS).filter((k) => !keys.has(k))).toEqual([]);
  });
});
