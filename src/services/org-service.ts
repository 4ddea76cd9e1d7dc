import { createHash } from 'node:crypto';
import {
  CERTIFICATE_TRANSITIONS,
  certificateStanding,
  STANDING_LABELS,
  type CertificateState,
  type CertificateTransition,
} from '../domain/certificate';
import { isIsoDate, shanghaiDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import * as repo from '../repositories/org-repository';
import type { Row } from '../storage/schema';
import { newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';

/* ---------- views ---------- */

export function agencyView(r: Row<'agencies'>) {
  return { id: r.id, name: r.name, shortName: r.short_name, address: r.address, phone: r.phone };
}
export type AgencyView = ReturnType<typeof agencyView>;

export function unitView(r: Row<'units'>) {
  return { id: r.id, name: r.name, isLegalReview: r.is_legal_review === 1, createdAt: r.created_at };
}

export function certificateView(r: Row<'certificates'>, today: string) {
  const standing = certificateStanding(
    { state: r.state as CertificateState, validFrom: r.valid_from, validTo: r.valid_to },
    today,
  );
  return {
    id: r.id,
    officerId: r.officer_id,
    number: r.number,
    domains: JSON.parse(r.domains) as string[],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    state: r.state as CertificateState,
    stateReason: r.state_reason,
    standing,
    standingLabel: STANDING_LABELS[standing],
  };
}
export type CertificateView = ReturnType<typeof certificateView>;

export function officerView(r: repo.OfficerRow, certs: CertificateView[]) {
  return {
    id: r.id,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    post: r.post,
    duties: r.duties,
    hasPhoto: Number(r.has_photo) === 1,
    certificates: certs,
  };
}
export type OfficerView = ReturnType<typeof officerView>;

/* ---------- agency ---------- */

export async function currentAgency(deps: Deps) {
  const a = await repo.getAgency(deps.db);
  if (!a) throw notFound('AGENCY_NOT_CONFIGURED', '尚未配置执法主体');
  return a;
}

export interface AgencyInput {
  name: string;
  shortName: string;
  address: string;
  phone: string;
}

export async function createAgency(
  deps: Deps,
  actor: Actor,
  input: AgencyInput,
  trx?: Tx,
): Promise<AgencyView> {
  const id = newId(deps.clock);
  const row = {
    id,
    name: input.name,
    short_name: input.shortName,
    address: input.address,
    phone: input.phone,
    created_at: deps.clock.now().toISOString(),
  };
  const run = async (t: Tx) => {
    await repo.insertAgency(t, row);
    await appendEntry(t, deps, actor, 'agency.created@1', { type: 'agency', id }, { ...input });
  };
  if (trx) await run(trx);
  else await deps.db.transaction().execute(run);
  return agencyView(row);
}

export async function updateAgency(
  deps: Deps,
  actor: Actor,
  patch: Partial<AgencyInput>,
): Promise<AgencyView> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await repo.getAgency(trx);
    if (!a) throw notFound('AGENCY_NOT_CONFIGURED', '尚未配置执法主体');
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.shortName !== undefined && { short_name: patch.shortName }),
      ...(patch.address !== undefined && { address: patch.address }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
    };
    if (Object.keys(set).length > 0) {
      await repo.updateAgency(trx, a.id, set);
      await appendEntry(trx, deps, actor, 'agency.updated@1', { type: 'agency', id: a.id }, patch);
    }
    return agencyView({ ...a, ...set });
  });
}

/* ---------- units ---------- */

/** One legal-review body per agency (REV-02): unmark the current one, with its own ledger entry. */
async function moveLegalReview(
  deps: Deps,
  trx: Tx,
  actor: Actor,
  agencyId: string,
  exceptId?: string,
): Promise<void> {
  for (const u of await repo.listUnits(trx, agencyId)) {
    if (u.is_legal_review !== 1 || u.id === exceptId) continue;
    await repo.updateUnit(trx, u.id, { is_legal_review: 0 });
    await appendEntry(
      trx,
      deps,
      actor,
      'unit.updated@1',
      { type: 'unit', id: u.id },
      { isLegalReview: false, reason: 'legalReviewMoved' },
    );
  }
}

export async function listUnits(deps: Deps) {
  const a = await currentAgency(deps);
  return (await repo.listUnits(deps.db, a.id)).map(unitView);
}

export async function createUnit(
  deps: Deps,
  actor: Actor,
  input: { name: string; isLegalReview?: boolean },
  trx?: Tx,
) {
  const run = async (t: Tx) => {
    const a = await repo.getAgency(t);
    if (!a) throw notFound('AGENCY_NOT_CONFIGURED', '尚未配置执法主体');
    if (await repo.findUnitByName(t, a.id, input.name))
      throw conflict('UNIT_NAME_TAKEN', `科室“${input.name}”已存在`, 'name');
    const id = newId(deps.clock);
    // One legal-review body per agency (REV-02): marking this one unmarks the previous.
    if (input.isLegalReview) await moveLegalReview(deps, t, actor, a.id);
    const row = {
      id,
      agency_id: a.id,
      name: input.name,
      is_legal_review: input.isLegalReview ? 1 : 0,
      created_at: deps.clock.now().toISOString(),
    };
    await repo.insertUnit(t, row);
    await appendEntry(
      t,
      deps,
      actor,
      'unit.created@1',
      { type: 'unit', id },
      { name: input.name, isLegalReview: !!input.isLegalReview },
    );
    return unitView(row);
  };
  return trx ? run(trx) : deps.db.transaction().execute(run);
}

export async function updateUnit(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: { name?: string; isLegalReview?: boolean },
) {
  return deps.db.transaction().execute(async (trx) => {
    const u = await repo.getUnit(trx, id);
    if (!u) throw notFound('UNIT_NOT_FOUND', '科室不存在');
    if (patch.name !== undefined && patch.name !== u.name) {
      if (await repo.findUnitByName(trx, u.agency_id, patch.name))
        throw conflict('UNIT_NAME_TAKEN', `科室“${patch.name}”已存在`, 'name');
    }
    if (patch.isLegalReview === true) await moveLegalReview(deps, trx, actor, u.agency_id, id);
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.isLegalReview !== undefined && { is_legal_review: patch.isLegalReview ? 1 : 0 }),
    };
    if (Object.keys(set).length > 0) {
      await repo.updateUnit(trx, id, set);
      await appendEntry(trx, deps, actor, 'unit.updated@1', { type: 'unit', id }, patch);
    }
    return unitView({ ...u, ...set });
  });
}

/* ---------- officers ---------- */

function today(deps: Deps): string {
  return shanghaiDate(deps.clock.now());
}

async function withCertificates(deps: Deps, rows: repo.OfficerRow[]): Promise<OfficerView[]> {
  const certs = await repo.certificatesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const t = today(deps);
  const byOfficer = new Map<string, CertificateView[]>();
  for (const c of certs) {
    const list = byOfficer.get(c.officer_id) ?? [];
    list.push(certificateView(c, t));
    byOfficer.set(c.officer_id, list);
  }
  return rows.map((r) => officerView(r, byOfficer.get(r.id) ?? []));
}

export async function listOfficers(
  deps: Deps,
  q: { cursor?: string; limit: number; q?: string; unitId?: string },
) {
  const a = await currentAgency(deps);
  const rows = await repo.listOfficers(deps.db, {
    agencyId: a.id,
    limit: q.limit + 1,
    ...(q.cursor !== undefined && { afterId: q.cursor }),
    ...(q.q !== undefined && q.q !== '' && { nameContains: q.q }),
    ...(q.unitId !== undefined && { unitId: q.unitId }),
  });
  const page = rows.slice(0, q.limit);
  return {
    items: await withCertificates(deps, page),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function getOfficer(deps: Deps, id: string): Promise<OfficerView> {
  const r = await repo.getOfficer(deps.db, id);
  if (!r) throw notFound('OFFICER_NOT_FOUND', '执法人员不存在');
  const [v] = await withCertificates(deps, [r]);
  return v!;
}

export interface OfficerInput {
  name: string;
  unitId: string;
  post: string;
  duties?: string;
}

export async function createOfficer(
  deps: Deps,
  actor: Actor,
  input: OfficerInput,
  trx?: Tx,
): Promise<{ id: string }> {
  const run = async (t: Tx) => {
    const unit = await repo.getUnit(t, input.unitId);
    if (!unit) throw invalid('UNIT_NOT_FOUND', '所选科室不存在', 'unitId');
    const id = newId(deps.clock);
    await repo.insertOfficer(t, {
      id,
      agency_id: unit.agency_id,
      unit_id: unit.id,
      name: input.name,
      post: input.post,
      duties: input.duties ?? '',
      active: 1,
      created_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      t,
      deps,
      actor,
      'officer.created@1',
      { type: 'officer', id },
      { ...input, duties: input.duties ?? '' },
    );
    return { id };
  };
  return trx ? run(trx) : deps.db.transaction().execute(run);
}

export async function updateOfficer(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<OfficerInput>,
): Promise<OfficerView> {
  await deps.db.transaction().execute(async (trx) => {
    const o = await repo.getOfficer(trx, id);
    if (!o) throw notFound('OFFICER_NOT_FOUND', '执法人员不存在');
    if (patch.unitId !== undefined && !(await repo.getUnit(trx, patch.unitId)))
      throw invalid('UNIT_NOT_FOUND', '所选科室不存在', 'unitId');
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.post !== undefined && { post: patch.post }),
      ...(patch.duties !== undefined && { duties: patch.duties }),
    };
    if (Object.keys(set).length === 0) return;
    await repo.updateOfficer(trx, id, set);
    await appendEntry(trx, deps, actor, 'officer.updated@1', { type: 'officer', id }, patch);
  });
  return getOfficer(deps, id);
}

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const PHOTO_MAX_BYTES = 1024 * 1024;

function sniffImage(b: Buffer): string | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/** A new photo is a new row; earlier photos stay (records are not overwritten). */
export async function setOfficerPhoto(
  deps: Deps,
  actor: Actor,
  officerId: string,
  content: Buffer,
): Promise<void> {
  const mediaType = sniffImage(content);
  if (!mediaType)
    throw new DomainError('unsupportedType', 'PHOTO_TYPE', '照片须为 JPEG 或 PNG 图片', 'photo');
  const sha256 = createHash('sha256').update(content).digest('hex');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.getOfficer(trx, officerId))) throw notFound('OFFICER_NOT_FOUND', '执法人员不存在');
    const id = newId(deps.clock);
    await repo.insertPhoto(trx, {
      id,
      officer_id: officerId,
      media_type: mediaType,
      sha256,
      content,
      created_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'officer.photo-set@1',
      { type: 'officer', id: officerId },
      { photoId: id, mediaType, sha256, size: content.length },
    );
  });
}

export async function officerPhoto(deps: Deps, officerId: string) {
  const p = await repo.latestPhoto(deps.db, officerId);
  if (!p) throw notFound('PHOTO_NOT_FOUND', '未上传照片');
  return { mediaType: p.media_type, content: Buffer.from(p.content), sha256: p.sha256 };
}

/* ---------- certificates ---------- */

export interface CertificateInput {
  number: string;
  domains: string[];
  validFrom: string;
  validTo: string;
}

function checkValidity(from: string, to: string) {
  if (!isIsoDate(from))
    throw invalid('DATE_INVALID', '有效期起始日期应为 YYYY-MM-DD 格式的真实日期', 'validFrom');
  if (!isIsoDate(to))
    throw invalid('DATE_INVALID', '有效期截止日期应为 YYYY-MM-DD 格式的真实日期', 'validTo');
  if (to < from) throw invalid('VALIDITY_ORDER', '有效期截止日期不能早于起始日期', 'validTo');
}

export async function createCertificate(
  deps: Deps,
  actor: Actor,
  officerId: string,
  input: CertificateInput,
  trx?: Tx,
): Promise<CertificateView> {
  checkValidity(input.validFrom, input.validTo);
  const run = async (t: Tx) => {
    if (!(await repo.getOfficer(t, officerId))) throw notFound('OFFICER_NOT_FOUND', '执法人员不存在');
    if (await repo.findCertificateByNumber(t, input.number))
      throw conflict('CERTIFICATE_NUMBER_TAKEN', `执法证编号 ${input.number} 已被使用`, 'number');
    const id = newId(deps.clock);
    const row = {
      id,
      officer_id: officerId,
      number: input.number,
      domains: JSON.stringify(input.domains),
      valid_from: input.validFrom,
      valid_to: input.validTo,
      state: 'valid',
      state_reason: '',
      created_at: deps.clock.now().toISOString(),
    };
    await repo.insertCertificate(t, row);
    await appendEntry(
      t,
      deps,
      actor,
      'certificate.issued@1',
      { type: 'certificate', id },
      { officerId, ...input },
    );
    return certificateView(row, today(deps));
  };
  return trx ? run(trx) : deps.db.transaction().execute(run);
}

export async function updateCertificate(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<Omit<CertificateInput, 'number'>>,
): Promise<CertificateView> {
  return deps.db.transaction().execute(async (trx) => {
    const c = await repo.getCertificate(trx, id);
    if (!c) throw notFound('CERTIFICATE_NOT_FOUND', '执法证不存在');
    checkValidity(patch.validFrom ?? c.valid_from, patch.validTo ?? c.valid_to);
    const set = {
      ...(patch.domains !== undefined && { domains: JSON.stringify(patch.domains) }),
      ...(patch.validFrom !== undefined && { valid_from: patch.validFrom }),
      ...(patch.validTo !== undefined && { valid_to: patch.validTo }),
    };
    if (Object.keys(set).length > 0) {
      await repo.updateCertificate(trx, id, set);
      await appendEntry(trx, deps, actor, 'certificate.updated@1', { type: 'certificate', id }, patch);
    }
    return certificateView({ ...c, ...set }, today(deps));
  });
}

const TRANSITION_VERBS: Record<CertificateTransition, string> = {
  suspend: '暂停',
  reinstate: '恢复',
  revoke: '吊销',
};
const STATE_LABELS: Record<CertificateState, string> = {
  valid: '有效',
  suspended: '已暂停',
  revoked: '已吊销',
};

export async function changeCertificateState(
  deps: Deps,
  actor: Actor,
  id: string,
  transition: CertificateTransition,
  reason: string,
  trx?: Tx,
): Promise<CertificateView> {
  const run = async (t: Tx) => {
    const c = await repo.getCertificate(t, id);
    if (!c) throw notFound('CERTIFICATE_NOT_FOUND', '执法证不存在');
    const rule = CERTIFICATE_TRANSITIONS[transition];
    const from = c.state as CertificateState;
    if (!(rule.from as readonly CertificateState[]).includes(from)) {
      throw conflict(
        'CERTIFICATE_STATE',
        `执法证当前状态为“${STATE_LABELS[from]}”，不能${TRANSITION_VERBS[transition]}`,
      );
    }
    await repo.updateCertificate(t, id, { state: rule.to, state_reason: reason });
    await appendEntry(
      t,
      deps,
      actor,
      transition === 'suspend'
        ? 'certificate.suspended@1'
        : transition === 'revoke'
          ? 'certificate.revoked@1'
          : 'certificate.reinstated@1',
      { type: 'certificate', id },
      { from, to: rule.to, reason },
    );
    return certificateView({ ...c, state: rule.to, state_reason: reason }, today(deps));
  };
  return trx ? run(trx) : deps.db.transaction().execute(run);
}

/** For the public verification page: only what is meant to be public. */
export async function verifyCertificate(deps: Deps, number: string) {
  const c = await repo.findCertificateByNumber(deps.db, number);
  if (!c) return null;
  const o = await repo.getOfficer(deps.db, c.officer_id);
  if (!o) return null;
  const v = certificateView(c, today(deps));
  return {
    number: v.number,
    officerId: o.id,
    officerName: o.name,
    unitName: o.unit_name,
    post: o.post,
    hasPhoto: Number(o.has_photo) === 1,
    domains: v.domains,
    validFrom: v.validFrom,
    validTo: v.validTo,
    standing: v.standing,
    standingLabel: v.standingLabel,
  };
}
