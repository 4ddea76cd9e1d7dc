import { sql } from 'kysely';
import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

export const getAgency = (ex: Executor) =>
  ex.selectFrom('agencies').selectAll().orderBy('id').executeTakeFirst();
export async function countAgencies(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export const getAgencyById = (ex: Executor, id: string) =>
  ex.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
export const insertAgency = (ex: Executor, row: NewRow<'agencies'>) =>
  ex.insertInto('agencies').values(row).execute();
export const updateAgency = (ex: Executor, id: string, patch: Partial<Row<'agencies'>>) =>
  ex.updateTable('agencies').set(patch).where('id', '=', id).execute();

export const listUnits = (ex: Executor, agencyId: string) =>
  ex.selectFrom('units').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute();
export const getUnit = (ex: Executor, id: string) =>
  ex.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
export const findUnitByName = (ex: Executor, agencyId: string, name: string) =>
  ex
    .selectFrom('units')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('name', '=', name)
    .executeTakeFirst();
export const insertUnit = (ex: Executor, row: NewRow<'units'>) =>
  ex.insertInto('units').values(row).execute();
export const updateUnit = (ex: Executor, id: string, patch: Partial<Row<'units'>>) =>
  ex.updateTable('units').set(patch).where('id', '=', id).execute();
export type OfficerRow = Row<'officers'> & { unit_name: string; has_photo: number };

/** Officers with their unit's name and whether a photo exists: the shape every officer read uses. */
function officerQuery(ex: Executor) {
  return ex
    .selectFrom('officers as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select('u.name as unit_name')
    .select((eb) =>
      eb
        .case()
        .when(
          eb.exists(
            eb.selectFrom('officer_photos as p').select('p.id').whereRef('p.officer_id', '=', 'o.id'),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('has_photo'),
    );
}

export async function listOfficers(
  ex: Executor,
  q: { agencyId: string; afterId?: string; limit: number; nameContains?: string; unitId?: string },
): Promise<OfficerRow[]> {
  let query = officerQuery(ex).where('o.agency_id', '=', q.agencyId).orderBy('o.id').limit(q.limit);
  if (q.afterId) query = query.where('o.id', '>', q.afterId);
  if (q.unitId) query = query.where('o.unit_id', '=', q.unitId);
  if (q.nameContains) {
    const pattern = `%${escapeLike(q.nameContains)}%`;
    query = query.where(sql<boolean>`${sql.ref('o.name')} like ${pattern} escape '\\'`);
  }
  return query.execute();
}

export async function getOfficer(ex: Executor, id: string): Promise<OfficerRow | undefined> {
  return officerQuery(ex).where('o.id', '=', id).executeTakeFirst();
}
export const insertOfficer = (ex: Executor, row: NewRow<'officers'>) =>
  ex.insertInto('officers').values(row).execute();
export const updateOfficer = (ex: Executor, id: string, patch: Partial<Row<'officers'>>) =>
  ex.updateTable('officers').set(patch).where('id', '=', id).execute();

export const insertPhoto = (ex: Executor, row: NewRow<'officer_photos'>) =>
  ex.insertInto('officer_photos').values(row).execute();
export const latestPhoto = (ex: Executor, officerId: string) =>
  ex
    .selectFrom('officer_photos')
    .selectAll()
    .where('officer_id', '=', officerId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const certificatesOf = (ex: Executor, officerIds: string[]) =>
  officerIds.length === 0
    ? Promise.resolve([] as Row<'certificates'>[])
    : ex.selectFrom('certificates').selectAll().where('officer_id', 'in', officerIds).orderBy('id').execute();
export const getCertificate = (ex: Executor, id: string) =>
  ex.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
export const findCertificateByNumber = (ex: Executor, number: string) =>
  ex.selectFrom('certificates').selectAll().where('number', '=', number).executeTakeFirst();
export const insertCertificate = (ex: Executor, row: NewRow<'certificates'>) =>
  ex.insertInto('certificates').values(row).execute();
export const updateCertificate = (ex: Executor, id: string, patch: Partial<Row<'certificates'>>) =>
  ex.updateTable('certificates').set(patch).where('id', '=', id).execute();

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const officerExists = async (ex: Executor, id: string) =>
  (await ex.selectFrom('officers').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/** Officer photos in id order, a page at a time (the verifier re-hashes their bytes). */
export const photosFrom = (ex: Executor, afterId: string, limit: number) =>
  ex
    .selectFrom('officer_photos')
    .select(['id', 'sha256', 'content'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
