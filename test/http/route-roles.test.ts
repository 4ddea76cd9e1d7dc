import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/policy';
import { login, makeTestApp, type Session, type TestApp } from '../app';

/**
 * Who may call each API route (PLT-03), written out by hand from the requirements — not derived
 * from the policy module — so a change to either shows up here.
 */
const STAFF = 'any signed-in user';
const EXPECTED: Record<string, readonly Role[] | typeof STAFF | 'public'> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': STAFF,
  'GET /api/auth/me': STAFF,
  'POST /api/auth/password': STAFF,
  'GET /api/meta/roles': STAFF,
  'GET /api/agency': ROLES,
  'PATCH /api/agency': ['admin'],
  'GET /api/units': ROLES,
  'POST /api/units': ['admin'],
  'PATCH /api/units/:id': ['admin'],
  'GET /api/officers': ROLES,
  'POST /api/officers': ['admin'],
  'GET /api/officers/:id': ROLES,
  'PATCH /api/officers/:id': ['admin'],
  'PUT /api/officers/:id/photo': ['admin'],
  'GET /api/officers/:id/photo': ROLES,
  'POST /api/officers/:id/certificates': ['admin'],
  'PATCH /api/certificates/:id': ['admin'],
  'POST /api/certificates/:id/suspend': ['admin'],
  'POST /api/certificates/:id/reinstate': ['admin'],
  'POST /api/certificates/:id/revoke': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/password': ['admin'],
  'POST /api/users/:id/unlock': ['admin'],
  'GET /api/users/:id/tokens': ['admin'],
  'POST /api/users/:id/tokens': ['admin'],
  'POST /api/tokens/:id/revoke': ['admin'],
  'GET /api/calendar/deadline': ROLES,
  'GET /api/calendar/:year': ROLES,
  'POST /api/calendar/schedules': ['admin'],
  'GET /api/publications/deadline': ROLES,
  // 公示管理 (issue 14): officers prepare, leaders publish; supervisors read.
  'GET /api/publications': ['officer', 'leader', 'supervisor'],
  'GET /api/publications/:id': ['officer', 'leader', 'supervisor'],
  'POST /api/publications': ['officer', 'leader'],
  'GET /api/publications/import/template': ['officer', 'leader'],
  'POST /api/publications/import': ['officer', 'leader'],
  'POST /api/publications/:id/masking': ['officer', 'leader'],
  'POST /api/publications/:id/publish': ['officer', 'leader'],
  'POST /api/publications/:id/change': ['officer', 'leader'],
  'POST /api/publications/:id/withdraw': ['officer', 'leader'],
  'GET /api/settings/publication': ROLES,
  'PUT /api/settings/publication': ['admin'],
  'GET /api/ledger': ['supervisor', 'admin'],
  'POST /api/transparency/checkpoints': ['supervisor', 'admin'],
  'POST /api/records': ['officer', 'recordsKeeper', 'admin'],
  'POST /api/records/from-upload': ['officer', 'recordsKeeper', 'admin'],
  'GET /api/records': ROLES,
  'GET /api/records/:id': ROLES,
  'GET /api/records/:id/content': ROLES,
  'GET /api/records/:id/retrievals': ['supervisor', 'admin'],
  'GET /api/meta/cases': STAFF,
  'GET /api/parties': ROLES,
  'POST /api/parties': ['officer'],
  'GET /api/parties/:id': ROLES,
  'POST /api/parties/search': ROLES,
  'POST /api/parties/lookup': ['officer', 'leader'],
  'POST /api/parties/:id/disclosures': ['officer', 'reviewer', 'leader'],
  'GET /api/power-items': ROLES,
  'POST /api/power-items': ['admin'],
  'PATCH /api/power-items/:id': ['admin'],
  'GET /api/cases': ROLES,
  'POST /api/cases/search': ROLES,
  'POST /api/cases': ['officer', 'leader'],
  'GET /api/cases/:id': ROLES,
  'POST /api/cases/:id/transitions': ['officer'],
  'POST /api/cases/:id/extension': ['leader'],
  // The procedure of issue 12: the case's officer asks for approvals, proposes the penalty and
  // records the performance; the responsible person (a leader) approves or returns.
  'POST /api/cases/:id/approvals': ['officer'],
  'POST /api/cases/:id/penalty-proposal': ['officer'],
  'POST /api/cases/:id/performance': ['officer'],
  'POST /api/approvals/:id/decision': ['leader'],
  // Legal review (issue 13).
  'POST /api/cases/:id/legal-review/categories': ['reviewer', 'leader'],
  'POST /api/cases/:id/legal-review/complex': ['leader'],
  'POST /api/cases/:id/legal-reviews': ['officer'],
  'POST /api/cases/:id/review-meetings': ['leader'],
  'GET /api/legal-reviews': ['reviewer', 'leader'],
  'GET /api/legal-review/inbox': ['leader'],
  'GET /api/legal-reviews/:id': ROLES,
  'POST /api/legal-reviews/:id/assignment': ['reviewer'],
  'POST /api/legal-reviews/:id/extension': ['reviewer'],
  'POST /api/legal-reviews/:id/extension/decision': ['leader'],
  'POST /api/legal-reviews/:id/opinion': ['reviewer'],
  'POST /api/legal-reviews/:id/adoption': ['officer'],
  'POST /api/legal-reviews/:id/objection': ['officer'],
  'POST /api/legal-reviews/:id/reply': ['reviewer'],
  'POST /api/legal-reviews/:id/final-decision': ['leader'],
  'GET /api/settings/legal-review': ROLES,
  'PUT /api/settings/legal-review': ['admin'],
  'PUT /api/users/:id/legal-qualification': ['admin'],
  'GET /api/cases/:id/records': ROLES,
  'GET /api/cases/:id/ledger': ROLES,
  'POST /api/cases/:id/steps': ['officer'],
  'POST /api/steps/:id/complete': ['officer'],
  'POST /api/steps/:id/records': ['officer'],
  'PATCH /api/records/:id': ROLES,
  'PUT /api/records/:id': ROLES,
  'DELETE /api/records/:id': ROLES,
  'GET /api/recorders': ROLES,
  'POST /api/recorders': ['recordsKeeper', 'admin'],
  'POST /api/recorders/:id/check-out': ['recordsKeeper', 'admin'],
  'POST /api/recorders/:id/return': ['recordsKeeper', 'admin'],
  'POST /api/recorders/:id/status': ['recordsKeeper', 'admin'],
  'GET /api/recorders/:id/loans': ROLES,
  'GET /api/flags': ['supervisor', 'leader'],
  'POST /api/flags/:id/handle': ['supervisor'],
  'GET /api/alerts': ROLES,
  'GET /api/settings/av-rules': ROLES,
  'PUT /api/settings/av-rules': ['admin'],
  'GET /api/settings/payment-bank': ROLES,
  'PUT /api/settings/payment-bank': ['admin'],
  'GET /api/document-templates': ROLES,
  'GET /api/document-templates/:kind': ROLES,
  'PUT /api/document-templates/:kind': ['admin'],
  'GET /api/document-templates/:kind/preview': ROLES,
  'POST /api/cases/:id/documents': ['officer'],
  'GET /api/cases/:id/documents': ROLES,
  'GET /api/documents/:id': ROLES,
  'POST /api/documents/:id/finalise': ['officer'],
  'POST /api/documents/:id/reissue': ['officer'],
  'GET /api/documents/:id/docx': ROLES,
  'POST /api/documents/:id/signed-scan': ['officer'],
  'GET /api/case-files': ROLES,
  'GET /api/case-files/:id': ROLES,
  'GET /api/cases/:id/case-file': ROLES,
  'POST /api/case-files/:id/accept': ['recordsKeeper'],
  'GET /api/case-files/:id/package': ROLES,
  'GET /api/retention': ['recordsKeeper', 'leader', 'supervisor'],
  'GET /api/records/:id/retention': ROLES,
  'POST /api/records/:id/disposal/approve': ['recordsKeeper', 'leader'],
  'POST /api/records/:id/disposal/cancel': ['recordsKeeper', 'leader'],
  'POST /api/records/:id/marks': ['officer', 'recordsKeeper'],
  'GET /api/legal-holds': ['recordsKeeper', 'leader', 'supervisor'],
  'POST /api/legal-holds': ['recordsKeeper', 'leader', 'supervisor'],
  'POST /api/legal-holds/:id/release': ['recordsKeeper', 'leader', 'supervisor'],
  'GET /api/settings/retention': ROLES,
  'GET /api/todo': ['officer', 'reviewer', 'recordsKeeper', 'leader', 'supervisor'],
  'PUT /api/settings/retention': ['admin'],
  'GET /api/settings/approvals': ROLES,
  'PUT /api/settings/approvals': ['admin'],
  // PUB-03: the administrator configures receiving platforms and the dead-letter list; delivery
  // status per item for those who prepare, publish or oversee publications.
  'GET /api/outbox/platforms': ['admin'],
  'POST /api/outbox/platforms': ['admin'],
  'PATCH /api/outbox/platforms/:id': ['admin'],
  'GET /api/outbox': ['officer', 'leader', 'supervisor', 'admin'],
  'GET /api/outbox/dead': ['admin'],
  'POST /api/outbox/dead/retry': ['admin'],
  'POST /api/outbox/deliveries/:id/retry': ['admin'],
  // Major enforcement decisions (issue 13): any staff member may preview a classification.
  'POST /api/major-decisions/classify': STAFF,
  'GET /api/settings/major-decisions': ROLES,
  'PUT /api/settings/major-decisions': ['admin'],
  'GET /transparency/checkpoint': 'public',
  'GET /transparency/key': 'public',
  'GET /transparency/checkpoints': 'public',
  'GET /transparency/proof/inclusion': 'public',
  'GET /transparency/proof/consistency': 'public',
  'GET /open/decisions.json': 'public',
  'GET /open/decisions.csv': 'public',
  'GET /open/decisions.atom': 'public',
  'GET /open/catalog.jsonld': 'public',
};

const DEMO_USER: Record<Role, string> = {
  officer: 'officer1',
  reviewer: 'reviewer',
  recordsKeeper: 'keeper',
  leader: 'leader',
  supervisor: 'supervisor',
  admin: 'admin',
};

describe('every route × every role', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  let routes: string[] = [];

  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    for (const r of ROLES) sessions.set(r, await login(t.app, DEMO_USER[r]));
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    routes = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
  });
  afterAll(() => t?.close());

  it('PLT-03 the table above names every documented API route, and nothing else', () => {
    expect([...routes].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('PLT-03 anonymous callers get 401 on every non-public route; roles get 403 exactly where the table says', async () => {
    const answers: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const url =
        path.replace(':id', randomUUID()).replace(':year', '2026') +
        (path === '/api/calendar/deadline' ? '?date=2026-09-18&days=7' : '');
      const expected = EXPECTED[route]!;
      const send = (headers: Record<string, string>) =>
        t.app.inject({ method: method as 'GET', url, headers, ...(method === 'GET' ? {} : { payload: {} }) });

      const anon = await send({});
      if (expected === 'public') expect(anon.statusCode, route).not.toBe(401);
      else expect(anon.statusCode, `${route} anonymous`).toBe(401);

      for (const role of ROLES) {
        // Logging out would end the shared session: use a fresh one for that route.
        const s =
          route === 'POST /api/auth/logout' ? await login(t.app, DEMO_USER[role]) : sessions.get(role)!;
        const res = await send(s.headers);
        const allowed = expected === 'public' || expected === STAFF || expected.includes(role);
        answers.push(`${route} ${role} ${res.statusCode}`);
        if (allowed) expect([401, 403], `${route} as ${role}: ${res.body}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${route} as ${role}`).toBe(403);
        expect(res.statusCode, `${route} as ${role}`).toBeLessThan(500);
      }
    }
    expect(answers.length).toBe(routes.length * ROLES.length);
  });
});
