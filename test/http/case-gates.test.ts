import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGateRegistry } from '../../src/domain/case-gates';
import { hasCompletedStep } from '../../src/repositories/step-repository';
import type { CaseCapabilities } from '../../src/services/case-facts';
import {
  demoFiling,
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';

// The facts this test capability adds to a case (declaration merging, as a real capability does).
declare module '../../src/domain/case-gates' {
  interface CapabilityFacts {
    /** An inquiry (询问) step of the case is completed. */
    partyHeard?: boolean;
  }
}
// …and the error code its gate answers with.
declare module '../../src/domain/error-codes' {
  interface CapabilityErrorCodes {
    INQUIRY_REQUIRED: true;
  }
}

/** A capability of the kind legal review adds: a gate on one transition and the fact it reads. */
function inquiryBeforeNotice(): CaseCapabilities {
  const gates = new CaseGateRegistry().register({
    id: 'test.inquiryBeforeNotice',
    actions: ['notice'],
    guard: (ctx) =>
      ctx.facts.partyHeard === true
        ? null
        : { code: 'INQUIRY_REQUIRED', message: '告知前须完成对当事人的询问', field: 'steps' },
  });
  return {
    gates,
    factSources: [
      {
        id: 'test.partyHeard',
        load: async (ex, c) => ({ partyHeard: await hasCompletedStep(ex, c.id, 'inquiry') }),
      },
    ],
  };
}

interface CaseBody {
  id: string;
  state: string;
  closed: boolean;
  allowedActions: Array<{ action: string; label: string; onWaiver?: boolean }>;
  blockedActions: Array<{ action: string; label: string; code: string; reason: string }>;
  decisionExtension: { usedDays: number; maxDays: number; unit: string } | null;
}

describe.each(DIALECTS)('case gates and the case view’s flags on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const http = httpClient(() => t.app);
  const { post } = http;
  const get = async (s: Session, url: string) => (await http.get(s, url)).json<CaseBody>();
  const ledgerSize = async () =>
    Number(
      (await t.db.db
        .selectFrom('ledger')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst())!.n,
    );

  beforeAll(async () => {
    t = await makeTestApp(dialect, { capabilities: inquiryBeforeNotice() });
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    office = await demoOffice(t.app, await login(t.app, 'admin'));
  });
  afterAll(() => t?.close());

  it('ACT-1 a capability’s gate holds a transition back with its own 409 code and reason, writes nothing, and the case view says why', async () => {
    const filed = await post(officer, '/api/cases', demoFiling(office));
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json<CaseBody>().id;
    for (const action of ['startInvestigation', 'endInvestigation'])
      expect((await post(officer, `/api/cases/${id}/transitions`, { action })).statusCode).toBe(200);

    const view = await get(officer, `/api/cases/${id}`);
    expect(view.allowedActions.map((a) => a.action)).not.toContain('notice');
    expect(view.blockedActions).toEqual([
      { action: 'notice', label: '告知', code: 'INQUIRY_REQUIRED', reason: '告知前须完成对当事人的询问' },
    ]);

    const before = await ledgerSize();
    const notice = {
      action: 'notice',
      sanction: { kinds: ['warning', 'fine'], fine: 2_000_000, confiscated: 0 },
    };
    const refused = await post(officer, `/api/cases/${id}/transitions`, notice);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'INQUIRY_REQUIRED', field: 'steps' });
    expect(errorOf(refused).message).toContain('告知前须完成对当事人的询问');
    expect(refused.json<{ error: { details: { gate: string } } }>().error.details.gate).toBe(
      'test.inquiryBeforeNotice',
    );
    expect(await ledgerSize()).toBe(before);
    expect((await get(officer, `/api/cases/${id}`)).state).toBe('investigationEnded');

    // The fact the gate reads comes true: an inquiry of the party is completed.
    const step = await post(officer, `/api/cases/${id}/steps`, {
      kind: 'inquiry',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '执法科询问室',
      notes: '询问当事人',
      officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
      inField: false,
      contactWithParty: false,
    });
    expect(step.statusCode, step.body).toBe(201);
    expect(
      (await post(officer, `/api/steps/${step.json<{ id: string }>().id}/complete`, {})).statusCode,
    ).toBe(200);
    expect((await get(officer, `/api/cases/${id}`)).blockedActions).toEqual([]);
    const noticed = await post(officer, `/api/cases/${id}/transitions`, notice);
    expect(noticed.statusCode, noticed.body).toBe(200);
    expect(noticed.json<CaseBody>().state).toBe('noticed');
  });

  it('ACT-1 the case view carries the rules the workbench used to copy: decision on waiver, extension left, closed', async () => {
    const id = (await post(officer, '/api/cases', demoFiling(office))).json<CaseBody>().id;
    const filed = await get(officer, `/api/cases/${id}`);
    expect(filed.decisionExtension).toEqual({ usedDays: 0, maxDays: 275, unit: 'natural' });
    expect(filed.closed).toBe(false);

    const extended = await post(leader, `/api/cases/${id}/extension`, {
      days: 30,
      reason: '案情复杂，需进一步调查取证',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json<CaseBody>().decisionExtension).toEqual({
      usedDays: 30,
      maxDays: 275,
      unit: 'natural',
    });

    // Within the notice period the decision is offered only on the party's waiver.
    const inquiry = await post(officer, `/api/cases/${id}/steps`, {
      kind: 'inquiry',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '执法科询问室',
      notes: '询问当事人',
      officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
      inField: false,
      contactWithParty: false,
    });
    await post(officer, `/api/steps/${inquiry.json<{ id: string }>().id}/complete`, {});
    for (const body of [
      { action: 'startInvestigation' },
      { action: 'endInvestigation' },
      { action: 'notice', sanction: { kinds: ['warning'], fine: 0, confiscated: 0 } },
    ])
      expect((await post(officer, `/api/cases/${id}/transitions`, body)).statusCode).toBe(200);
    const noticed = await get(officer, `/api/cases/${id}`);
    expect(noticed.allowedActions).toContainEqual({ action: 'decide', label: '作出决定', onWaiver: true });

    const decided = await post(officer, `/api/cases/${id}/transitions`, {
      action: 'decide',
      outcome: 'noPenalty',
      partyWaived: true,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<CaseBody>().decisionExtension).toBeNull();

    // A terminated case is closed in the list as on its page.
    const other = (await post(officer, '/api/cases', demoFiling(office))).json<CaseBody>().id;
    const ended = await post(officer, `/api/cases/${other}/transitions`, {
      action: 'terminate',
      reason: '违法事实不成立',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<CaseBody>().closed).toBe(true);
    const list = (await t.app.inject({ url: '/api/cases?limit=50', headers: officer.headers })).json<{
      items: Array<{ id: string; closed: boolean }>;
    }>();
    expect(list.items.find((c) => c.id === other)?.closed).toBe(true);
    expect(list.items.find((c) => c.id === id)?.closed).toBe(false);
  });
});
