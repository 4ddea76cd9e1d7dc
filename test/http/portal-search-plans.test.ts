import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_COUNT_CAP } from '../../src/domain/public-decision';
import { queryTokens, searchTokens } from '../../src/domain/search-tokens';
import { newId } from '../../src/services/deps';
import * as decisions from '../../src/services/public-decision-service';
import * as repo from '../../src/repositories/public-decision-query-repository';
import { makeTestApp, type TestApp } from '../app';
import { DIALECTS } from '../db';

/**
 * The portal search at more than the count cap (issue 14, benchmarks): the plans the queries get
 * — read from EXPLAIN, never from timings — and the capped count. The public rows are written here
 * as TEST SETUP ONLY, in bulk: 2,100 decisions naming the place 朱家角 (more than the cap), three
 * of a rare company, on both databases.
 */
const COMMON = DECISION_COUNT_CAP + 100;
const TODAY = '2026-11-25';
const RARE_NAME = '上海练塘嘉禾润泽停车管理有限公司';

describe.each(DIALECTS)('portal search plans and the capped count on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const db = t.db.db;
    const agency = await db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    const unit = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .orderBy('name')
      .executeTakeFirstOrThrow();
    const now = t.clock.now().toISOString();
    const rows = Array.from({ length: COMMON + 3 }, (_, i) => {
      const rare = i >= COMMON;
      const party = rare ? RARE_NAME : `上海朱家角宏达置业有限公司第${i}分公司`;
      const number = rare ? `青国动罚字〔2026〕第${90_000 + i}号` : `青国动检字〔2026〕第${i + 1}号`;
      // Spread over 2024-01-01 … 2026-11-20, in date order; the rare ones in between.
      const day = rare ? 400 + (i - COMMON) * 100 : Math.floor((i * 1054) / COMMON);
      const decided = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      const facts = rare
        ? '当事人在上海市青浦区练塘镇的人防工程内擅自改变用途。'
        : '当事人在上海市青浦区朱家角镇公园路8号的人防工程内擅自改变用途。';
      return { party, number, decided, facts };
    });
    for (let i = 0; i < rows.length; i += 400) {
      const part = rows.slice(i, i + 400).map((r) => ({ ...r, itemId: newId(t.clock), id: newId(t.clock) }));
      await db
        .insertInto('publication_items')
        .values(
          part.map((r) => ({
            id: r.itemId,
            agency_id: agency.id,
            act_type: 'inspection',
            decision: 'external',
            number: r.number,
            decision_date: r.decided,
            unit_id: unit.id,
            responsible_name: '孙志强',
            party_kind: 'organisation',
            party_name: r.party,
            minor: 0,
            facts: r.facts,
            basis: '《上海市民防条例》第二十八条',
            result_kind: 'order',
            result_content: '责令限期改正。',
            draft_party_name: r.party,
            draft_facts: r.facts,
            draft_basis: '《上海市民防条例》第二十八条',
            draft_result_content: '责令限期改正。',
            state: 'published',
            due: r.decided,
            due_confirmed: 1,
            created_by: user.id,
            created_at: now,
          })),
        )
        .execute();
      await db
        .insertInto('public_decisions')
        .values(
          part.map((r, j) => ({
            id: r.id,
            item_id: r.itemId,
            act_type: 'inspection',
            number: r.number,
            decision_date: r.decided,
            unit_id: unit.id,
            unit_name: unit.name,
            responsible_name: '孙志强',
            party_kind: 'organisation',
            party_name: r.party,
            facts: r.facts,
            basis: '《上海市民防条例》第二十八条',
            result_kind: 'order',
            result_content: '责令限期改正。',
            display_end: '2029-12-31',
            withdrawn: 0,
            expired: 0,
            published_at: now,
            ledger_seq: 5_000_000 + i + j,
            leaf_hash: 'cd'.repeat(32),
            search_tokens: searchTokens(r.party, r.number, r.facts, unit.name),
          })),
        )
        .execute();
    }
    await (dialect === 'postgres'
      ? db.executeQuery(CompiledQuery.raw('analyze public_decisions'))
      : db.executeQuery(CompiledQuery.raw('analyze')));
  }, 120_000);
  afterAll(async () => t?.close());

  /**
   * The plan of exactly the query the repository runs, as text. On PostgreSQL a table of 2,100
   * rows is cheapest to read whole, so sequential scans are priced out for the EXPLAIN: what is
   * asserted is that the index CAN serve this very query (a condition the index does not match,
   * like a tsvector computed in the query against another expression, could not use it). The
   * planner's own choice at 10⁶ rows is in bench/README.md.
   */
  async function plan(q: { compile(): CompiledQuery }): Promise<string> {
    const c = q.compile();
    if (dialect === 'sqlite') {
      const res = await t.db.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
      );
      return res.rows.map((r) => r.detail).join('\n');
    }
    return t.db.db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const res = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (costs off) ${c.sql}`, [...c.parameters]),
      );
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }
  const match = (q: string): repo.DecisionMatch => ({ tokens: queryTokens(q) });

  it('PUB-04 a two-character term matching more than the cap is counted as "2000 条以上"; a rare one exactly', async () => {
    const common = await decisions.searchDecisions(t.deps, { q: '朱家' }, { limit: 20, count: true });
    expect(common.total).toEqual({ count: DECISION_COUNT_CAP, more: true });
    expect(common.items).toHaveLength(20);
    const rare = await decisions.searchDecisions(t.deps, { q: RARE_NAME }, { limit: 20, count: true });
    expect(rare.total).toEqual({ count: 3, more: false });
    expect(rare.items.map((d) => d.partyName)).toEqual([RARE_NAME, RARE_NAME, RARE_NAME]);
    // Two characters inside a word: 练塘 is in the rare rows' place only; 家角 in every common row.
    expect((await decisions.searchDecisions(t.deps, { q: '练塘' }, { limit: 5, count: true })).total).toEqual(
      {
        count: 3,
        more: false,
      },
    );
    expect(
      (await decisions.searchDecisions(t.deps, { q: '家角' }, { limit: 5, count: true })).total?.more,
    ).toBe(true);
    // Filters count too: one day of the common term.
    const first = common.items[0]!;
    const day = await decisions.searchDecisions(
      t.deps,
      { q: '朱家', from: first.decisionDate, to: first.decisionDate },
      { limit: 20, count: true },
    );
    expect(day.total?.more).toBe(false);
    expect(day.total?.count).toBe(day.items.length);
    // The counted query stops at the cap + 1 rows.
    expect(await repo.countDecisions(t.db.db, match('朱家'), TODAY, DECISION_COUNT_CAP + 1)).toBe(
      DECISION_COUNT_CAP + 1,
    );
  });

  it('PUB-04 the portal page shows the capped count', async () => {
    const common = await t.app.inject({ method: 'GET', url: `/decisions?q=${encodeURIComponent('朱家')}` });
    expect(common.statusCode).toBe(200);
    expect(common.body).toContain(`${DECISION_COUNT_CAP} 条以上`);
    const rare = await t.app.inject({ method: 'GET', url: `/decisions?q=${encodeURIComponent(RARE_NAME)}` });
    expect(rare.body).toMatch(/找到 <span class="total">3 条<\/span>/);
  });

  it('PUB-04 a common term pages newest first through the whole set, the same as the plan for few matches', async () => {
    // Walk every page of the common term with each plan: the same decisions in the same order.
    const all = async (manyMatches: boolean) => {
      const out: string[] = [];
      let after: { date: string; id: string } | null = null;
      for (;;) {
        const rows = await repo.pageDecisions(t.db.db, match('朱家'), TODAY, after, 500, { manyMatches });
        out.push(...rows.map((r) => `${r.decisionDate} ${r.id}`));
        if (rows.length < 500) return out;
        const last = rows[rows.length - 1]!;
        after = { date: last.decisionDate, id: last.id };
      }
    };
    const walked = await all(true);
    expect(walked).toHaveLength(COMMON);
    expect(walked).toEqual([...walked].sort().reverse());
    expect(walked).toEqual(await all(false));
    // The service's pages (keyset cursor) give the same first 45.
    const p1 = await decisions.searchDecisions(t.deps, { q: '朱家' }, { limit: 20 });
    const p2 = await decisions.searchDecisions(t.deps, { q: '朱家' }, { limit: 25, cursor: p1.nextCursor! });
    expect([...p1.items, ...p2.items].map((d) => `${d.decisionDate} ${d.id}`)).toEqual(walked.slice(0, 45));
  });

  it('PUB-04 the search queries use the search index and the date index (EXPLAIN)', async () => {
    const rarePage = await plan(repo.pageQuery(t.db.db, match(RARE_NAME), TODAY, null, 21));
    const count = await plan(repo.countQuery(t.db.db, match('朱家'), TODAY, DECISION_COUNT_CAP + 1));
    const commonPage = await plan(
      repo.pageQuery(t.db.db, match('朱家'), TODAY, null, 21, { manyMatches: true }),
    );
    if (dialect === 'postgres') {
      // The GIN index on the stored vector; 015's expression index is gone.
      expect(rarePage).toMatch(/Bitmap Index Scan on public_decisions_search_vector/);
      expect(rarePage).not.toMatch(/Seq Scan/);
      const indexes = await t.db.db
        .selectFrom('pg_indexes' as never)
        .select(['indexname' as never])
        .where('tablename' as never, '=', 'public_decisions' as never)
        .where('schemaname' as never, '=', t.db.pgSchema! as never)
        .execute();
      const names = indexes.map((r) => (r as { indexname: string }).indexname);
      expect(names).toContain('public_decisions_search_vector');
      expect(names).not.toContain('public_decisions_search');
      // A page of a common term may walk the date index or use the GIN index; it never reads
      // the whole table.
      expect(commonPage).toMatch(/public_decisions_date|public_decisions_search_vector/);
      expect(commonPage).not.toMatch(/Seq Scan/);
      expect(count).toMatch(/Limit/);
    } else {
      // Few matches: the FTS index gives the rowids, the rows are fetched by rowid.
      expect(rarePage).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
      expect(rarePage).toMatch(/USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      // Many matches: the date index newest first, no sort, each row looked up in the FTS index.
      expect(commonPage).toMatch(/SCAN public_decisions USING INDEX public_decisions_date/);
      expect(commonPage).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(commonPage).toMatch(/public_decisions_fts .*VIRTUAL TABLE INDEX \d+:=M/);
      // The count streams from the FTS index (newest first) into the table, no list collected.
      expect(count.split('\n').find((l) => l.includes('VIRTUAL TABLE'))).toMatch(/SCAN f VIRTUAL TABLE/);
      expect(count).toMatch(/USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(count).not.toMatch(/LIST SUBQUERY/);
    }
  });
});
