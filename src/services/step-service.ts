import { avRequirement } from '../domain/av-rules';
import {
  SERVICE_MANNER_LABELS,
  STEP_KIND_LABELS,
  type ActType,
  type Procedure,
  type ServiceManner,
  type StepKind,
} from '../domain/case-types';
import { checkActDateNotBefore, shanghaiDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import { checkFieldTeam, recorderWarning, type TeamMember } from '../domain/field-team';
import type { Actor } from '../domain/ledger-entry';
import * as repo from '../repositories/case-repository';
import * as flagRepo from '../repositories/flag-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import * as recordRepo from '../repositories/record-repository';
import * as recorderRepo from '../repositories/recorder-repository';
import * as stepRepo from '../repositories/step-repository';
import type { Row } from '../storage/schema';
import type { CaseDates } from '../domain/case-deadlines';
import { assertOpen } from '../domain/case-open';
import { updateCaseDates, type CaseDeps } from './case-service';
import { loadCalendar } from './calendar-service';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';
import { avRules } from './settings-service';
import { teamOf } from './team-service';

export interface StepInput {
  kind: StepKind;
  occurredAt: string;
  place: string;
  notes: string;
  officerIds: string[];
  inField: boolean;
  contactWithParty?: boolean;
  designatedSite?: boolean;
  serviceManner?: ServiceManner;
}

export function stepView(
  s: Row<'steps'> & { creator_name: string },
  officers: Array<{ officer_id: string; name: string; certificate_number: string }>,
) {
  return {
    id: s.id,
    caseId: s.case_id,
    kind: s.kind as StepKind,
    kindLabel: STEP_KIND_LABELS[s.kind as StepKind],
    serviceManner: s.service_manner as ServiceManner | null,
    serviceMannerLabel: s.service_manner ? SERVICE_MANNER_LABELS[s.service_manner as ServiceManner] : null,
    inField: s.in_field === 1,
    contactWithParty: s.contact_with_party === 1,
    designatedSite: s.designated_site === 1,
    occurredAt: s.occurred_at,
    place: s.place,
    notes: s.notes,
    officers: officers.map((o) => ({
      id: o.officer_id,
      name: o.name,
      certificateNumber: o.certificate_number,
    })),
    avRequired: s.av_required === 1,
    avReasons: JSON.parse(s.av_reasons) as string[],
    recorderWarning: s.recorder_warning,
    state: s.state as 'open' | 'completed',
    avMissingReason: s.av_missing_reason,
    flagged: s.flagged === 1,
    completedAt: s.completed_at,
    createdBy: { id: s.created_by, name: s.creator_name },
    createdAt: s.created_at,
  };
}
export type StepView = ReturnType<typeof stepView>;

export async function getStep(deps: Deps, id: string): Promise<StepView> {
  const s = await stepRepo.getStepWithCreator(deps.db, id);
  if (!s) throw notFound('STEP_NOT_FOUND', '执法环节不存在');
  const officers = await stepRepo.officersOfStep(deps.db, id);
  return stepView(s, officers);
}

export async function caseSteps(deps: Deps, caseId: string): Promise<StepView[]> {
  const [steps, officers] = await Promise.all([
    stepRepo.caseSteps(deps.db, caseId),
    stepRepo.stepOfficersOfCase(deps.db, caseId),
  ]);
  return steps.map((s) =>
    stepView(
      s,
      officers.filter((o) => o.step_id === s.id),
    ),
  );
}

/**
 * Records a step (执法环节) on an open case. A field step needs two officers whose certificates
 * are valid that day and cover the power item's domain (REC-05, 行政处罚法 art. 42); the AV rules
 * (REC-03) decide whether the step must carry an AV record before it is completed.
 */
export async function recordStep(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  input: StepInput,
): Promise<StepView> {
  const occurred = new Date(input.occurredAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.occurredAt) || Number.isNaN(occurred.getTime()))
    throw invalid('TIME_INVALID', '时间应为 ISO 8601 格式（如 2026-11-25T09:30:00+08:00）', 'occurredAt');
  // A small allowance for clocks of field devices that run a little fast.
  if (occurred.getTime() > deps.clock.now().getTime() + 5 * 60_000)
    throw invalid('DATE_IN_FUTURE', '已发生的执法环节，时间不能晚于现在', 'occurredAt');
  checkActDateNotBefore(shanghaiDate(occurred), deps.minActDate, 'occurredAt');
  const place = input.place.normalize('NFC').trim();
  if (place.length < 2) throw invalid('PLACE_REQUIRED', '请填写地点', 'place');
  if (input.kind === 'service' && !input.serviceManner)
    throw invalid('SERVICE_MANNER_REQUIRED', '送达须选择送达方式', 'serviceManner');
  if (input.kind !== 'service' && input.serviceManner)
    throw invalid('SERVICE_MANNER_NOT_ALLOWED', '只有送达环节填写送达方式', 'serviceManner');
  if (input.officerIds.length === 0) throw invalid('OFFICERS_REQUIRED', '请选择参与的执法人员', 'officerIds');
  if (new Set(input.officerIds).size !== input.officerIds.length)
    throw invalid('OFFICERS_DUPLICATE', '执法人员重复', 'officerIds');

  const c = await repo.getCase(deps.db, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  assertOpen(c);
  const item = (await powerItemRepo.getPowerItem(deps.db, c.power_item_id))!;
  const onDate = shanghaiDate(occurred);
  if (onDate < c.filed_on && c.act_type !== 'inspection')
    throw invalid('DATE_BEFORE_FILING', `执法环节的日期不能早于立案日期（${c.filed_on}）`, 'occurredAt');
  const members = await teamOf(deps.db, input.officerIds);
  const team = checkFieldTeam(members, onDate, item.domain || null);
  if (input.inField && !team.ok)
    throw new DomainError('unprocessable', 'TWO_OFFICER_RULE', team.message, 'officerIds', {
      problems: team.problems,
    });
  const certificateOf = (m: TeamMember) =>
    m.certificates.find((x) => x.state === 'valid' && x.validFrom <= onDate && onDate <= x.validTo)?.number ??
    '';

  const facts = JSON.parse(c.facts) as { procedure: Procedure };
  const afterCommitment =
    c.linked_case_id !== null && (await repo.isCommitmentCase(deps.db, c.linked_case_id));
  const av = avRequirement(await avRules(deps.db), {
    stepKind: input.kind,
    ...(input.serviceManner && { serviceManner: input.serviceManner }),
    procedure: facts.procedure,
    actType: c.act_type as ActType,
    caseMajor: c.major === 1,
    afterCommitmentLicensing: afterCommitment,
    designatedSite: input.designatedSite ?? false,
    contactWithParty: input.contactWithParty ?? false,
    inField: input.inField ?? false,
  });
  const holders = await recorderRepo.holdersOf(deps.db, input.officerIds);
  const warning = input.inField
    ? recorderWarning(
        input.officerIds,
        holders.map((h) => h.holder_officer_id!),
      )
    : null;

  const id = newId(deps.clock);
  // Read before the transaction: on SQLite the one connection is the transaction's until it ends.
  const { calendar } = await loadCalendar(deps);
  await deps.db.transaction().execute(async (trx) => {
    // The case may have closed since it was read.
    const fresh = await repo.lockCase(trx, caseId);
    if (!fresh) throw notFound('CASE_NOT_FOUND', '案件不存在');
    assertOpen(fresh);
    const at = deps.clock.now().toISOString();
    await stepRepo.insertStep(trx, {
      id,
      case_id: caseId,
      kind: input.kind,
      service_manner: input.serviceManner ?? null,
      in_field: input.inField ? 1 : 0,
      contact_with_party: input.contactWithParty ? 1 : 0,
      designated_site: input.designatedSite ? 1 : 0,
      occurred_at: occurred.toISOString(),
      place,
      notes: input.notes.trim(),
      av_required: av.required ? 1 : 0,
      av_reasons: JSON.stringify(av.reasons),
      recorder_warning: warning,
      state: 'open',
      av_missing_reason: null,
      flagged: 0,
      completed_at: null,
      created_by: actor.id,
      created_at: at,
    });
    await stepRepo.insertStepOfficers(
      trx,
      members.map((m) => ({ step_id: id, officer_id: m.officerId, certificate_number: certificateOf(m) })),
    );
    await appendEntry(
      trx,
      deps,
      actor,
      'step.recorded@1',
      { type: 'step', id },
      {
        caseId,
        kind: input.kind,
        occurredAt: occurred.toISOString(),
        place,
        officerIds: input.officerIds,
        inField: input.inField,
        avRequired: av.required,
      },
    );
    // While a hearing is pending, a notice step is the 听证通知 (its date is checked against the
    // 7-working-day rule) and a hearing step fixes the hearing date if none was set.
    if (fresh.state === 'hearing' && (input.kind === 'notice' || input.kind === 'hearing')) {
      const dates = JSON.parse(fresh.dates) as CaseDates;
      const patch: Partial<CaseDates> =
        input.kind === 'notice'
          ? { hearingNotifiedOn: onDate }
          : dates.hearingOn
            ? {}
            : { hearingOn: onDate };
      if (Object.keys(patch).length > 0)
        await updateCaseDates(trx, deps, actor, fresh, { ...dates, ...patch }, `step:${id}`, calendar);
    }
  });
  return getStep(deps, id);
}

/**
 * Completes a step. One that requires AV (REC-03) and has no audio or video record needs a written
 * reason; it is then flagged for the supervisor (REC-11).
 */
export async function completeStep(
  deps: CaseDeps,
  actor: Actor,
  stepId: string,
  input: { avMissingReason?: string },
): Promise<StepView> {
  await deps.db.transaction().execute(async (trx) => {
    const s = await stepRepo.getStep(trx, stepId);
    if (!s) throw notFound('STEP_NOT_FOUND', '执法环节不存在');
    if (s.state === 'completed') throw conflict('STEP_COMPLETED', '该执法环节已完成');
    const c = (await repo.lockCase(trx, s.case_id))!;
    assertOpen(c);
    const hasAv = await recordRepo.stepHasAvRecord(trx, stepId);
    const reason = input.avMissingReason?.trim() ?? '';
    const missing = s.av_required === 1 && !hasAv;
    if (missing && reason.length < 5)
      throw new DomainError(
        'unprocessable',
        'AV_RECORD_REQUIRED',
        `此环节须同步音像记录（${(JSON.parse(s.av_reasons) as string[]).join('；')}）；未上传音像记录的，须书面说明理由（至少 5 个字）`,
        'avMissingReason',
      );
    const at = deps.clock.now().toISOString();
    await stepRepo.updateStep(trx, stepId, {
      state: 'completed',
      completed_at: at,
      av_missing_reason: missing ? reason : null,
      flagged: missing ? 1 : 0,
    });
    if (missing)
      await flagRepo.insertFlag(trx, {
        id: newId(deps.clock),
        kind: 'avMissing',
        case_id: s.case_id,
        step_id: stepId,
        record_id: null,
        user_id: actor.id,
        detail: reason,
        at,
      });
    await appendEntry(
      trx,
      deps,
      actor,
      'step.completed@1',
      { type: 'step', id: stepId },
      {
        caseId: s.case_id,
        avMissing: missing,
        ...(missing && { reason }),
      },
    );
  });
  return getStep(deps, stepId);
}
