import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

/**
 * Publication items, their timers and alerts, and the public table of masked decisions (issue 14).
 * The public table is written only here, only by the publication service.
 */
export type ItemRow = Row<'publication_items'>;

export const insertItem = (ex: Executor, row: NewRow<'publication_items'>) =>
  ex.insertInto('publication_items').values(row).execute();

export const getItem = (ex: Executor, id: string) =>
  ex.selectFrom('publication_items').selectAll().where('id', '=', id).executeTakeFirst();

/** The item, locked until the transaction ends, so each act on it happens once. */
export const lockItem = (ex: Executor, id: string) =>
  ex.selectFrom('publication_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const itemOfTransition = (ex: Executor, transitionId: string) =>
  ex
    .selectFrom('publication_items')
    .select('id')
    .where('transition_id', '=', transitionId)
    .executeTakeFirst();

export const itemsOfCase = (ex: Executor, caseId: string) =>
  ex.selectFrom('publication_items').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export const updateItem = (ex: Executor, id: string, set: Partial<NewRow<'publication_items'>>) =>
  ex.updateTable('publication_items').set(set).where('id', '=', id).execute();

/** The newest transition of a case by this action (the one the effect runs after). */
export const latestTransition = (ex: Executor, caseId: string, action: string) =>
  ex
    .selectFrom('case_transitions')
    .select(['id'])
    .where('case_id', '=', caseId)
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirst();

export interface ItemFilter {
  states: string[];
  /** Only items due before this day (the overdue list) or on/after it (pending, not overdue). */
  dueBefore?: string;
  dueFrom?: string;
  /** Only items of these units (an officer's scope); undefined = all. */
  unitIds?: string[];
  cursor?: string;
  limit: number;
}

export type ItemListRow = ItemRow & { unit_name: string; case_number: string | null };

/** Items newest first (id is UUIDv7), keyset by id. */
export async function listItems(ex: Executor, f: ItemFilter): Promise<ItemListRow[]> {
  let q = ex
    .selectFrom('publication_items as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('cases as c', 'c.id', 'p.case_id')
    .selectAll('p')
    .select(['u.name as unit_name', 'c.number as case_number'])
    .where('p.state', 'in', f.states);
  if (f.dueBefore) q = q.where('p.due', '<', f.dueBefore);
  if (f.dueFrom) q = q.where('p.due', '>=', f.dueFrom);
  if (f.unitIds)
    q = f.unitIds.length === 0 ? q.where('p.id', '=', '') : q.where('p.unit_id', 'in', f.unitIds);
  if (f.cursor) q = q.where('p.id', '<', f.cursor);
  return q.orderBy('p.id', 'desc').limit(f.limit).execute();
}

export const unitName = async (ex: Executor, id: string) =>
  (await ex.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst())?.name;

export const userName = async (ex: Executor, id: string) =>
  (await ex.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name;

/** Published items whose display period ended before `today`. */
export const expiredItems = (ex: Executor, today: string, limit: number) =>
  ex
    .selectFrom('publication_items')
    .select('id')
    .where('state', '=', 'published')
    .where('display_end', '<', today)
    .orderBy('id')
    .limit(limit)
    .execute();

// ---- the public table ----

export const insertPublic = (ex: Executor, row: NewRow<'public_decisions'>) =>
  ex.insertInto('public_decisions').values(row).execute();

export const publicOfItem = (ex: Executor, itemId: string) =>
  ex.selectFrom('public_decisions').selectAll().where('item_id', '=', itemId).executeTakeFirst();

/** Removes a public row's content (withdrawal, take-down): what stays says only that and why. */
export const emptyPublic = (
  ex: Executor,
  itemId: string,
  set: Pick<
    Partial<NewRow<'public_decisions'>>,
    'withdrawn' | 'withdrawal_reason' | 'withdrawn_at' | 'expired' | 'expired_at'
  >,
) =>
  ex
    .updateTable('public_decisions')
    .set({
      ...set,
      party_name: null,
      credit_code: null,
      legal_representative: null,
      facts: null,
      basis: null,
      result_kind: null,
      result_content: null,
      fine_amount: null,
      search_tokens: '',
    })
    .where('item_id', '=', itemId)
    .execute();

// ---- timers and alerts ----

export const clearTimers = (ex: Executor, itemId: string, deadline?: string) => {
  let q = ex.deleteFrom('publication_timers').where('item_id', '=', itemId).where('fired_at', 'is', null);
  if (deadline) q = q.where('deadline', '=', deadline);
  return q.execute();
};

export const insertTimers = (ex: Executor, rows: NewRow<'publication_timers'>[]) =>
  rows.length === 0 ? Promise.resolve() : ex.insertInto('publication_timers').values(rows).execute();

/** Unfired timers due by `today`, claimed (other nodes skip them). */
export const dueTimers = (ex: Executor, today: string, limit: number) =>
  ex
    .selectFrom('publication_timers')
    .selectAll()
    .where('fired_at', 'is', null)
    .where('fire_on', '<=', today)
    .orderBy('fire_on')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const markFired = (ex: Executor, id: string, at: string) =>
  ex.updateTable('publication_timers').set({ fired_at: at }).where('id', '=', id).execute();

/** True when the alert is new (the unique key makes a second firing a no-op). */
export async function insertAlert(ex: Executor, row: NewRow<'publication_alerts'>): Promise<boolean> {
  const r = await ex
    .insertInto('publication_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['item_id', 'deadline', 'stage', 'due']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export const alertsOfItem = (ex: Executor, itemId: string) =>
  ex.selectFrom('publication_alerts').selectAll().where('item_id', '=', itemId).orderBy('id').execute();

// ---- what an item is made from (other aggregates' rows, read in the caller's transaction) ----

export const partyRow = (ex: Executor, id: string) =>
  ex.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();

export const unitAgency = async (ex: Executor, unitId: string) =>
  (await ex.selectFrom('units').select('agency_id').where('id', '=', unitId).executeTakeFirst())?.agency_id;

export const caseNumber = async (ex: Executor, caseId: string) =>
  (await ex.selectFrom('cases').select('number').where('id', '=', caseId).executeTakeFirst())?.number ?? null;

/** A case's decision as published: its unit, party, act type, procedure, violations and basis. */
export const caseForPublication = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('cases as c')
    .innerJoin('power_items as p', 'p.id', 'c.power_item_id')
    .select([
      'c.unit_id',
      'c.party_id',
      'c.act_type',
      'c.procedure',
      'c.title',
      'c.charged_violations',
      'p.basis',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();

// ---- import of decisions made outside the platform ----

/** The units a file may name (by name). */
export const unitsForImport = (ex: Executor) =>
  ex.selectFrom('units').select(['id', 'name']).orderBy('name').execute();

/** The accounts a file may name as responsible person (by login name or display name). */
export const usersForImport = (ex: Executor) =>
  ex
    .selectFrom('users')
    .select(['id', 'username', 'display_name as name'])
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();

/** Which of these 文号 an item already has. */
export async function takenNumbers(ex: Executor, numbers: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < numbers.length; i += 500) {
    const chunk = numbers.slice(i, i + 500);
    if (chunk.length === 0) break;
    const rows = await ex
      .selectFrom('publication_items')
      .select('number')
      .where('number', 'in', chunk)
      .execute();
    for (const r of rows) if (r.number !== null) taken.add(r.number);
  }
  return taken;
}
