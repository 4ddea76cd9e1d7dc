import type { Executor } from '../storage/database';

/**
 * What people call the things ledger entries point to, looked up by id in batches (the ledger
 * presenter shows names and numbers, never ids). Read-only; each query reads one table.
 */
const BATCH = 500;

async function batched<T>(ids: readonly string[], q: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) out.push(...(await q(unique.slice(i, i + BATCH))));
  return out;
}

export const caseNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('cases').select(['id', 'number', 'title']).where('id', 'in', part).execute(),
  );

export const userNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', part).execute(),
  );

export const officerNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) => ex.selectFrom('officers').select(['id', 'name']).where('id', 'in', part).execute());

export const unitNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) => ex.selectFrom('units').select(['id', 'name']).where('id', 'in', part).execute());

export const partyNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) => ex.selectFrom('parties').select(['id', 'name']).where('id', 'in', part).execute());

export const powerItemNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('power_items').select(['id', 'name']).where('id', 'in', part).execute(),
  );

export const recorderNumbers = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('recorders').select(['id', 'number']).where('id', 'in', part).execute(),
  );

export const certificateNumbers = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('certificates').select(['id', 'number']).where('id', 'in', part).execute(),
  );

export const stepNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('steps').select(['id', 'case_id', 'kind', 'occurred_at']).where('id', 'in', part).execute(),
  );

export const documentNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex
      .selectFrom('documents')
      .select(['id', 'case_id', 'kind', 'number', 'state'])
      .where('id', 'in', part)
      .execute(),
  );

export const recordNames = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex
      .selectFrom('records')
      .select(['id', 'case_id', 'protection', 'file_name', 'kind', 'version'])
      .where('id', 'in', part)
      .execute(),
  );

export const caseFileCases = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('case_files').select(['id', 'case_id']).where('id', 'in', part).execute(),
  );

export const legalHoldTargets = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('legal_holds').select(['id', 'case_id', 'record_id']).where('id', 'in', part).execute(),
  );

export const disposalRecords = (ex: Executor, ids: readonly string[]) =>
  batched(ids, (part) =>
    ex.selectFrom('disposals').select(['id', 'record_id']).where('id', 'in', part).execute(),
  );
