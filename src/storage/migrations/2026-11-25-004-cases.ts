import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Cases and whole-process recording: parties (with sealed personal data), power items, cases and
 * their transitions, steps and their officers, record metadata and versions, recorders and their
 * loans, flags for the supervisor, durable deadline timers and alerts, and configurable settings.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    // Personal data: the masked form for display, the AES-256-GCM sealed form for disclosure, and
    // a keyed hash of the ID number so the same party is found again without decrypting.
    .addColumn('id_masked', 'text', (c) => c.notNull())
    .addColumn('id_sealed', 'text', (c) => c.notNull())
    .addColumn('id_digest', 'text', (c) => c.notNull())
    .addColumn('legal_representative', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('phone_sealed', 'text', (c) => c.notNull())
    .addColumn('address_masked', 'text', (c) => c.notNull())
    .addColumn('address_sealed', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parties_digest').on('parties').columns(['agency_id', 'id_digest']).execute();
  await db.schema.createIndex('parties_name').on('parties').columns(['agency_id', 'name']).execute();

  await db.schema
    .createTable('party_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('party_disclosures_party')
    .on('party_disclosures')
    .columns(['party_id', 'id'])
    .execute();

  await db.schema
    .createTable('power_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('act_type', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('benchmark', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('power_items_code', ['agency_id', 'code'])
    .execute();

  // One row per agency and year; incremented in the transaction that files the case, so a number
  // is used exactly when its case commits (gapless, never reused).
  await db.schema
    .createTable('case_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_counters_pk', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('act_type', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('power_item_id', 'text', (c) => c.notNull().references('power_items.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('major', 'integer', (c) => c.notNull())
    .addColumn('linked_case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('dates', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    // The earliest pending deadline: what the overdue filter and the alert timers look at.
    .addColumn('next_due', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cases_agency_year_seq', ['agency_id', 'year', 'seq'])
    .execute();
  // The case list is read newest first (id is UUIDv7, so id order is filing order) under filters.
  await db.schema.createIndex('cases_state').on('cases').columns(['state', 'id']).execute();
  await db.schema.createIndex('cases_act_type').on('cases').columns(['act_type', 'id']).execute();
  await db.schema.createIndex('cases_unit').on('cases').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('cases_party').on('cases').columns(['party_id', 'id']).execute();
  await db.schema.createIndex('cases_party_name').on('cases').columns(['party_name', 'id']).execute();
  await db.schema.createIndex('cases_filed_on').on('cases').columns(['filed_on', 'id']).execute();
  await db.schema.createIndex('cases_next_due').on('cases').columns(['next_due', 'id']).execute();

  await db.schema
    .createTable('case_officers')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_officers_pk', ['case_id', 'officer_id'])
    .execute();
  await db.schema
    .createIndex('case_officers_officer')
    .on('case_officers')
    .columns(['officer_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('case_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_transitions_case')
    .on('case_transitions')
    .columns(['case_id', 'id'])
    .execute();

  await db.schema
    .createTable('steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_manner', 'text')
    .addColumn('in_field', 'integer', (c) => c.notNull())
    .addColumn('contact_with_party', 'integer', (c) => c.notNull())
    .addColumn('designated_site', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('av_required', 'integer', (c) => c.notNull())
    .addColumn('av_reasons', 'text', (c) => c.notNull())
    .addColumn('recorder_warning', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('av_missing_reason', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('steps_case').on('steps').columns(['case_id', 'occurred_at']).execute();

  await db.schema
    .createTable('step_officers')
    .addColumn('step_id', 'text', (c) => c.notNull().references('steps.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('certificate_number', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('step_officers_pk', ['step_id', 'officer_id'])
    .execute();

  await db.schema
    .createTable('recorders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('holder_officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('recorder_loans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recorder_id', 'text', (c) => c.notNull().references('recorders.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('out_at', 'text', (c) => c.notNull())
    .addColumn('out_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('returned_at', 'text')
    .addColumn('returned_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('recorder_loans_recorder')
    .on('recorder_loans')
    .columns(['recorder_id', 'id'])
    .execute();

  // Record metadata added to the records of the previous step. Records are never updated in place:
  // a correction is a new row whose `version_of` names the one it corrects (one successor each).
  await db.schema
    .alterTable('records')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .execute();
  await db.schema
    .alterTable('records')
    .addColumn('step_id', 'text', (c) => c.references('steps.id'))
    .execute();
  await db.schema.alterTable('records').addColumn('kind', 'text').execute();
  await db.schema.alterTable('records').addColumn('protection', 'text').execute();
  await db.schema.alterTable('records').addColumn('version_of', 'text').execute();
  await db.schema.alterTable('records').addColumn('root_id', 'text').execute();
  await db.schema.alterTable('records').addColumn('version', 'integer').execute();
  await db.schema.alterTable('records').addColumn('correction_reason', 'text').execute();
  await db.schema.alterTable('records').addColumn('av_meta', 'text').execute();
  await db.schema.alterTable('records').addColumn('recorder_id', 'text').execute();
  await db.schema.createIndex('records_case').on('records').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('records_step').on('records').columns(['step_id', 'id']).execute();
  await db.schema.createIndex('records_root').on('records').columns(['root_id', 'version']).execute();
  await db.schema.createIndex('records_version_of').on('records').column('version_of').unique().execute();
  if (dialect === 'sqlite') {
    await sql`create trigger records_no_update before update on records begin select raise(abort, 'records are immutable'); end`.execute(
      db,
    );
    await sql`create trigger records_no_delete before delete on records begin select raise(abort, 'records are immutable'); end`.execute(
      db,
    );
  } else {
    await sql`create or replace function zhifa_records_immutable() returns trigger language plpgsql as $$ begin raise exception 'records are immutable'; end $$`.execute(
      db,
    );
    await sql`create trigger records_immutable before update or delete on records for each row execute function zhifa_records_immutable()`.execute(
      db,
    );
  }

  // REC-11: what the supervisor sees — steps completed without required AV, refused alterations.
  await db.schema
    .createTable('flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('step_id', 'text', (c) => c.references('steps.id'))
    .addColumn('record_id', 'text', (c) => c.references('records.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flags_kind').on('flags').columns(['kind', 'id']).execute();

  // Durable deadline timers: planned when a case changes, fired by a job on any node.
  await db.schema
    .createTable('case_timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('fire_on', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text')
    .execute();
  await db.schema
    .createIndex('case_timers_fire')
    .on('case_timers')
    .columns(['fired_at', 'fire_on'])
    .execute();
  await db.schema.createIndex('case_timers_case').on('case_timers').column('case_id').execute();
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    // One alert per case, deadline, stage and due date, however many nodes run the job.
    .addUniqueConstraint('alerts_once', ['case_id', 'deadline', 'stage', 'due'])
    .execute();
  await db.schema.createIndex('alerts_raised').on('alerts').columns(['raised_at', 'id']).execute();

  // Configurable rule tables (the AV rules of REC-03, thresholds): the newest row of a key wins.
  await db.schema
    .createTable('settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('settings_key').on('settings').columns(['key', 'id']).execute();
}
