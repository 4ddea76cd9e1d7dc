import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';
import type { CaseListScope } from '../domain/case-access';
import { caseReadable } from './case-access-repository';

// Parties, the lookups that found them by ID number, and disclosures of their personal data.
export const insertParty = (ex: Executor, row: NewRow<'parties'>) =>
  ex.insertInto('parties').values(row).execute();

export const getParty = (ex: Executor, id: string) =>
  ex.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();

export const findPartyByDigest = (ex: Executor, agencyId: string, digest: string) =>
  ex
    .selectFrom('parties')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id_digest', '=', digest)
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const listParties = (
  ex: Executor,
  q: {
    agencyId: string;
    name?: string;
    digest?: string;
    beforeId?: string;
    limit: number;
    /** Only parties this user registered, found by number, or whose cases they may read (PLT-07). */
    knownTo?: { userId: string; scope: CaseListScope };
  },
) => {
  let query = ex
    .selectFrom('parties')
    .selectAll()
    .where('agency_id', '=', q.agencyId)
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.name) query = query.where('name', 'like', `%${q.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.digest) query = query.where('id_digest', '=', q.digest);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  if (q.knownTo) {
    const { userId, scope } = q.knownTo;
    query = query.where((eb) =>
      eb.or([
        eb('created_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('party_lookups as pl')
            .select('pl.id')
            .whereRef('pl.party_id', '=', 'parties.id')
            .where('pl.user_id', '=', userId),
        ),
        eb.exists(
          eb
            .selectFrom('cases as pc')
            .select('pc.id')
            .whereRef('pc.party_id', '=', 'parties.id')
            .where((e2) => caseReadable(e2, scope, { id: 'pc.id', unit: 'pc.unit_id', state: 'pc.state' })),
        ),
      ]),
    );
  }
  return query.execute();
};

export const insertPartyLookup = (ex: Executor, row: NewRow<'party_lookups'>) =>
  ex.insertInto('party_lookups').values(row).execute();

/** Whether this user's lookup by ID number found this party (they know its number). */
export const hasFoundParty = async (ex: Executor, userId: string, partyId: string) =>
  (await ex
    .selectFrom('party_lookups')
    .select('id')
    .where('user_id', '=', userId)
    .where('party_id', '=', partyId)
    .executeTakeFirst()) !== undefined;

export const insertDisclosure = (ex: Executor, row: NewRow<'party_disclosures'>) =>
  ex.insertInto('party_disclosures').values(row).execute();
