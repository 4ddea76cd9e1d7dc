import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryLeafHash } from '../../src/domain/ledger-entry';
import { DIALECTS } from '../db';
import { login, makeTestApp, type TestApp } from '../app';

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
});
