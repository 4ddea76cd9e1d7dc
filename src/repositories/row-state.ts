import { createHash } from 'node:crypto';
import type { Executor } from '../storage/database';

/**
 * The recorded state of each ledgered row (PLT-04). Every ledger entry about a tracked subject
 * carries `state`: this projection of the row as it stood after the change. The verifier compares
 * each row as it is now with the state its latest entry recorded, so a field edited behind the
 * application's back is found and named. Volatile, non-record tables (sessions) are not tracked.
 */
type Projection = (ex: Executor, id: string) => Promise<Record<string, unknown> | undefined>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const TRACKED: Record<string, { table: string; project: Projection }> = {
  agency: {
    table: 'agencies',
    project: async (ex, id) => {
      const r = await ex.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { name: r.name, shortName: r.short_name, address: r.address, phone: r.phone };
    },
  },
  unit: {
    table: 'units',
    project: async (ex, id) => {
      const r = await ex.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { agencyId: r.agency_id, name: r.name, isLegalReview: r.is_legal_review === 1 };
    },
  },
  officer: {
    table: 'officers',
    project: async (ex, id) => {
      const r = await ex.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      const photo = await ex
        .selectFrom('officer_photos')
        .select(['id', 'sha256'])
        .where('officer_id', '=', id)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return {
        agencyId: r.agency_id,
        unitId: r.unit_id,
        name: r.name,
        post: r.post,
        duties: r.duties,
        active: r.active === 1,
        photoSha256: photo?.sha256 ?? null,
      };
    },
  },
  certificate: {
    table: 'certificates',
    project: async (ex, id) => {
      const r = await ex.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          officerId: r.officer_id,
          number: r.number,
          domains: JSON.parse(r.domains) as unknown,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          state: r.state,
          stateReason: r.state_reason,
        }
      );
    },
  },
  user: {
    table: 'users',
    project: async (ex, id) => {
      const r = await ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      const roles = await ex
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', id)
        .orderBy('role')
        .execute();
      return {
        username: r.username,
        displayName: r.display_name,
        // A digest of the (salted) password hash: a swapped hash is found, nothing about the password is shown.
        passwordDigest: sha256(r.password_hash),
        officerId: r.officer_id,
        disabled: r.disabled === 1,
        failedCount: r.failed_count,
        lockedUntil: r.locked_until,
        roles: roles.map((x) => x.role),
        // Only when set, so the states recorded before the flag existed still match.
        ...(r.must_change_password === 1 && { mustChangePassword: true }),
      };
    },
  },
  apiToken: {
    table: 'api_tokens',
    project: async (ex, id) => {
      const r = await ex.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { userId: r.user_id, name: r.name, tokenHash: r.token_hash, revokedAt: r.revoked_at };
    },
  },
  record: {
    table: 'records',
    project: async (ex, id) => {
      const r = await ex.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          sha256: r.sha256,
          sm3: r.sm3,
          size: Number(r.size),
          mediaType: r.media_type,
          fileName: r.file_name,
          createdBy: r.created_by,
          // Records made before cases existed carry none of these, and their states stay as recorded.
          ...(r.case_id !== null && {
            caseId: r.case_id,
            stepId: r.step_id,
            kind: r.kind,
            protection: r.protection,
            versionOf: r.version_of,
            rootId: r.root_id,
            version: r.version === null ? null : Number(r.version),
            correctionReason: r.correction_reason,
            av: r.av_meta === null ? null : (JSON.parse(r.av_meta) as unknown),
          }),
        }
      );
    },
  },
  retrieval: {
    table: 'retrievals',
    project: async (ex, id) => {
      const r = await ex.selectFrom('retrievals').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          recordId: r.record_id,
          userId: r.user_id,
          purpose: r.purpose,
          rangeStart: r.range_start === null ? null : Number(r.range_start),
          rangeEnd: r.range_end === null ? null : Number(r.range_end),
        }
      );
    },
  },
  party: {
    table: 'parties',
    project: async (ex, id) => {
      const r = await ex.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
      // Sealed values are represented by their digests: the ledger never holds personal data.
      return (
        r && {
          kind: r.kind,
          name: r.name,
          idType: r.id_type,
          idMasked: r.id_masked,
          idDigest: r.id_digest,
          legalRepresentative: r.legal_representative,
          phoneMasked: r.phone_masked,
          addressMasked: r.address_masked,
          sealed: sha256(`${r.id_sealed}|${r.phone_sealed}|${r.address_sealed}`),
        }
      );
    },
  },
  powerItem: {
    table: 'power_items',
    project: async (ex, id) => {
      const r = await ex.selectFrom('power_items').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          code: r.code,
          name: r.name,
          actType: r.act_type,
          basis: JSON.parse(r.basis) as unknown,
          domain: r.domain,
          unitId: r.unit_id,
          benchmark: JSON.parse(r.benchmark) as unknown,
          active: r.active === 1,
        }
      );
    },
  },
  case: {
    table: 'cases',
    project: async (ex, id) => {
      const r = await ex.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      const officers = await ex
        .selectFrom('case_officers')
        .select(['officer_id', 'role'])
        .where('case_id', '=', id)
        .orderBy('officer_id')
        .execute();
      return {
        number: r.number,
        actType: r.act_type,
        procedure: r.procedure,
        state: r.state,
        title: r.title,
        powerItemId: r.power_item_id,
        partyId: r.party_id,
        unitId: r.unit_id,
        major: r.major === 1,
        linkedCaseId: r.linked_case_id,
        facts: JSON.parse(r.facts) as unknown,
        dates: JSON.parse(r.dates) as unknown,
        filedOn: r.filed_on,
        closedOn: r.closed_on,
        officers: officers.map((o) => `${o.officer_id}:${o.role}`),
      };
    },
  },
  step: {
    table: 'steps',
    project: async (ex, id) => {
      const r = await ex.selectFrom('steps').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      const officers = await ex
        .selectFrom('step_officers')
        .select(['officer_id', 'certificate_number'])
        .where('step_id', '=', id)
        .orderBy('officer_id')
        .execute();
      return {
        caseId: r.case_id,
        kind: r.kind,
        serviceManner: r.service_manner,
        inField: r.in_field === 1,
        occurredAt: r.occurred_at,
        place: r.place,
        notes: r.notes,
        avRequired: r.av_required === 1,
        state: r.state,
        avMissingReason: r.av_missing_reason,
        flagged: r.flagged === 1,
        officers: officers.map((o) => `${o.officer_id}:${o.certificate_number}`),
      };
    },
  },
  recorder: {
    table: 'recorders',
    project: async (ex, id) => {
      const r = await ex.selectFrom('recorders').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && { number: r.number, model: r.model, status: r.status, holderOfficerId: r.holder_officer_id }
      );
    },
  },
  documentTemplate: {
    table: 'document_templates',
    project: async (ex, id) => {
      const r = await ex.selectFrom('document_templates').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          kind: r.kind,
          version: Number(r.version),
          title: r.title,
          body: JSON.parse(r.body) as unknown,
          createdBy: r.created_by,
        }
      );
    },
  },
  document: {
    table: 'documents',
    project: async (ex, id) => {
      const r = await ex.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          caseId: r.case_id,
          stepId: r.step_id,
          kind: r.kind,
          templateId: r.template_id,
          templateVersion: Number(r.template_version),
          state: r.state,
          number: r.number,
          recordId: r.record_id,
          data: JSON.parse(r.data) as unknown,
          versionOf: r.version_of,
          version: Number(r.version),
          reason: r.reason,
          finalisedBy: r.finalised_by,
          finalisedAt: r.finalised_at,
        }
      );
    },
  },
  // The archive package's verifier compares caseId, state, cover and index with its manifest.
  caseFile: {
    table: 'case_files',
    project: async (ex, id) => {
      const r = await ex.selectFrom('case_files').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          caseId: r.case_id,
          state: r.state,
          retention: r.retention,
          archiveNumber: r.archive_number,
          cover: r.cover === null ? null : (JSON.parse(r.cover) as unknown),
          index: r.index_items === null ? null : (JSON.parse(r.index_items) as unknown),
          acceptedBy: r.accepted_by,
          acceptedAt: r.accepted_at,
          note: r.note,
        }
      );
    },
  },
  disposal: {
    table: 'disposals',
    project: async (ex, id) => {
      const r = await ex.selectFrom('disposals').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          recordId: r.record_id,
          state: r.state,
          keeperBy: r.keeper_by,
          keeperAt: r.keeper_at,
          leaderBy: r.leader_by,
          leaderAt: r.leader_at,
          undoUntil: r.undo_until,
          disposedAt: r.disposed_at,
          cancelledBy: r.cancelled_by,
          cancelledAt: r.cancelled_at,
          cancelReason: r.cancel_reason,
        }
      );
    },
  },
  legalHold: {
    table: 'legal_holds',
    project: async (ex, id) => {
      const r = await ex.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && {
          caseId: r.case_id,
          recordId: r.record_id,
          reason: r.reason,
          placedBy: r.placed_by,
          placedAt: r.placed_at,
          releasedBy: r.released_by,
          releasedAt: r.released_at,
          releaseReason: r.release_reason,
        }
      );
    },
  },
  flagHandling: {
    table: 'flag_handlings',
    project: async (ex, id) => {
      const r = await ex.selectFrom('flag_handlings').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { flagId: r.flag_id, note: r.note, userId: r.user_id, at: r.at };
    },
  },
  // A receiving platform of the outbox (PUB-03): a digest of the sealed secret, so a secret swapped
  // behind the application's back is found without the secret being shown.
  platform: {
    table: 'platforms',
    project: async (ex, id) => {
      const r = await ex.selectFrom('platforms').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && { name: r.name, url: r.url, enabled: r.enabled === 1, secretDigest: sha256(r.secret_sealed) }
      );
    },
  },
  calendarSchedule: {
    table: 'calendar_schedules',
    project: async (ex, id) => {
      const r = await ex.selectFrom('calendar_schedules').selectAll().where('id', '=', id).executeTakeFirst();
      return r && scheduleState(r);
    },
  },
};

export function scheduleState(r: {
  year: number;
  origin: string;
  holidays: string;
  workdays: string;
  note: string;
}) {
  return {
    year: Number(r.year),
    origin: r.origin,
    holidays: JSON.parse(r.holidays) as unknown,
    workdays: JSON.parse(r.workdays) as unknown,
    note: r.note,
  };
}

export async function rowState(
  ex: Executor,
  subjectType: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  return TRACKED[subjectType]?.project(ex, id);
}

/** Every id in a tracked table, in pages (for the verifier). */
export async function trackedIds(
  ex: Executor,
  subjectType: string,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const table = TRACKED[subjectType]!.table as 'units';
  const rows = await ex
    .selectFrom(table)
    .select('id')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
