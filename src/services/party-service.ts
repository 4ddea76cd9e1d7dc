import type { Disclosable, IdType, PartyKind } from '../domain/case-types';
import { DomainError, invalid, notFound } from '../domain/errors';
import {
  checkCreditCode,
  checkPhone,
  checkResidentId,
  maskAddress,
  maskIdNumber,
  maskPhone,
} from '../domain/identity';
import type { Actor } from '../domain/ledger-entry';
import * as partyRepo from '../repositories/party-repository';
import { getAgency } from '../repositories/org-repository';
import { caseIdsOfParty } from '../repositories/case-access-repository';
import {
  canOnCase,
  caseListScope,
  mayDisclose,
  type CaseAccessFacts,
  type CaseAccessUser,
} from '../domain/case-access';
import { caseAccessDenied, caseAccessFacts } from './case-access-service';
import type { Row } from '../storage/schema';
import { newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { pageOf } from './paging';
import type { Sealer } from './sealer';

export interface PartyDeps extends Deps {
  sealer: Sealer;
}

/** Who asks about a party: their account and what the case policy reads of them. */
export type PartyViewer = CaseAccessUser & { userId: string };

export { ID_TYPES, ID_TYPE_LABELS, type IdType } from '../domain/case-types';

export interface PartyInput {
  kind: PartyKind;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative?: string;
  phone: string;
  address: string;
}

/** What staff see: personal data masked (the credit code and address of an organisation are public). */
export function partyView(r: Row<'parties'>) {
  return {
    id: r.id,
    kind: r.kind as PartyKind,
    name: r.name,
    idType: r.id_type as IdType,
    idNumber: r.id_masked,
    legalRepresentative: r.legal_representative,
    phone: r.phone_masked,
    address: r.address_masked,
    createdAt: r.created_at,
  };
}
export type PartyView = ReturnType<typeof partyView>;

const context = (id: string, field: string) => `party:${id}:${field}`;

/** Checks a party's identity fields and returns them normalised, or raises the first problem. */
export function checkParty(input: PartyInput): PartyInput {
  const name = input.name.normalize('NFC').trim();
  if (name.length < 2) throw invalid('PARTY_NAME_INVALID', '当事人名称至少 2 个字', 'name');
  let idNumber = input.idNumber.trim().toUpperCase();
  if (input.kind === 'person') {
    if (input.idType === 'creditCode')
      throw invalid('ID_TYPE_INVALID', '自然人应使用身份证件，不能使用统一社会信用代码', 'idType');
    if (input.idType === 'residentId') {
      const r = checkResidentId(idNumber);
      if (!r.ok) throw invalid('ID_NUMBER_INVALID', `居民身份证号码有误：${r.reason}`, 'idNumber');
    } else if (!/^[A-Z0-9-]{5,30}$/.test(idNumber))
      throw invalid('ID_NUMBER_INVALID', '证件号码应为 5–30 位字母或数字', 'idNumber');
  } else {
    if (input.idType !== 'creditCode')
      throw invalid('ID_TYPE_INVALID', '法人或其他组织应使用统一社会信用代码', 'idType');
    const r = checkCreditCode(idNumber);
    if (!r.ok) throw invalid('CREDIT_CODE_INVALID', `统一社会信用代码有误：${r.reason}`, 'idNumber');
    if (!input.legalRepresentative?.trim())
      throw invalid(
        'LEGAL_REPRESENTATIVE_REQUIRED',
        '法人或其他组织须填写法定代表人（负责人）',
        'legalRepresentative',
      );
  }
  idNumber = idNumber.replace(/\s/g, '');
  const phone = checkPhone(input.phone.trim());
  if (!phone.ok) throw invalid('PHONE_INVALID', '联系电话应为手机号码或带区号的固定电话', 'phone');
  const address = input.address.normalize('NFC').trim();
  if (address.length < 4) throw invalid('ADDRESS_INVALID', '地址至少 4 个字', 'address');
  return {
    ...input,
    name,
    idNumber,
    phone: phone.normalised,
    address,
    legalRepresentative: input.legalRepresentative?.trim() ?? '',
  };
}

/** Registers a party; ID number, phone and address are sealed, the masked forms kept for display. */
export async function createParty(
  deps: PartyDeps,
  actor: Actor,
  raw: PartyInput,
  trx?: Tx,
): Promise<PartyView> {
  const p = checkParty(raw);
  const agency = await getAgency(trx ?? deps.db);
  if (!agency) throw notFound('AGENCY_NOT_FOUND', '尚未登记执法主体');
  const id = newId(deps.clock);
  const person = p.kind === 'person';
  const row = {
    id,
    agency_id: agency.id,
    kind: p.kind,
    name: p.name,
    id_type: p.idType,
    id_masked: person ? maskIdNumber(p.idNumber) : p.idNumber,
    id_sealed: deps.sealer.seal(context(id, 'idNumber'), p.idNumber),
    id_digest: deps.sealer.digest(`${p.idType}:${p.idNumber}`),
    legal_representative: p.legalRepresentative ?? '',
    phone_masked: maskPhone(p.phone),
    phone_sealed: deps.sealer.seal(context(id, 'phone'), p.phone),
    address_masked: person ? maskAddress(p.address) : p.address,
    address_sealed: deps.sealer.seal(context(id, 'address'), p.address),
    created_by: actor.id,
    created_at: deps.clock.now().toISOString(),
  };
  const write = async (t: Tx) => {
    await partyRepo.insertParty(t, row);
    await appendEntry(
      t,
      deps,
      actor,
      'party.created@1',
      { type: 'party', id },
      {
        kind: p.kind,
        name: p.name,
        idType: p.idType,
        idNumber: row.id_masked,
      },
    );
  };
  // Inside a caller's transaction (filing a case with a new party) or in one of its own.
  if (trx) await write(trx);
  else await deps.db.transaction().execute(write);
  return partyView(row);
}

export async function getParty(deps: Deps, id: string, viewer: PartyViewer): Promise<PartyView> {
  const r = await partyRepo.getParty(deps.db, id);
  if (!r) throw notFound('PARTY_NOT_FOUND', '当事人不存在');
  if (!(await knowsParty(deps, viewer, id)))
    throw new DomainError('forbidden', 'CASE_ACCESS_DENIED', '您无权查看此当事人');
  return partyView(r);
}

/** Parties by name (masked). Finding one by an ID number is `lookupParty`, never a URL (PLT-08). */
export async function listParties(
  deps: PartyDeps,
  q: { name?: string; cursor?: string; limit: number },
  viewer: PartyViewer,
) {
  const agency = await getAgency(deps.db);
  if (!agency) return { items: [], nextCursor: null };
  const rows = await partyRepo.listParties(deps.db, {
    agencyId: agency.id,
    knownTo: { userId: viewer.userId, scope: caseListScope(viewer) },
    limit: q.limit + 1,
    ...(q.name && { name: q.name.trim() }),
    ...(q.cursor && { beforeId: q.cursor }),
  });
  return pageOf(rows, q.limit, partyView, (v) => v.id);
}

/** The lookup digest of an ID number: the same number under either ID type of its shape. */
function idDigest(sealer: Sealer, idNumber: string): string {
  const n = idNumber.trim().toUpperCase();
  return sealer.digest(
    `${/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(n) && !/^\d{17}[\dX]$/.test(n) ? 'creditCode' : 'residentId'}:${n}`,
  );
}

/**
 * Finds a registered party by ID number or credit code (PLT-08): the number travels in the body,
 * never a URL; a party is returned only when the name given matches too, so the lookup cannot be
 * used to test guesses of a number; and every lookup is a ledger entry (who, when, the keyed
 * digest — never the number). The route limits how often one user may ask.
 */
export async function lookupParty(
  deps: PartyDeps,
  actor: Actor,
  q: { idNumber: string; name: string },
): Promise<{ party: PartyView | null }> {
  const agency = await getAgency(deps.db);
  const digest = idDigest(deps.sealer, q.idNumber);
  const name = q.name.normalize('NFC').trim();
  const rows = agency ? await partyRepo.listParties(deps.db, { agencyId: agency.id, digest, limit: 20 }) : [];
  const match = rows.find((r) => r.name.normalize('NFC').trim() === name) ?? null;
  const lookupId = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await partyRepo.insertPartyLookup(trx, {
      id: lookupId,
      user_id: actor.id,
      party_id: match?.id ?? null,
      at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'party.lookedUp@1',
      { type: 'partyLookup', id: lookupId },
      { digest, found: match !== null, ...(match && { partyId: match.id }) },
    );
  });
  return { party: match && partyView(match) };
}

/**
 * Whether the user may see this party (masked) and name it in a filing (PLT-07, PLT-08): they registered it,
 * may read one of its cases, or found it by its ID number and name. Otherwise knowing a party's id
 * would be enough to file a case of one's own against it and then read its personal data in full.
 */
export async function knowsParty(deps: Deps, user: PartyViewer, partyId: string) {
  const r = await partyRepo.getParty(deps.db, partyId);
  if (!r) return true; // the filing answers PARTY_NOT_FOUND itself
  if (r.created_by === user.userId) return true;
  if (await partyRepo.hasFoundParty(deps.db, user.userId, partyId)) return true;
  return (await partyCases(deps, partyId)).some((f) => canOnCase(user, 'case.read', f));
}

/** What access to each case of the party depends on. */
async function partyCases(deps: Deps, partyId: string): Promise<CaseAccessFacts[]> {
  const out: CaseAccessFacts[] = [];
  for (const caseId of await caseIdsOfParty(deps.db, partyId)) {
    const f = await caseAccessFacts(deps.db, caseId);
    if (f) out.push(f);
  }
  return out;
}

/** Refuses (403) a user who may not see this party's personal data in full (PLT-07). */
export async function assertMayDisclose(deps: Deps, user: PartyViewer, partyId: string) {
  const r = await partyRepo.getParty(deps.db, partyId);
  if (!r) throw notFound('PARTY_NOT_FOUND', '当事人不存在');
  const cases = await partyCases(deps, partyId);
  if (!mayDisclose(user, { registeredByUser: r.created_by === user.userId, cases }))
    throw caseAccessDenied('party.disclose');
}

export { DISCLOSABLE, type Disclosable } from '../domain/case-types';

/**
 * Shows a party's personal data in full (REC-06): a purpose is required, and the disclosure is
 * logged (row + ledger entry) before anything is returned.
 */
export async function discloseParty(
  deps: PartyDeps,
  actor: Actor,
  id: string,
  q: { purpose: string; fields: Disclosable[] },
): Promise<Partial<Record<Disclosable, string>>> {
  const r = await partyRepo.getParty(deps.db, id);
  if (!r) throw notFound('PARTY_NOT_FOUND', '当事人不存在');
  const purpose = q.purpose.trim();
  if (purpose.length < 2)
    throw invalid('PURPOSE_REQUIRED', '查看完整个人信息须说明事由（至少 2 个字）', 'purpose');
  const fields = [...new Set(q.fields)];
  if (fields.length === 0) throw invalid('FIELDS_REQUIRED', '请选择要查看的信息', 'fields');
  const disclosureId = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await partyRepo.insertDisclosure(trx, {
      id: disclosureId,
      party_id: id,
      user_id: actor.id,
      fields: JSON.stringify(fields),
      purpose,
      at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'party.disclosed@1',
      { type: 'partyDisclosure', id: disclosureId },
      {
        partyId: id,
        fields,
        purpose,
      },
    );
  });
  const sealed: Record<Disclosable, string> = {
    idNumber: r.id_sealed,
    phone: r.phone_sealed,
    address: r.address_sealed,
  };
  return Object.fromEntries(fields.map((f) => [f, deps.sealer.open(context(id, f), sealed[f])]));
}

/**
 * A party's sealed fields opened for masking a publication (issue 14): the values are only matched
 * against the text to be published and never shown, so this is not a disclosure.
 */
export function partySecretsForMasking(sealer: Sealer, r: Row<'parties'>): Record<Disclosable, string> {
  return {
    idNumber: sealer.open(context(r.id, 'idNumber'), r.id_sealed),
    phone: sealer.open(context(r.id, 'phone'), r.phone_sealed),
    address: sealer.open(context(r.id, 'address'), r.address_sealed),
  };
}
