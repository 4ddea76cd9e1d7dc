import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ORG_CODE,
  demoFiling,
  demoOffice,
  login,
  makeTestApp,
  officerSession,
  tusUpload,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { proceedings } from '../proceeding';

/**
 * PLT-07: who may read or act on a case, by role and relation to the case, over the real routes.
 * The expected table is written out by hand from the requirement — not derived from the policy
 * module — so a change to either shows up here.
 *
 * Users: A officer assigned to the case (王建国), U officer of the same unit not assigned (张伟),
 * X officer of another unit (黄静, 综合科), N officer account without an officer record,
 * R legal reviewer (the case was not sent to review), K records keeper, L leader, S supervisor,
 * M system administrator.
 */
const USERS = ['A', 'U', 'X', 'N', 'R', 'K', 'L', 'S', 'M'] as const;
type User = (typeof USERS)[number];

/** Open case (under investigation): who gets past the access check ("." = refused with 403). */
const OPEN: Record<string, string> = {
  'GET case': '                A U . . . . L S .',
  'case in list': '            A U . . . . L S .',
  'case in search by party': ' A U . . . . L S .',
  'party in search': '         A U . . . . L S .',
  'GET party': '               A U . . . . L S .',
  // Knowing the number and the name proves knowledge of the party: any officer or leader may ask.
  'POST party lookup': '       A U X N . . L . .',
  'GET records': '             A U . . . . L S .',
  'GET ledger': '              A U . . . . L S .',
  'GET documents': '           A U . . . . L S .',
  'GET record': '              A U . . . . L S .',
  'GET record content': '      A U . . . . L S .',
  'GET record retention': '    A U . . . . L S .',
  'POST step': '               A . . . . . . . .',
  'POST transition': '         A . . . . . . . .',
  // The procedure of issue 12: the officer asks for approvals, proposes the penalty and records the
  // performance (case.act); a leader decides an approval on any case (case.approve, leader: any).
  'POST approval request': '   A . . . . . . . .',
  'POST penalty proposal': '   A . . . . . . . .',
  'POST performance': '        A . . . . . . . .',
  'POST approval decision': '  . . . . . . L . .',
  'POST document draft': '     A . . . . . . . .',
  'POST record mark': '        A . . . . . . . .',
  'POST extension': '          . . . . . . L . .',
  'POST disclosure': '         A . . . . . L . .',
  'POST legal hold': '         . . . . . . L S .',
};

/** The same case once closed: the records keeper reads it now, and may hold and mark it. */
const CLOSED: Record<string, string> = {
  'GET case': '                A U . . . K L S .',
  'case in list': '            A U . . . K L S .',
  'GET case file': '           A U . . . K L S .',
  'case file in list': '       A U . . . K L S .',
  'GET record': '              A U . . . K L S .',
  'POST record mark': '        A . . . . K . . .',
  'POST legal hold': '         . . . . . K L S .',
  'GET package (redacted)': '  A U . . . K L S .',
  'POST accept case file': '   . . . . . K . . .',
};

function allowed(row: string): Set<User> {
  const marks = row.trim().split(/\s+/);
  expect(marks.length).toBe(USERS.length);
  return new Set(USERS.filter((u, i) => marks[i] === u));
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(DIALECTS)('object-level access to cases on %s', (dialect) => {
  let t: TestApp;
  const s = new Map<User, Session>();
  let officers = new Map<string, string>();
  let items = new Map<string, string>();
  let unitId = '';
  const openCase = { id: '', partyId: '', recordId: '', stepId: '', approvalId: '' };
  const closedCase = { id: '', recordId: '', fileId: '' };

  const p = proceedings(() => t.app, {
    officer: () => s.get('A')!,
    leader: () => s.get('L')!,
    officerIds: () => [officers.get('王建国')!, officers.get('李明')!],
  });
  const send = (u: User, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.get(u)!.headers, ...(payload && { payload }) });
  const ok = async <T>(p: ReturnType<typeof send>, status = 200): Promise<T> => {
    const r = await p;
    expect(r.statusCode, r.body).toBe(status);
    return r.json<T>();
  };
  const file = (over: Record<string, unknown>) =>
    ok<{ id: string; party: { id: string } }>(
      send('A', 'POST', '/api/cases', demoFiling({ officers, items, unitId }, over)),
      201,
    );
  const addRecord = async (caseId: string) => {
    const step = await ok<{ id: string }>(
      send('A', 'POST', `/api/cases/${caseId}/steps`, {
        kind: 'inquiry',
        occurredAt: '2026-11-25T09:30:00+08:00',
        place: '青浦区国防动员办公室',
        notes: '询问笔录',
        officerIds: [officers.get('王建国'), officers.get('李明')],
        inField: false,
      }),
      201,
    );
    const uploadId = await tusUpload(t.app, s.get('A')!, PNG, 'photo.png', 'image/png');
    const rec = await ok<{ id: string }>(
      send('A', 'POST', `/api/steps/${step.id}/records`, { uploadId, kind: 'photo', protection: 'internal' }),
      201,
    );
    return { stepId: step.id, recordId: rec.id };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const admin = await login(t.app, 'admin');
    ({ officers, items, unitId } = await demoOffice(t.app, admin));
    s.set('A', await login(t.app, 'officer1'));
    s.set('U', await officerSession(t.app, admin, officers.get('张伟')!, 'zhangwei'));
    s.set('X', await officerSession(t.app, admin, officers.get('黄静')!, 'huangjing'));
    s.set('N', await officerSession(t.app, admin, null, 'noofficer'));
    s.set('R', await login(t.app, 'reviewer'));
    s.set('K', await login(t.app, 'keeper'));
    s.set('L', await login(t.app, 'leader'));
    s.set('S', await login(t.app, 'supervisor'));
    s.set('M', admin);

    const o = await file({ procedure: 'ordinary', powerItemId: items.get('QPMF-CF-002') });
    openCase.id = o.id;
    openCase.partyId = o.party.id;
    // Under investigation once the leader approved the filing (issue 12).
    const investigating = await p.runTo(o.id, 'investigating');
    openCase.approvalId = investigating.proceeding.approvals.find((a) => a.kind === 'filing')!.id;
    Object.assign(openCase, await addRecord(o.id));

    const c = await file({
      procedure: 'simplified',
      powerItemId: items.get('QPMF-CF-003'),
      sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 },
    });
    closedCase.id = c.id;
    closedCase.recordId = (await addRecord(c.id)).recordId;
    await ok(send('A', 'POST', `/api/cases/${c.id}/transitions`, { action: 'serve' }));
    await p.pay(c.id, 300_000); // 执行 waits for the payment (issue 12)
    for (const action of ['execute', 'close'])
      await ok(send('A', 'POST', `/api/cases/${c.id}/transitions`, { action }));
    closedCase.fileId = (await ok<{ id: string }>(send('L', 'GET', `/api/cases/${c.id}/case-file`))).id;
  });
  afterAll(() => t?.close());

  /** Whether the user got past authorisation: not 401/403, and never a 500. */
  async function passes(u: User, req: () => ReturnType<typeof send>): Promise<boolean> {
    const r = await req();
    expect(r.statusCode, `${u}: ${r.body}`).toBeLessThan(500);
    if (r.statusCode === 403)
      expect(r.json<{ error: { code: string } }>().error.code).toMatch(/^(FORBIDDEN|CASE_ACCESS_DENIED)$/);
    return r.statusCode !== 403 && r.statusCode !== 401;
  }
  const listed = async (u: User, url: string, id: string) => {
    const r = await send(u, 'GET', url);
    if (r.statusCode === 403) return false;
    expect(r.statusCode, r.body).toBe(200);
    return r
      .json<{ items: Array<{ id: string; caseId?: string }> }>()
      .items.some((x) => (x.caseId ?? x.id) === id);
  };

  const OPEN_REQUESTS: Record<string, (u: User) => Promise<boolean>> = {
    'GET case': (u) => passes(u, () => send(u, 'GET', `/api/cases/${openCase.id}`)),
    'case in list': (u) => listed(u, '/api/cases?limit=200', openCase.id),
    'case in search by party': async (u) => {
      const r = await send(u, 'POST', '/api/cases/search', { partyName: '上海某某置业', limit: 200 });
      if (r.statusCode === 403) return false;
      return r.json<{ items: Array<{ id: string }> }>().items.some((x) => x.id === openCase.id);
    },
    'party in search': async (u) => {
      const r = await send(u, 'POST', '/api/parties/search', { name: '上海某某置业', limit: 200 });
      if (r.statusCode === 403) return false;
      return r.json<{ items: Array<{ id: string }> }>().items.some((x) => x.id === openCase.partyId);
    },
    'GET party': (u) => passes(u, () => send(u, 'GET', `/api/parties/${openCase.partyId}`)),
    'POST party lookup': async (u) => {
      const r = await send(u, 'POST', '/api/parties/lookup', {
        idNumber: DEMO_ORG_CODE,
        name: '上海某某置业有限公司',
      });
      return r.statusCode === 200 && r.json<{ party: { id: string } | null }>().party !== null;
    },
    'GET records': (u) => passes(u, () => send(u, 'GET', `/api/cases/${openCase.id}/records`)),
    'GET ledger': (u) => passes(u, () => send(u, 'GET', `/api/cases/${openCase.id}/ledger`)),
    'GET documents': (u) => passes(u, () => send(u, 'GET', `/api/cases/${openCase.id}/documents`)),
    'GET record': (u) => passes(u, () => send(u, 'GET', `/api/records/${openCase.recordId}`)),
    'GET record content': (u) =>
      passes(u, () =>
        send(u, 'GET', `/api/records/${openCase.recordId}/content?purpose=${encodeURIComponent('案件办理')}`),
      ),
    'GET record retention': (u) =>
      passes(u, () => send(u, 'GET', `/api/records/${openCase.recordId}/retention`)),
    'POST step': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/cases/${openCase.id}/steps`, {
          kind: 'other',
          occurredAt: '2026-11-25T10:00:00+08:00',
          place: '青浦区国防动员办公室',
          notes: '内部讨论',
          officerIds: [officers.get('王建国')],
          inField: false,
        }),
      ),
    // Closing an open case is refused by the machine (409): only the authorised get that far.
    'POST transition': (u) =>
      passes(u, () => send(u, 'POST', `/api/cases/${openCase.id}/transitions`, { action: 'close' })),
    // None of these may change the case: each is refused by the procedure (409) past the access
    // check — no approval is due while investigating, no penalty before 调查终结, no performance
    // before 送达, and the filing approval was decided already.
    'POST approval request': (u) =>
      passes(u, () => send(u, 'POST', `/api/cases/${openCase.id}/approvals`, { kind: 'closing' })),
    'POST penalty proposal': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/cases/${openCase.id}/penalty-proposal`, {
          sanction: { kinds: ['warning'], fine: 0, confiscated: 0 },
        }),
      ),
    'POST performance': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/cases/${openCase.id}/performance`, {
          kind: 'finePaid',
          amount: 2_000_000,
          paidOn: '2026-11-26',
          receiptNumber: 'No.2026-0001',
        }),
      ),
    'POST approval decision': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/approvals/${openCase.approvalId}/decision`, {
          verdict: 'approve',
          opinion: '同意',
        }),
      ),
    'POST document draft': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/cases/${openCase.id}/documents`, {
          kind: 'inquiryRecord',
          stepId: openCase.stepId,
        }),
      ),
    'POST record mark': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/records/${openCase.recordId}/marks`, {
          mark: 'evidence',
          reason: '证明违法事实',
        }),
      ),
    'POST extension': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/cases/${openCase.id}/extension`, { days: 30, reason: '案情复杂需要延长' }),
      ),
    'POST disclosure': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/parties/${openCase.partyId}/disclosures`, {
          purpose: '案件办理',
          fields: ['phone'],
        }),
      ),
    'POST legal hold': (u) =>
      passes(u, () => send(u, 'POST', '/api/legal-holds', { caseId: openCase.id, reason: '行政复议中' })),
  };
  const CLOSED_REQUESTS: Record<string, (u: User) => Promise<boolean>> = {
    'GET case': (u) => passes(u, () => send(u, 'GET', `/api/cases/${closedCase.id}`)),
    'case in list': (u) => listed(u, '/api/cases?limit=200', closedCase.id),
    'GET case file': (u) => passes(u, () => send(u, 'GET', `/api/case-files/${closedCase.fileId}`)),
    'case file in list': (u) => listed(u, '/api/case-files?limit=200', closedCase.id),
    'GET record': (u) => passes(u, () => send(u, 'GET', `/api/records/${closedCase.recordId}`)),
    'POST record mark': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/records/${closedCase.recordId}/marks`, {
          mark: 'disputed',
          reason: '当事人提出异议',
        }),
      ),
    'POST legal hold': (u) =>
      passes(u, () => send(u, 'POST', '/api/legal-holds', { caseId: closedCase.id, reason: '行政诉讼中' })),
    'GET package (redacted)': (u) =>
      passes(u, () =>
        send(
          u,
          'GET',
          `/api/case-files/${closedCase.fileId}/package?purpose=${encodeURIComponent('案卷评查')}&redacted=true`,
        ),
      ),
    // Last: acceptance archives the file.
    'POST accept case file': (u) =>
      passes(u, () =>
        send(u, 'POST', `/api/case-files/${closedCase.fileId}/accept`, { note: '缺少的材料已说明' }),
      ),
  };

  it('PLT-07 role × relation to an open case × action: exactly the hand-written table', async () => {
    expect(Object.keys(OPEN_REQUESTS)).toEqual(Object.keys(OPEN));
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const [action, row] of Object.entries(OPEN)) {
      const yes = allowed(row);
      const marks: string[] = [];
      for (const u of USERS) marks.push((await OPEN_REQUESTS[action]!(u)) ? u : '.');
      got[action] = marks.join(' ');
      want[action] = USERS.map((u) => (yes.has(u) ? u : '.')).join(' ');
    }
    expect(got).toEqual(want);
  });

  it('PLT-07 role × relation to a closed case × action: exactly the hand-written table', async () => {
    expect(Object.keys(CLOSED_REQUESTS)).toEqual(Object.keys(CLOSED));
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const [action, row] of Object.entries(CLOSED)) {
      const yes = allowed(row);
      const marks: string[] = [];
      for (const u of USERS) marks.push((await CLOSED_REQUESTS[action]!(u)) ? u : '.');
      got[action] = marks.join(' ');
      want[action] = USERS.map((u) => (yes.has(u) ? u : '.')).join(' ');
    }
    expect(got).toEqual(want);
  });
});
