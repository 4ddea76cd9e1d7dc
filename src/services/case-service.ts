import {
  allowedActions,
  blockedActions,
  ACTION_LABELS,
  initialState,
  isClosed,
  lifecycleOf,
  STATE_LABELS,
  transition,
  type CaseState,
  type DecisionOutcome,
  type InspectionResult,
  type Lifecycle,
  type TransitionAction,
} from '../domain/case-machine';
import { caseDeadlines, alertPoints, deadlineStatus, type CaseDates } from '../domain/case-deadlines';
import { formatCaseNumber } from '../domain/case-number';
import {
  ACT_TYPE_LABELS,
  PROCEDURE_LABELS,
  PROCEDURES_OF,
  type ActType,
  type PartyKind,
  type Procedure,
  type Sanction,
} from '../domain/case-types';
import type { WorkCalendar } from '../domain/calendar';
import { checkActDateNotBefore, isIsoDate, shanghaiDate, yearOf, type IsoDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import { assertNotArchived, assertOpen } from '../domain/case-open';
import type { Actor } from '../domain/ledger-entry';
import { checkSimplified, DEFAULT_HEARING_THRESHOLDS, hearingQualifies } from '../domain/penalty-rules';
import * as alertRepo from '../repositories/alert-repository';
import * as repo from '../repositories/case-repository';
import * as partyRepo from '../repositories/party-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import { caseLedgerRows } from '../repositories/archive-repository';
import { getAgency, getOfficer, getUnit } from '../repositories/org-repository';
import type { Executor } from '../storage/database';
import type { Row } from '../storage/schema';
import { loadCalendar } from './calendar-service';
import { caseLegalReview } from './legal-review-view';
import type { CaseLegalReview } from '../http/routes/legal-review.schema';
import { assembleOnClose } from './case-file-service';
import { retentionSettings } from './settings-service';
import { casePermissions, readableScope } from './case-access-service';
import { maskEntries, type RecordViewer } from './record-presenter';
import type { CaseAccessUser, CaseAction } from '../domain/case-access';
import { newId, type Deps, type Tx } from './deps';
import { loadCaseFacts, type CaseCapabilities, type CaseEvent, type LoadedCaseFacts } from './case-facts';
import {
  actionsOnWaiver,
  datesAfter,
  deadlineInput,
  decisionExtension,
  decisionPeriodExtension,
  parseDates,
  parseFacts,
  type StoredFacts,
} from '../domain/case-facts';
import { appendEntry } from './ledger';
import { saveFilingFacts } from './case-classification';
import { checkFilingFacts, type FilingFacts } from '../domain/case-classification';
import { pageOf } from './paging';
import { teamOf } from './team-service';
import { caseTeamProblems } from '../domain/field-team';
import { chargedViolations } from '../domain/violations';
import { benchmarkOf, checkSanction, sameSanction } from './sanction-check';
import { procedureView, type ProcedureView } from './procedure-service';
import { createParty, partyView, type PartyDeps, type PartyInput } from './party-service';

export interface CaseDeps extends PartyDeps {
  /** Gates and facts that capabilities add to cases (`src/capabilities.ts`); none when absent. */
  capabilities?: CaseCapabilities;
  /** How many working days before a deadline the first alert is raised. */
  alertWorkingDaysBefore: number;
  /** The earliest date an act may carry (PLT-05). */
  minActDate: IsoDate;
}

export interface FileCaseInput {
  actType: ActType;
  procedure: Procedure;
  title: string;
  powerItemId: string;
  partyId?: string;
  party?: PartyInput;
  unitId: string;
  officerIds: string[];
  major?: boolean;
  filedOn?: IsoDate;
  linkedCaseId?: string;
  sanction?: Sanction;
  /** The violations charged (案由), from the power item's; for penalty cases. */
  chargedViolations?: string[];
  /** What the filing proposes for the classification (REV-01): the penalty, execution method, licence. */
  proposedSanctions?: FilingFacts['proposedSanctions'];
  executionMethod?: FilingFacts['executionMethod'];
  licence?: FilingFacts['licence'];
}

export interface TransitionRequest {
  action: TransitionAction;
  occurredOn?: IsoDate;
  outcome?: DecisionOutcome;
  result?: InspectionResult;
  reason?: string;
  urgentReason?: string;
  sanction?: Sanction;
  partyWaived?: boolean;
  hearingOn?: IsoDate;
  handedOverOnSpot?: boolean;
  linkedPowerItemId?: string;
}

type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.getCase>>>;

const lifecycleOfRow = (r: { act_type: string; procedure: string }) =>
  lifecycleOf(r.act_type as ActType, r.procedure as Procedure)!;

function today(deps: Deps): IsoDate {
  return shanghaiDate(deps.clock.now());
}

/** A date of a past act: a real date, not after today, not before the earliest act date. */
function pastDate(deps: CaseDeps, d: IsoDate | undefined, field: string): IsoDate {
  const t = today(deps);
  if (d === undefined) return t;
  if (!isIsoDate(d)) throw invalid('DATE_INVALID', `日期应为 YYYY-MM-DD 格式的真实日期：${d}`, field);
  if (d > t) throw invalid('DATE_IN_FUTURE', `已发生事项的日期不能晚于今天（${t}）`, field);
  checkActDateNotBefore(d, deps.minActDate, field);
  return d;
}

/** Deadlines of a case as of its dates, with the earliest pending one and the alert timers. */
function plan(
  cal: WorkCalendar,
  deps: CaseDeps,
  r: { act_type: string; procedure: string },
  dates: CaseDates,
  facts: Pick<StoredFacts, 'hearingOffered' | 'partyWaived'>,
) {
  const deadlines = caseDeadlines(
    cal,
    r.act_type as ActType,
    r.procedure as Procedure,
    deadlineInput(dates, facts),
  );
  const pending = deadlines
    .filter((d) => d.met === null)
    .map((d) => d.due)
    .sort();
  return {
    deadlines,
    nextDue: pending[0] ?? null,
    alerts: alertPoints(cal, deadlines, deps.alertWorkingDaysBefore),
  };
}

async function replanTimers(
  trx: Executor,
  deps: CaseDeps,
  caseId: string,
  alerts: ReturnType<typeof plan>['alerts'],
) {
  await alertRepo.deletePendingTimers(trx, caseId);
  await alertRepo.insertTimers(
    trx,
    alerts.map((a) => ({
      id: newId(deps.clock),
      case_id: caseId,
      deadline: a.kind,
      stage: a.stage,
      due: a.due,
      fire_on: a.at,
      fired_at: null,
    })),
  );
}

async function checkOfficers(ex: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) throw invalid('OFFICERS_REQUIRED', '请指定承办的执法人员', 'officerIds');
  if (new Set(ids).size !== ids.length) throw invalid('OFFICERS_DUPLICATE', '执法人员重复', 'officerIds');
  for (const id of ids) {
    const o = await getOfficer(ex, id);
    if (!o || o.active !== 1)
      throw invalid('OFFICER_NOT_FOUND', `执法人员不存在或已停用：${id}`, 'officerIds');
  }
}

/**
 * Files a case (立案, or the first act of procedures that start with a decision): the number is
 * taken, the case, its officers, its timers and its ledger entry are written in one transaction.
 */
export async function fileCase(
  deps: CaseDeps,
  actor: Actor,
  input: FileCaseInput,
  viewer: CaseAccessUser | null = null,
): Promise<CaseView> {
  const lifecycle = lifecycleOf(input.actType, input.procedure);
  if (!lifecycle)
    throw invalid(
      'PROCEDURE_INVALID',
      `${ACT_TYPE_LABELS[input.actType]}可用的程序：${PROCEDURES_OF[input.actType].map((p) => PROCEDURE_LABELS[p]).join('、')}`,
      'procedure',
    );
  const filingProblem = checkFilingFacts(input.actType, input.procedure, input)[0];
  if (filingProblem) throw invalid('FILING_FACTS_INVALID', filingProblem.message, filingProblem.field);
  const title = input.title.normalize('NFC').trim();
  if (title.length < 2) throw invalid('TITLE_INVALID', '案由至少 2 个字', 'title');
  const filedOn = pastDate(deps, input.filedOn, 'filedOn');
  const item = await powerItemRepo.getPowerItem(deps.db, input.powerItemId);
  if (!item || item.active !== 1)
    throw invalid('POWER_ITEM_NOT_FOUND', '权力事项不存在或已停用', 'powerItemId');
  if (item.act_type !== input.actType)
    throw invalid(
      'POWER_ITEM_ACT_TYPE',
      `权力事项“${item.name}”属于${ACT_TYPE_LABELS[item.act_type as ActType]}，与案件类别不符`,
      'powerItemId',
    );
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw invalid('UNIT_NOT_FOUND', '承办部门不存在', 'unitId');
  await checkOfficers(deps.db, input.officerIds);
  // PLT-07: only officers whose certificate covers the matter on the filing date handle the case.
  const problems = caseTeamProblems(await teamOf(deps.db, input.officerIds), filedOn, item.domain || null);
  if (problems.length > 0)
    throw new DomainError(
      'unprocessable',
      'OFFICER_NOT_QUALIFIED',
      `承办人员须持有立案之日有效、执法领域涵盖本事项的执法证件：${problems.map((p) => p.message).join('；')}`,
      'officerIds',
      { problems },
    );
  if (input.partyId === undefined && input.party === undefined)
    throw invalid('PARTY_REQUIRED', '请选择或登记当事人', 'partyId');
  let partyKind: PartyKind | undefined;
  if (input.partyId !== undefined) {
    const p = await partyRepo.getParty(deps.db, input.partyId);
    if (!p) throw invalid('PARTY_NOT_FOUND', '当事人不存在', 'partyId');
    partyKind = p.kind as PartyKind;
  } else partyKind = input.party!.kind;
  if (input.linkedCaseId !== undefined && !(await repo.getCase(deps.db, input.linkedCaseId)))
    throw invalid('CASE_NOT_FOUND', '关联案件不存在', 'linkedCaseId');

  // 案由: the violations this case charges, each one of the power item's (penalty cases only).
  const charged =
    input.actType === 'penalty' ? chargedViolations(benchmarkOf(item), input.chargedViolations) : [];
  if (input.actType !== 'penalty' && (input.chargedViolations?.length ?? 0) > 0)
    throw invalid('VIOLATION_NOT_OF_ITEM', '只有行政处罚案件需选择违法行为', 'chargedViolations');

  const facts: StoredFacts = { procedure: input.procedure };
  const dates: CaseDates = { filedOn };
  switch (lifecycle) {
    case 'penaltySimplified': {
      if (!input.sanction) throw invalid('SANCTION_REQUIRED', '简易程序须填写当场作出的处罚', 'sanction');
      const s = checkSimplified(partyKind, input.sanction);
      if (!s.ok) throw invalid(s.code, s.message, `sanction.${s.field}`);
      checkSanction(item, partyKind, input.sanction);
      Object.assign(facts, { outcome: 'penalty', sanction: input.sanction });
      Object.assign(dates, { decidedOn: filedOn, handedOverOnSpot: true, hasFine: input.sanction.fine > 0 });
      break;
    }
    case 'compulsionMeasure':
      dates.measureDecidedOn = filedOn;
      break;
    case 'compulsionExecution':
      dates.admonitionServedOn = filedOn;
      break;
    case 'expropriation':
      dates.decidedOn = filedOn;
      break;
    case 'penaltyOrdinary':
    case 'inspection':
    case 'licensing':
      if (input.sanction)
        throw invalid('SANCTION_NOT_ALLOWED', '立案时不填写处罚，告知或决定时再填写', 'sanction');
      break;
  }

  const id = newId(deps.clock);
  // Read before the transaction: on SQLite the one connection is the transaction's until it ends.
  const { calendar } = await loadCalendar(deps);
  await deps.db.transaction().execute(async (trx) => {
    await insertCase(trx, deps, actor, calendar, {
      id,
      lifecycle,
      input: { ...input, title, chargedViolations: charged },
      item,
      facts,
      dates,
    });
  });
  return getCase(deps, id, viewer);
}

async function insertCase(
  trx: Tx,
  deps: CaseDeps,
  actor: Actor,
  calendar: WorkCalendar,
  c: {
    id: string;
    lifecycle: Lifecycle;
    input: FileCaseInput;
    item: Row<'power_items'>;
    facts: StoredFacts;
    dates: CaseDates;
  },
) {
  const agency = await getAgency(trx);
  if (!agency) throw notFound('AGENCY_NOT_FOUND', '尚未登记执法主体');
  const { input } = c;
  const partyId = input.partyId ?? (await createParty(deps, actor, input.party!, trx)).id;
  const party = (await partyRepo.getParty(trx, partyId))!;
  const year = yearOf(c.dates.filedOn!);
  const seq = await repo.nextCaseSeq(trx, agency.id, year);
  const number = formatCaseNumber(agency.short_name, year, seq);
  const p = plan(calendar, deps, { act_type: input.actType, procedure: input.procedure }, c.dates, c.facts);
  const at = deps.clock.now().toISOString();
  await repo.insertCase(trx, {
    id: c.id,
    agency_id: agency.id,
    number,
    year,
    seq,
    act_type: input.actType,
    procedure: input.procedure,
    state: initialState(c.lifecycle),
    title: input.title,
    power_item_id: c.item.id,
    party_id: partyId,
    party_name: party.name,
    unit_id: input.unitId,
    major: input.major ? 1 : 0,
    linked_case_id: input.linkedCaseId ?? null,
    charged_violations: JSON.stringify(input.chargedViolations ?? []),
    facts: JSON.stringify(c.facts),
    dates: JSON.stringify(c.dates),
    filed_on: c.dates.filedOn!,
    closed_on: null,
    next_due: p.nextDue,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
  });
  await repo.insertCaseOfficers(
    trx,
    input.officerIds.map((officerId, i) => ({
      case_id: c.id,
      officer_id: officerId,
      role: i === 0 ? 'lead' : 'member',
    })),
  );
  await replanTimers(trx, deps, c.id, p.alerts);
  await saveFilingFacts(trx, c.id, {
    ...(input.proposedSanctions?.length && { proposedSanctions: input.proposedSanctions }),
    ...(input.executionMethod && { executionMethod: input.executionMethod }),
    ...(input.licence && { licence: input.licence }),
    filedMajor: input.major === true,
  });
  await appendEntry(
    trx,
    deps,
    actor,
    'case.filed@1',
    { type: 'case', id: c.id },
    {
      number,
      actType: input.actType,
      procedure: input.procedure,
      powerItemId: c.item.id,
      partyId,
      unitId: input.unitId,
      officerIds: input.officerIds,
      ...(input.chargedViolations?.length && { chargedViolations: input.chargedViolations }),
      ...(input.proposedSanctions?.length && { proposedSanctions: input.proposedSanctions }),
      ...(input.executionMethod && { executionMethod: input.executionMethod }),
      ...(input.licence && { licence: input.licence }),
      linkedCaseId: input.linkedCaseId ?? null,
    },
  );
  await runEffects(trx, deps, {
    actor,
    caseId: c.id,
    action: 'file',
    from: null,
    to: initialState(c.lifecycle),
    on: c.dates.filedOn!,
    facts: c.facts,
    dates: c.dates,
    calendar,
  });
  return number;
}

/** The capabilities' effects of a filing or transition, in the act's transaction. */
async function runEffects(trx: Tx, deps: CaseDeps, event: CaseEvent): Promise<void> {
  for (const e of deps.capabilities?.effects ?? []) await e.run(trx, deps, event);
}

/**
 * Moves a case to its next state (ACT-1). The pure machine decides; this writes the new state,
 * the transition row, the re-planned deadline timers, any linked case the transition opens, and
 * the ledger entry, all in one transaction — or nothing.
 */
export async function transitionCase(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  req: TransitionRequest,
  viewer: CaseAccessUser | null = null,
): Promise<CaseView> {
  const on = pastDate(deps, req.occurredOn, 'occurredOn');
  if (req.hearingOn !== undefined && !isIsoDate(req.hearingOn))
    throw invalid('DATE_INVALID', `日期应为 YYYY-MM-DD 格式的真实日期：${req.hearingOn}`, 'hearingOn');
  if (req.hearingOn !== undefined) checkActDateNotBefore(req.hearingOn, deps.minActDate, 'hearingOn');
  const { calendar } = await loadCalendar(deps);
  const retention = await retentionSettings(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockCase(trx, caseId);
    if (!row) throw notFound('CASE_NOT_FOUND', '案件不存在');
    assertNotArchived(row);
    if (on < row.filed_on)
      throw invalid('DATE_BEFORE_FILING', `日期不能早于立案日期（${row.filed_on}）`, 'occurredOn');
    const loaded = await loadCaseFacts(trx, deps, row, on, calendar);
    const { lifecycle, state, stored, dates, facts } = loaded;
    if (req.partyWaived) facts.partyWaived = true;

    // An act the state does not allow at all is a 409 naming what is allowed, before its input is checked.
    const available = transition(lifecycle, state, facts, { action: req.action }, loaded.gate, loaded.preset);
    if (!available.ok && available.code === 'TRANSITION_NOT_ALLOWED')
      throw new DomainError('conflict', available.code, available.message, undefined, {
        allowed: available.allowed.map((a) => ({ action: a, label: ACTION_LABELS[a] })),
      });

    // Penalties proposed at notice and imposed at decision are checked against the power item.
    const item = (await powerItemRepo.getPowerItem(trx, row.power_item_id))!;
    const party = (await partyRepo.getParty(trx, row.party_id))!;
    const partyKind = party.kind as PartyKind;
    // A decision that needs the leader's approval is the one approved: its outcome and penalty.
    const preset = loaded.preset(req.action);
    const approved = facts.proceeding?.approvals.decision?.proposal;
    const outcome = req.outcome ?? preset?.outcome;
    if (
      req.action === 'decide' &&
      preset &&
      approved?.sanction &&
      req.sanction &&
      !sameSanction(req.sanction, approved.sanction)
    )
      throw conflict(
        'DECISION_DIFFERS_FROM_APPROVAL',
        '提交的处罚与负责人批准的处罚不一致；如需改变，请重新提请决定审批',
        'sanction',
      );
    // The notice states the penalty proposed (拟作出的处罚) before it is issued, and the 告知 is that.
    if (
      req.action === 'notice' &&
      stored.sanction &&
      req.sanction &&
      !sameSanction(req.sanction, stored.sanction)
    )
      throw conflict(
        'SANCTION_DIFFERS_FROM_NOTICE',
        '提交的处罚与事先告知书所载拟作出的处罚不一致；如需改变，请重新登记拟作出的处罚并重新出具告知书',
        'sanction',
      );
    if (
      lifecycle === 'penaltyOrdinary' &&
      (req.action === 'notice' || (req.action === 'decide' && outcome === 'penalty'))
    ) {
      const sanction =
        req.action === 'decide' && preset && approved?.sanction
          ? approved.sanction
          : req.action === 'notice'
            ? (stored.sanction ?? req.sanction)
            : (req.sanction ?? stored.sanction);
      if (!sanction) {
        // A notice not yet issued says so first: its penalty is proposed before it is drafted.
        const block = req.action === 'notice' ? loaded.gate('notice') : null;
        if (block)
          throw new DomainError('conflict', block.code, block.message, block.field, { gate: block.gate });
        throw invalid('SANCTION_REQUIRED', '请填写拟作出（或作出）的处罚', 'sanction');
      }
      checkSanction(item, partyKind, sanction);
      const h = hearingQualifies(partyKind, sanction, DEFAULT_HEARING_THRESHOLDS);
      facts.sanction = sanction;
      if (req.action === 'notice') {
        facts.hearingOffered = h.qualifies;
        facts.hearingReasons = h.reasons;
      }
    } else if (req.sanction) throw invalid('SANCTION_NOT_ALLOWED', '此操作不填写处罚', 'sanction');

    const result = transition(
      lifecycle,
      state,
      facts,
      {
        action: req.action,
        ...(outcome && { outcome }),
        ...(req.result && { result: req.result }),
        ...(req.reason && { reason: req.reason }),
        ...(req.urgentReason && { urgentReason: req.urgentReason }),
      },
      loaded.gate,
      loaded.preset,
    );
    if (!result.ok) {
      const allowed = result.allowed.map((a) => ({ action: a, label: ACTION_LABELS[a] }));
      // A capability's gate answers with its own code (409), naming the gate.
      if (result.gate)
        throw new DomainError('conflict', result.gate.code, result.message, result.gate.field, {
          gate: result.gate.gate,
          allowed,
        });
      const kind = result.code === 'TRANSITION_INPUT_INVALID' ? 'invalid' : 'conflict';
      throw new DomainError(kind, result.code, result.message, result.field, { allowed });
    }
    const newFacts: StoredFacts = {
      ...stored,
      ...(req.partyWaived && { partyWaived: true }),
      ...(facts.sanction && { sanction: facts.sanction }),
      ...(facts.hearingOffered !== undefined && { hearingOffered: facts.hearingOffered }),
      ...(facts.hearingReasons && { hearingReasons: facts.hearingReasons }),
      ...result.facts,
      ...(req.action === 'terminate' && req.reason && { terminateReason: req.reason }),
      ...(req.action === 'decide' && preset && approved?.grade && { grade: approved.grade }),
      ...(req.action === 'decide' && preset && approved && { decisionReasons: approved.reasons }),
      ...(req.action === 'execute' && req.urgentReason && { urgentReason: req.urgentReason }),
    };
    const newDates: CaseDates = { ...dates, ...datesAfter(req.action, lifecycle, on, req, newFacts) };
    // A fine is paid on the day its performance says, not on the day 执行 is recorded.
    if (req.action === 'execute' && newFacts.performance?.kind === 'finePaid')
      newDates.paidOn = newFacts.performance.paidOn;
    const p = plan(calendar, deps, row, newDates, newFacts);
    const at = deps.clock.now().toISOString();
    await repo.updateCase(trx, caseId, {
      state: result.to,
      facts: JSON.stringify(newFacts),
      dates: JSON.stringify(newDates),
      next_due: isClosed(lifecycle, result.to) ? null : p.nextDue,
      closed_on: newDates.closedOn ?? null,
      updated_at: at,
    });
    await repo.insertTransition(trx, {
      id: newId(deps.clock),
      case_id: caseId,
      action: req.action,
      from_state: state,
      to_state: result.to,
      payload: JSON.stringify(req),
      occurred_on: on,
      user_id: actor.id,
      at,
    });
    await replanTimers(trx, deps, caseId, isClosed(lifecycle, result.to) ? [] : p.alerts);
    await appendEntry(
      trx,
      deps,
      actor,
      'case.transitioned@1',
      { type: 'case', id: caseId },
      {
        action: req.action,
        from: state,
        to: result.to,
        occurredOn: on,
        ...(outcome && { outcome }),
        ...(req.result && { result: req.result }),
        ...(newFacts.sanction &&
          (req.action === 'notice' || req.action === 'decide') && { sanction: newFacts.sanction }),
        ...(req.reason && { reason: req.reason }),
        ...(req.urgentReason && { urgentReason: req.urgentReason }),
      },
    );
    // Closing assembles the case file for the records keeper (REC-08).
    if (isClosed(lifecycle, result.to)) await assembleOnClose(trx, deps, actor, row, retention);
    await runEffects(trx, deps, {
      actor,
      caseId,
      action: req.action,
      from: state,
      to: result.to,
      on,
      facts: newFacts,
      dates: newDates,
      calendar,
    });

    for (const e of result.effects) {
      // An inspection referred for a penalty, or a 告知承诺 licence's follow-up inspection.
      let linkedItem: Row<'power_items'> | undefined;
      if (req.linkedPowerItemId) {
        linkedItem = await powerItemRepo.getPowerItem(trx, req.linkedPowerItemId);
        if (!linkedItem || linkedItem.act_type !== e.actType || linkedItem.active !== 1)
          throw invalid(
            'POWER_ITEM_NOT_FOUND',
            `关联案件的权力事项须为有效的${ACT_TYPE_LABELS[e.actType]}事项`,
            'linkedPowerItemId',
          );
      } else
        linkedItem = (await powerItemRepo.listPowerItems(trx, row.agency_id)).find(
          (i) => i.act_type === e.actType && i.active === 1,
        );
      if (!linkedItem)
        throw new DomainError(
          'unprocessable',
          'POWER_ITEM_NOT_FOUND',
          `没有可用的${ACT_TYPE_LABELS[e.actType]}权力事项，无法开立关联案件`,
          'linkedPowerItemId',
        );
      const officers = await repo.caseOfficers(trx, caseId);
      const linkedId = newId(deps.clock);
      const linkedDates: CaseDates = { filedOn: on };
      await insertCase(trx, deps, actor, calendar, {
        id: linkedId,
        lifecycle: lifecycleOf(e.actType, e.procedure)!,
        input: {
          actType: e.actType,
          procedure: e.procedure,
          title: `${row.title}（${e.actType === 'penalty' ? '检查转立案' : '告知承诺后续核查'}）`,
          powerItemId: linkedItem.id,
          partyId: row.party_id,
          unitId: row.unit_id,
          officerIds: officers.map((o) => o.officer_id),
          linkedCaseId: caseId,
        },
        item: linkedItem,
        facts: { procedure: e.procedure },
        dates: linkedDates,
      });
    }
  });
  return getCase(deps, caseId, viewer);
}

/**
 * A case with its party (masked), officers, deadlines and the actions open to it now. With a
 * viewer, `permissions` lists the case actions this viewer may take on this case (PLT-07) and
 * `allowedActions` is empty unless they may act on it: the workbench offers exactly that.
 */
export async function getCase(
  deps: CaseDeps,
  id: string,
  viewer: (CaseAccessUser & { userId?: string }) | null,
): Promise<CaseView> {
  const r = await repo.getCase(deps.db, id);
  if (!r) throw notFound('CASE_NOT_FOUND', '案件不存在');
  const party = (await partyRepo.getParty(deps.db, r.party_id))!;
  const officers = await repo.caseOfficers(deps.db, id);
  const { calendar } = await loadCalendar(deps);
  const t = today(deps);
  const permissions = viewer && (await casePermissions(deps.db, viewer, id));
  const loaded = await loadCaseFacts(deps.db, deps, r, t, calendar);
  const legalReview = await caseLegalReview(
    deps.db,
    r,
    viewer?.userId ? { userId: viewer.userId, roles: viewer.roles, officerId: viewer.officerId } : null,
    permissions,
    calendar,
    t,
  );
  const view = caseView(r, {
    loaded,
    calendar,
    today: t,
    party: partyView(party),
    officers: officers.map((o) => ({ id: o.officer_id, name: o.name, role: o.role as 'lead' | 'member' })),
    permissions,
    proceeding: await procedureView(
      deps,
      r,
      calendar,
      permissions,
      viewer?.userId ?? null,
      loaded.facts.proceeding,
    ),
  });
  return { ...view, legalReview };
}

function caseView(
  r: CaseRow,
  extra: {
    calendar: WorkCalendar;
    today: IsoDate;
    /** The case's facts as of today. */
    loaded: LoadedCaseFacts;
    party: ReturnType<typeof partyView>;
    officers: Array<{ id: string; name: string; role: 'lead' | 'member' }>;
    /** What the viewer may do on this case; null when the view is for no one in particular. */
    permissions: CaseAction[] | null;
    proceeding: ProcedureView;
  },
) {
  const { lifecycle, state, stored: facts, dates, gate, preset } = extra.loaded;
  const deadlines = caseDeadlines(
    extra.calendar,
    r.act_type as ActType,
    r.procedure as Procedure,
    deadlineInput(dates, facts),
  ).map((d) => ({
    ...d,
    status: deadlineStatus(d, extra.today),
  }));
  const closed = isClosed(lifecycle, state);
  const archived = r.file_state === 'archived';
  // The viewer acts here only with case.act; without a viewer (an integration's view) the actions
  // open to the case are listed.
  const acts = !archived && (extra.permissions === null || extra.permissions.includes('case.act'));
  const now = extra.loaded.facts;
  const label = (a: TransitionAction) => ({ action: a, label: ACTION_LABELS[a] });
  return {
    id: r.id,
    number: r.number,
    actType: r.act_type as ActType,
    actTypeLabel: ACT_TYPE_LABELS[r.act_type as ActType],
    procedure: r.procedure as Procedure,
    procedureLabel: PROCEDURE_LABELS[r.procedure as Procedure],
    lifecycle,
    state,
    stateLabel: STATE_LABELS[state],
    title: r.title,
    powerItem: { id: r.power_item_id, code: r.power_item_code, name: r.power_item_name },
    party: extra.party,
    unit: { id: r.unit_id, name: r.unit_name },
    officers: extra.officers,
    major: r.major === 1,
    linkedCaseId: r.linked_case_id,
    facts,
    dates,
    filedOn: r.filed_on,
    closedOn: r.closed_on,
    nextDue: r.next_due,
    /** No more steps may be recorded: the lifecycle reached one of its closing states. */
    closed,
    /** Its case file is archived: the case is read-only (REC-08). */
    archived,
    // Time-dependent guards are shown as of today; the server checks again when asked.
    /** The case actions the viewer may take on this case (PLT-07); the workbench shows only these. */
    permissions: extra.permissions ?? [],
    /**
     * The transitions open now. `onWaiver`: open only if the party waives 陈述、申辩 (the form asks
     * for the waiver); the rest are open as they stand.
     */
    allowedActions: acts
      ? [
          ...allowedActions(lifecycle, state, now, gate, preset).map(label),
          ...actionsOnWaiver(lifecycle, state, now, gate, preset).map((a) => ({
            ...label(a),
            onWaiver: true,
          })),
        ]
      : [],
    /** Transitions the case's own rules allow but a capability's gate holds back, with why. */
    blockedActions: acts
      ? blockedActions(lifecycle, state, now, gate, preset).map(({ action, block }) => ({
          ...label(action),
          code: block.code,
          reason: block.message,
        }))
      : [],
    /** How far a leader may still extend the decision period; null when it cannot be extended. */
    decisionExtension: archived ? null : decisionExtension(lifecycle, r.procedure, dates, closed),
    deadlines,
    /** The procedure: case name, violations charged, approvals, performance, documents to draft. */
    proceeding: extra.proceeding,
    createdAt: r.created_at,
  };
}
export type CaseView = ReturnType<typeof caseView> & { legalReview?: CaseLegalReview };

export function caseSummary(r: CaseRow, todayDate: IsoDate) {
  return {
    id: r.id,
    number: r.number,
    actType: r.act_type as ActType,
    actTypeLabel: ACT_TYPE_LABELS[r.act_type as ActType],
    procedure: r.procedure as Procedure,
    state: r.state,
    stateLabel: STATE_LABELS[r.state as CaseState],
    /** The lifecycle reached one of its closing states. */
    closed: isClosed(lifecycleOfRow(r), r.state as CaseState),
    title: r.title,
    partyName: r.party_name,
    unit: { id: r.unit_id, name: r.unit_name },
    powerItemName: r.power_item_name,
    major: r.major === 1,
    filedOn: r.filed_on,
    closedOn: r.closed_on,
    nextDue: r.next_due,
    overdue: r.next_due !== null && r.next_due < todayDate,
  };
}
export type CaseSummary = ReturnType<typeof caseSummary>;

/**
 * The case list (cursor pagination). The cursor is the last case's id, or `filedOn~id` when the
 * list is ordered by filing date (a date range was given).
 */
export async function listCases(
  deps: CaseDeps,
  q: Omit<repo.CaseFilter, 'limit' | 'beforeId' | 'overdueOn' | 'scope'> & {
    overdue?: boolean;
    cursor?: string;
    limit: number;
  },
  viewer: CaseAccessUser,
) {
  const t = today(deps);
  const { overdue, cursor, limit, ...filters } = q;
  const scope = readableScope(viewer);
  const byFiled = q.filedFrom !== undefined || q.filedTo !== undefined;
  let before: { filedOn: string; id: string } | undefined;
  let beforeId: string | undefined;
  if (cursor !== undefined) {
    const [a, b] = cursor.split('~');
    if (byFiled) {
      if (b === undefined || !isIsoDate(a!)) throw invalid('CURSOR_INVALID', '翻页游标无效', 'cursor');
      before = { filedOn: a!, id: b };
    } else {
      if (b !== undefined) throw invalid('CURSOR_INVALID', '翻页游标无效', 'cursor');
      beforeId = a;
    }
  }
  const where = { ...filters, scope, ...(overdue && { overdueOn: t }) };
  const [rows, counted] = await Promise.all([
    repo.listCases(deps.db, {
      ...where,
      limit: limit + 1,
      ...(before && { before }),
      ...(beforeId && { beforeId }),
    }),
    // The first page says how many cases the filter selects, up to CASE_COUNT_CAP ("2000 件以上"
    // beyond): an exact count of a city's million cases would cost more than the page itself, and
    // the later pages need no count at all.
    cursor === undefined ? repo.countCases(deps.db, where, CASE_COUNT_CAP + 1) : undefined,
  ]);
  const page = pageOf(
    rows,
    limit,
    (r) => caseSummary(r, t),
    (v) => (byFiled ? `${v.filedOn}~${v.id}` : v.id),
  );
  if (counted === undefined) return page;
  return { ...page, total: Math.min(counted, CASE_COUNT_CAP), totalMore: counted > CASE_COUNT_CAP };
}

/** The case list counts at most this many cases (the first page's `total`). */
export const CASE_COUNT_CAP = 2000;

export async function caseTimeline(deps: Deps, caseId: string) {
  const transitions = await repo.caseTransitions(deps.db, caseId);
  return transitions.map((t) => ({
    id: t.id,
    action: t.action as TransitionAction,
    label: ACTION_LABELS[t.action as TransitionAction] ?? t.action,
    from: t.from_state,
    to: t.to_state,
    toLabel: STATE_LABELS[t.to_state as CaseState] ?? t.to_state,
    occurredOn: t.occurred_on,
    at: t.at,
    user: { id: t.user_id, name: t.user_name },
    payload: JSON.parse(t.payload) as Record<string, unknown>,
  }));
}

export async function getCaseRow(deps: Deps, id: string) {
  const r = await repo.getCase(deps.db, id);
  if (!r) throw notFound('CASE_NOT_FOUND', '案件不存在');
  return r;
}

/** The case's trail in the ledger: entries about the case and everything in it (steps, records,
 *  documents, case file, disposals, holds), in order. */
export async function caseLedger(deps: Deps, caseId: string, viewer: RecordViewer) {
  await getCaseRow(deps, caseId);
  const rows = await caseLedgerRows(deps.db, caseId);
  const entries = rows.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    delete data.state;
    return {
      seq: Number(r.seq),
      at: r.recorded_at,
      actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name ?? r.actor_id },
      action: r.action,
      subject: { type: r.subject_type, id: r.subject_id },
      data,
      leafHash: r.leaf_hash,
    };
  });
  // Entries about restricted records are masked as everywhere else (REC-09).
  return maskEntries(deps.db, viewer, entries);
}

/**
 * A leader approves a longer period for the decision (行政处罚法 art. 60: 90 days, extendable with
 * approval; 行政许可法 art. 42: 20 working days, +10 with approval). The deadline and its timers
 * move; the approval is a ledger entry with its reason.
 */
export async function approveExtension(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  input: { days: number; reason: string },
  viewer: CaseAccessUser | null = null,
): Promise<CaseView> {
  const reason = input.reason.trim();
  if (reason.length < 5) throw invalid('REASON_REQUIRED', '延长期限须说明理由（至少 5 个字）', 'reason');
  const { calendar } = await loadCalendar(deps);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockCase(trx, caseId);
    if (!row) throw notFound('CASE_NOT_FOUND', '案件不存在');
    assertOpen(row);
    const lifecycle = lifecycleOfRow(row);
    const period = decisionPeriodExtension(lifecycle, row.procedure);
    if (period === null) throw conflict('NO_DECISION_PERIOD', '此类案件没有可延长的决定期限');
    const max = period.maxDays;
    const dates = parseDates(row);
    if (dates.decidedOn) throw conflict('ALREADY_DECIDED', '已作出决定，无需延长决定期限');
    const days = (dates.decisionExtensionDays ?? 0) + input.days;
    if (!Number.isInteger(input.days) || input.days < 1 || days > max)
      throw invalid(
        'EXTENSION_INVALID',
        lifecycle === 'licensing'
          ? '行政许可决定期限最多延长 10 个工作日'
          : `延长后的期限不能超过 ${90 + max} 日`,
        'days',
      );
    const newDates: CaseDates = { ...dates, decisionExtensionDays: days };
    const p = plan(calendar, deps, row, newDates, parseFacts(row));
    await repo.updateCase(trx, caseId, {
      dates: JSON.stringify(newDates),
      next_due: p.nextDue,
      updated_at: deps.clock.now().toISOString(),
    });
    await replanTimers(trx, deps, caseId, p.alerts);
    await appendEntry(
      trx,
      deps,
      actor,
      'case.extensionApproved@1',
      { type: 'case', id: caseId },
      {
        days: input.days,
        totalDays: days,
        reason,
      },
    );
  });
  return getCase(deps, caseId, viewer);
}

/** Records dates a step established on the case, re-planning its deadlines (inside the caller's transaction). */
export async function updateCaseDates(
  trx: Tx,
  deps: CaseDeps,
  actor: Actor,
  row: { id: string; act_type: string; procedure: string; facts: string },
  dates: CaseDates,
  cause: string,
  calendar: WorkCalendar,
): Promise<void> {
  const p = plan(calendar, deps, row, dates, parseFacts(row));
  await repo.updateCase(trx, row.id, {
    dates: JSON.stringify(dates),
    next_due: p.nextDue,
    updated_at: deps.clock.now().toISOString(),
  });
  await replanTimers(trx, deps, row.id, p.alerts);
  await appendEntry(trx, deps, actor, 'case.datesRecorded@1', { type: 'case', id: row.id }, { cause });
}
