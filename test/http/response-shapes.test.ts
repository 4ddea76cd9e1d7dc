import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { syncPackageCalendar } from '../../src/services/calendar-service';
import { seedDemo } from '../../src/services/seed-service';
import { CaseViewSchema } from '../../src/http/routes/cases.schema';
import { demoFiling, demoOffice, login, testConfig, TestClock, tusUpload, type Session } from '../app';
import { freshDatabase, type TestDatabase } from '../db';
import { DEFAULT_SANCTION } from '../proceeding';

/** What a route handed to serialisation, before its response schema dropped anything. */
interface Sent {
  route: string;
  status: number;
  payload: unknown;
  schema: TSchema | undefined;
}

const CLIP = fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url));

/**
 * The response schemas (`src/http/routes/*.schema.ts`) say every field a route returns: the
 * workbench's types are theirs, and Fastify serialises by them, dropping whatever they do not name.
 * Every answer of a walk through cases, steps, records and documents is checked, as the handler
 * produced it, against its route's declared schema for that status: a field added to a view but
 * not to its schema (or a schema naming a field no longer sent) fails here.
 */
describe('response shapes are the declared schemas', () => {
  let app: FastifyInstance;
  let db: TestDatabase;
  let dataDir = '';
  let officer: Session;
  let admin: Session;
  let supervisor: Session;
  const sent: Sent[] = [];

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    const clock = new TestClock();
    const config = testConfig();
    dataDir = config.dataDir;
    const deps = {
      db: db.db,
      dialect: db.dialect,
      clock,
      adjustedWorkdaysCount: config.adjustedWorkdaysCount,
    };
    await syncPackageCalendar(deps);
    await seedDemo(deps);
    app = await buildApp({ config, database: db, clock });
    app.addHook('preSerialization', async (req, reply, payload) => {
      const response = req.routeOptions.schema?.response as Record<string, TSchema> | undefined;
      sent.push({
        route: `${req.method} ${req.routeOptions.url ?? req.url}`,
        status: reply.statusCode,
        payload,
        schema: response?.[String(reply.statusCode)],
      });
      return payload;
    });
    await app.ready();
    admin = await login(app, 'admin');
    officer = await login(app, 'officer1');
    supervisor = await login(app, 'supervisor');
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const r = await app.inject({ method, url, headers: s.headers, ...(payload && { payload }) });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
    return r.json<Record<string, unknown>>();
  };

  it('cases, steps, records and documents answer exactly with their schemas', async () => {
    const office = await demoOffice(app, admin);
    const get = (url: string, s = officer) => call(s, 'GET', url);
    const post = (url: string, body: object = {}, s = officer) => call(s, 'POST', url, body);

    await get('/api/meta/cases');
    await get('/api/power-items');
    const filed = await post('/api/cases', demoFiling(office));
    const id = filed.id as string;
    await get(`/api/cases/${id}`);
    await post('/api/cases/search', { limit: 5 });
    await get('/api/cases?limit=5');
    // The procedure of issue 12, over its own routes so that each answer is checked too: the leader
    // approves the filing, the penalty is proposed and its notice issued before 告知, the decision is
    // approved and issued before 送达, the payment is recorded.
    const leader = await login(app, 'leader');
    type Approvals = { proceeding: { approvals: Array<{ id: string; kind: string; state: string }> } };
    const approve = async (kind: string, proposal?: object) => {
      const asked = (await post(`/api/cases/${id}/approvals`, {
        kind,
        ...(proposal && { proposal }),
      })) as unknown as Approvals;
      const a = asked.proceeding.approvals.find((x) => x.kind === kind && x.state === 'pending')!;
      await call(leader, 'POST', `/api/approvals/${a.id}/decision`, { verdict: 'approve', opinion: '同意' });
    };
    await approve('filing');
    await post(`/api/cases/${id}/transitions`, { action: 'startInvestigation' });
    const step = await post(`/api/cases/${id}/steps`, {
      kind: 'inspection',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '上海市青浦区华志路100号地下室',
      notes: '现场检查人防工程使用情况',
      officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
      inField: true,
      contactWithParty: true,
    });
    const uploadId = await tusUpload(app, officer, CLIP, '现场检查.mp4', 'video/mp4');
    const record = await post(`/api/steps/${step.id as string}/records`, {
      uploadId,
      kind: 'video',
      protection: 'privacy',
      av: {
        recorderId: office.recorders.get('QP-JLY-001'),
        officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
        startedAt: '2026-11-25T09:30:00+08:00',
        endedAt: '2026-11-25T09:42:00+08:00',
        place: '上海市青浦区华志路100号地下室',
      },
    });
    await post(`/api/steps/${step.id as string}/complete`);
    await get(`/api/records/${record.id as string}`);
    await get(`/api/records/${record.id as string}`, supervisor); // another viewer
    await get(`/api/cases/${id}/records`);
    await get('/api/records?limit=5');
    await get(`/api/records/${record.id as string}/retrievals`, supervisor);
    await post(`/api/cases/${id}/transitions`, { action: 'endInvestigation' });
    // Below the hearing threshold: not a major decision, no legal review needed (REV-01).
    const sanction = DEFAULT_SANCTION;
    await post(`/api/cases/${id}/penalty-proposal`, { sanction });
    await get('/api/document-templates');
    await get('/api/document-templates/penaltyNotice');
    const doc = await post(`/api/cases/${id}/documents`, { kind: 'penaltyNotice' });
    const issued = await post(`/api/documents/${doc.id as string}/finalise`);
    await post(`/api/cases/${id}/transitions`, { action: 'notice' });
    await call(leader, 'POST', `/api/cases/${id}/extension`, { days: 30, reason: '案情复杂，须延长期限' });
    await get(`/api/documents/${issued.id as string}`);
    await get(`/api/cases/${id}/documents`);
    await post(`/api/documents/${issued.id as string}/reissue`, { reason: '当事人地址有误，重新出具' });
    await approve('decision', { outcome: 'penalty', sanction, reasons: '事实清楚，证据确凿，依法作出决定' });
    await post(`/api/cases/${id}/transitions`, { action: 'decide', partyWaived: true });
    const decision = await post(`/api/cases/${id}/documents`, { kind: 'penaltyDecision' });
    await post(`/api/documents/${decision.id as string}/finalise`);
    const served = (await post(`/api/cases/${id}/transitions`, { action: 'serve' })) as {
      dates?: { servedOn?: string };
    };
    await post(`/api/cases/${id}/performance`, {
      kind: 'finePaid',
      amount: sanction.fine,
      paidOn: served.dates!.servedOn!,
      receiptNumber: 'No.2026-0001',
    });
    const approvalSettings = await get('/api/settings/approvals');
    await call(admin, 'PUT', '/api/settings/approvals', approvalSettings);
    await get(`/api/cases/${id}/ledger`);
    await post('/api/parties/search', { limit: 5 });
    await get('/api/recorders');
    await get(`/api/recorders/${office.recorders.get('QP-JLY-001')}/loans`);
    await get('/api/flags', supervisor);
    await get('/api/alerts');
    await get('/api/settings/av-rules', admin);

    const checked = sent.filter((s) => s.status < 300);
    const unschematised = checked.filter((s) => s.schema === undefined).map((s) => s.route);
    expect(unschematised).toEqual([]);
    const drifted = checked
      .filter((s) => !Value.Check(s.schema!, s.payload))
      .map((s) => ({
        route: s.route,
        errors: [...Value.Errors(s.schema!, s.payload)]
          .slice(0, 5)
          .map((e) => `${e.instancePath} ${e.message}`),
      }));
    expect(drifted).toEqual([]);

    // One case shape: reading a case and acting on it answer with the same schema.
    const caseRoutes = checked.filter((s) =>
      /^(GET \/api\/cases\/:id|POST \/api\/cases|POST \/api\/cases\/:id\/(transitions|extension))$/.test(
        s.route,
      ),
    );
    expect(new Set(caseRoutes.map((s) => s.route)).size).toBe(4);
    for (const s of caseRoutes) expect(s.schema).toBe(CaseViewSchema);
    // The procedure's acts answer with the case view as well, and each of its routes was checked.
    const procedureRoutes = [
      'POST /api/cases/:id/approvals',
      'POST /api/approvals/:id/decision',
      'POST /api/cases/:id/penalty-proposal',
      'POST /api/cases/:id/performance',
    ];
    const procedure = checked.filter((s) => procedureRoutes.includes(s.route));
    expect(new Set(procedure.map((s) => s.route))).toEqual(new Set(procedureRoutes));
    for (const s of procedure) expect(s.schema).toBe(CaseViewSchema);
    expect(checked.map((s) => s.route)).toEqual(
      expect.arrayContaining(['GET /api/settings/approvals', 'PUT /api/settings/approvals']),
    );
  });
});
