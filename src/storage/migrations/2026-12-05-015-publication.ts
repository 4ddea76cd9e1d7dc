import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Publication of enforcement decisions (事后公示, issue 14).
 *
 * `publication_items` is internal: the decision as made (the party's name as given; ID number,
 * phone and address only sealed, for masking), the masked draft the preparer reviews, the state and
 * its deadlines, and who is responsible (谁执法谁公示谁负责). `public_decisions` is what the portal and
 * open data read: it holds ONLY the masked form, written when an item is published, emptied of its
 * content when the item is withdrawn or taken down. Nothing else public reads any other table.
 *
 * Search: `search_tokens` holds overlapping CJK 2-grams and ASCII words made by the application
 * (`domain/search-tokens.ts`), because SQLite's trigram tokenizer finds nothing for a 2-character
 * CJK query and pg_trgm ignores CJK under a C ctype. PostgreSQL indexes the column as a `simple`
 * tsvector (GIN, expression index); SQLite as an FTS5 `unicode61` external-content table kept in
 * step by triggers.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('publication_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // The case the decision was made in; null for a decision entered or imported from outside.
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    // The transition that made the decision: one item per decision, however often an effect runs.
    .addColumn('transition_id', 'text', (c) => c.unique().references('case_transitions.id'))
    // penalty | compulsion | inspection | licensing | expropriation
    .addColumn('act_type', 'text', (c) => c.notNull())
    // What decision it is, in the case machine's words (decide, grant, recordResult, …) or `external`.
    .addColumn('decision', 'text', (c) => c.notNull())
    // 文号; may be filled in while preparing (a decision document is often issued after deciding).
    .addColumn('number', 'text')
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // The responsible person (a user), named on the public row.
    .addColumn('responsible_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    // Party: person | organisation. The name as given; organisations by their credit code.
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('party_kind', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('legal_representative', 'text')
    // Personal data of a decision from outside (ID number, phone, address, other persons named):
    // sealed (AES-256-GCM, row and field as additional data) like a party's, read only to mask.
    .addColumn('personal_sealed', 'text')
    // Whether the party is a minor: such decisions are never published.
    .addColumn('minor', 'integer', (c) => c.notNull().defaultTo(0))
    // The decision's text as made.
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('result_kind', 'text', (c) => c.notNull())
    .addColumn('result_content', 'text', (c) => c.notNull())
    .addColumn('fine_amount', 'bigint')
    // The masked draft (what will be published) and the strings the preparer masked beyond the
    // automatic ones (sealed: they are personal data by definition).
    .addColumn('draft_party_name', 'text', (c) => c.notNull())
    .addColumn('draft_legal_representative', 'text')
    .addColumn('draft_facts', 'text', (c) => c.notNull())
    .addColumn('draft_basis', 'text', (c) => c.notNull())
    .addColumn('draft_result_content', 'text', (c) => c.notNull())
    .addColumn('extra_masks_sealed', 'text')
    .addColumn('masking_confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('masking_confirmed_at', 'text')
    // pending | published | withdrawalDue | withdrawn | expired
    .addColumn('state', 'text', (c) => c.notNull())
    // Publication due date (7 or 20 working days) and whether every calendar year it touched is known.
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('due_confirmed', 'integer', (c) => c.notNull())
    .addColumn('display_end', 'text')
    // The decision changed, revoked or confirmed unlawful (PUB-12): kind, reason, withdrawal due.
    .addColumn('change_kind', 'text')
    .addColumn('change_reason', 'text')
    .addColumn('change_recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('change_recorded_at', 'text')
    .addColumn('withdrawal_due', 'text')
    .addColumn('withdrawal_due_confirmed', 'integer')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_by', 'text', (c) => c.references('users.id'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('expired_at', 'text')
    .execute();
  // The workbench lists by state, newest first, and by due date (overdue first).
  await db.schema
    .createIndex('publication_items_state')
    .on('publication_items')
    .columns(['state', 'id'])
    .execute();
  await db.schema
    .createIndex('publication_items_due')
    .on('publication_items')
    .columns(['state', 'due'])
    .execute();
  await db.schema
    .createIndex('publication_items_unit')
    .on('publication_items')
    .columns(['unit_id', 'id'])
    .execute();
  await db.schema
    .createIndex('publication_items_case')
    .on('publication_items')
    .columns(['case_id'])
    .execute();
  await db.schema
    .createIndex('publication_items_display_end')
    .on('publication_items')
    .columns(['state', 'display_end'])
    .execute();

  // Alerts before and at a publication or withdrawal due day, and once when overdue. The same
  // timer/alert pattern as case_timers/alerts, apart because an item need not belong to a case.
  await db.schema
    .createTable('publication_timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('publication_items.id'))
    // publication | withdrawal
    .addColumn('deadline', 'text', (c) => c.notNull())
    // before | due | overdue
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('fire_on', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text')
    .execute();
  await db.schema
    .createIndex('publication_timers_fire')
    .on('publication_timers')
    .columns(['fired_at', 'fire_on'])
    .execute();
  await db.schema.createIndex('publication_timers_item').on('publication_timers').column('item_id').execute();
  await db.schema
    .createTable('publication_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('publication_items.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    // One alert per item, deadline, stage and due date, however many nodes run the job.
    .addUniqueConstraint('publication_alerts_once', ['item_id', 'deadline', 'stage', 'due'])
    .execute();
  await db.schema
    .createIndex('publication_alerts_raised')
    .on('publication_alerts')
    .columns(['raised_at', 'id'])
    .execute();

  // The public table: masked data only.
  await db.schema
    .createTable('public_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().unique().references('publication_items.id'))
    .addColumn('act_type', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    // person | organisation
    .addColumn('party_kind', 'text', (c) => c.notNull())
    // The content below is null once the decision is withdrawn or taken down.
    .addColumn('party_name', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('legal_representative', 'text')
    .addColumn('facts', 'text')
    .addColumn('basis', 'text')
    .addColumn('result_kind', 'text')
    .addColumn('result_content', 'text')
    .addColumn('fine_amount', 'bigint')
    .addColumn('display_end', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawal_reason', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('expired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expired_at', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    // The ledger entry of the publication: anyone can check it against a signed checkpoint.
    .addColumn('ledger_seq', 'bigint', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('search_tokens', 'text', (c) => c.notNull())
    .execute();
  // Keyset pagination newest first (decision date desc, id desc), alone and under each filter.
  await db.schema
    .createIndex('public_decisions_date')
    .on('public_decisions')
    .columns(['decision_date', 'id'])
    .execute();
  await db.schema
    .createIndex('public_decisions_act_type')
    .on('public_decisions')
    .columns(['act_type', 'decision_date', 'id'])
    .execute();
  await db.schema
    .createIndex('public_decisions_unit')
    .on('public_decisions')
    .columns(['unit_id', 'decision_date', 'id'])
    .execute();
  await db.schema
    .createIndex('public_decisions_party_kind')
    .on('public_decisions')
    .columns(['party_kind', 'decision_date', 'id'])
    .execute();
  await db.schema.createIndex('public_decisions_number').on('public_decisions').columns(['number']).execute();

  if (dialect === 'postgres') {
    // `simple`: no stemming, no stop words; the tokens are already what is searched for.
    await sql`create index public_decisions_search on public_decisions
      using gin (to_tsvector('simple'::regconfig, search_tokens))`.execute(db);
  } else {
    await sql`create virtual table public_decisions_fts using fts5(
      search_tokens, content='public_decisions', content_rowid='rowid', tokenize='unicode61')`.execute(db);
    await sql`create trigger public_decisions_fts_insert after insert on public_decisions begin
      insert into public_decisions_fts(rowid, search_tokens) values (new.rowid, new.search_tokens);
    end`.execute(db);
    await sql`create trigger public_decisions_fts_delete after delete on public_decisions begin
      insert into public_decisions_fts(public_decisions_fts, rowid, search_tokens)
        values ('delete', old.rowid, old.search_tokens);
    end`.execute(db);
    await sql`create trigger public_decisions_fts_update after update of search_tokens on public_decisions begin
      insert into public_decisions_fts(public_decisions_fts, rowid, search_tokens)
        values ('delete', old.rowid, old.search_tokens);
      insert into public_decisions_fts(rowid, search_tokens) values (new.rowid, new.search_tokens);
    end`.execute(db);
  }
}
