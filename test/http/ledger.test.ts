import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryLeafHash } from '../../src/domain/ledger-entry';
import { ledgerFieldSpec } from '../../src/domain/ledger-labels';
import type { CaseLedgerEntry, LedgerPage } from '../../src/http/routes/ledger.schema';
import { DIALECTS } from '../db';
import { demoFiling, demoOffice, httpClient, login, makeTestApp, ok, type TestApp } from '../app';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** What people read of an entry: all Chinese, no ids, codes or JSON. */
function readable(e: {
  actionLabel: string;
  actorName: string;
  subjectLabel: string;
  subjectName: string | null;
  case: { number: string; title: string } | null;
  details: Array<{ label: string; value: string }>;
}): string {
  return [
    e.actionLabel,
    e.actorName,
    e.subjectLabel,
    e.subjectName ?? '',
    e.case ? `${e.case.number} ${e.case.title}` : '',
    ...e.details.map((d) => `${d.label}：${d.value}`),
  ].join('\n');
}

describe.each(DIALECTS)('ledger API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('PLT-04 supervisors read the ledger newest first, page by page, with who did it and a hash that recomputes', async () => {
    const s = await login(t.app, 'supervisor');
    type Page = {
      items: Array<{
        seq: number;
        recordedAt: string;
        actor: { type: 'user' | 'system' | 'anonymous'; id: string; name?: string };
        action: `${string}.${string}@${number}`;
        subject: { type: string; id: string };
        data: unknown;
        leafHash: string;
      }>;
      nextCursor: number | null;
    };
    const first = (await t.app.inject({ url: '/api/ledger?limit=5', headers: s.headers })).json<Page>();
    expect(first.items).toHaveLength(5);
    expect(first.items[0]!.action).toBe('auth.login-succeeded@1');
    expect(first.items[0]!.actor.name).toBe('吴敏');
    const seqs = first.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const second = (
      await t.app.inject({ url: `/api/ledger?limit=5&cursor=${first.nextCursor}`, headers: s.headers })
    ).json<Page>();
    expect(second.items[0]!.seq).toBe(seqs[seqs.length - 1]! - 1);
    for (const e of [...first.items, ...second.items]) {
      expect(
        entryLeafHash({
          seq: e.seq,
          recordedAt: e.recordedAt,
          actor: { type: e.actor.type, id: e.actor.id },
          action: e.action,
          subject: e.subject,
          data: e.data,
        }),
      ).toBe(e.leafHash);
    }
    // Passwords never reach the ledger.
    const all = (await t.app.inject({ url: '/api/ledger?limit=200', headers: s.headers })).body;
    expect(all).not.toContain('zhifa-demo-2026');
    expect(all).not.toContain('scrypt$');
  });

  it('PLT-06 the case 留痕 and the whole ledger read in Chinese: labels, names, the case by number and title, details without ids or JSON', async () => {
    const admin = await login(t.app, 'admin');
    const officer = await login(t.app, 'officer1');
    const supervisor = await login(t.app, 'supervisor');
    const { post, get } = httpClient(t.app);
    const office = await demoOffice(t.app, admin);
    const c = await ok<{ id: string; number: string; title: string }>(
      post(officer, '/api/cases', demoFiling(office)),
      201,
    );
    await ok(
      post(officer, `/api/cases/${c.id}/steps`, {
        kind: 'inquiry',
        occurredAt: '2026-11-25T09:30:00+08:00',
        place: '青浦区国防动员办公室',
        notes: '询问',
        officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
        inField: false,
      }),
      201,
    );
    const trail = await ok<CaseLedgerEntry[]>(get(supervisor, `/api/cases/${c.id}/ledger`));
    const filed = trail.find((e) => e.action === 'case.filed@1')!;
    expect(filed).toMatchObject({
      actionLabel: '立案',
      case: { id: c.id, number: c.number, title: c.title },
    });
    expect(filed.actorName).not.toMatch(UUID);
    expect(filed.details).toEqual(
      expect.arrayContaining([
        { label: '执法行为', value: '行政处罚' },
        { label: '程序', value: '普通程序' },
        { label: '执法人员', value: '王建国、李明' },
        { label: '科室', value: '执法科' },
      ]),
    );
    const step = trail.find((e) => e.action === 'step.recorded@1')!;
    expect(step).toMatchObject({ actionLabel: '记录执法环节', case: { number: c.number } });
    expect(step.details).toEqual(
      expect.arrayContaining([
        { label: '环节类别', value: '询问' },
        { label: '时间', value: '2026年11月25日 09:30' },
      ]),
    );

    const whole = await ok<LedgerPage>(get(supervisor, '/api/ledger?limit=200'));
    expect(whole.items.find((e) => e.action === 'step.recorded@1')?.case?.number).toBe(c.number);
    const unknownFields = new Set<string>();
    for (const e of [...trail, ...whole.items]) {
      const text = readable(e);
      expect(text, e.action).not.toMatch(UUID);
      expect(text, e.action).not.toContain('{"');
      expect(text, e.action).not.toMatch(/@\d/);
      expect(e.actionLabel, e.action).not.toBe('其他操作');
      // Every field the platform writes is in the catalogue (shown, or left out on purpose).
      for (const key of Object.keys(e.data as Record<string, unknown>))
        if (!ledgerFieldSpec(e.action, e.subject.type, key)) unknownFields.add(`${e.action} ${key}`);
    }
    expect([...unknownFields]).toEqual([]);
  });
});
