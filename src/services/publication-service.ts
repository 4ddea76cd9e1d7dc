/**
 * Publication of enforcement decisions (事后公示, issue 14; PUB-02, PUB-08…PUB-12).
 *
 * An item is created when a decision is made (a case effect) or entered from outside; the preparer
 * reviews the masking and confirms it; a user allowed to publish publishes it, which writes the
 * masked row into `public_decisions` with the ledger entry's seq and leaf hash, in one transaction.
 * A published decision changed, revoked or found unlawful is due for withdrawal within 3 working
 * days; withdrawing (or the display period ending) empties the public row's content. Every act is
 * one transaction with its ledger entry. Only masked text ever goes into the public table.
 */
import type { WorkCalendar } from '../domain/calendar';
import {
  ACT_TYPE_LABELS,
  PROCEDURES_OF,
  SANCTION_LABELS,
  type ActType,
  type PartyKind,
} from '../domain/case-types';
import type { CaseAccessUser } from '../domain/case-access';
import {
  ACTION_LABELS,
  INSPECTION_RESULT_LABELS,
  OUTCOME_LABELS,
  type TransitionAction,
} from '../domain/case-machine';
import { addDays, isIsoDate, type IsoDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound, type ErrorKind } from '../domain/errors';
import type { DomainErrorCode } from '../domain/error-codes';
import { formatYuan } from '../domain/money';
import { entryLeafHash } from '../domain/ledger-entry';
import {
  DECISION_CHANGE_LABELS,
  PUBLICATION_STATE_LABELS,
  PUBLISHED_TEXT_FIELDS,
  publicationView,
  type DecisionChangeKind,
  type PublicationState,
  type PublicationView,
  type PublishedTextField,
} from '../domain/publication-items';
import { searchTokens } from '../domain/search-tokens';
import { shanghaiDate } from '../domain/shanghai-time';
import { subtractWorkingDays } from '../domain/calendar';
import type { Actor } from '../domain/ledger-entry';
import type { Role } from '../domain/policy';
import * as repo from '../repositories/publication-repository';
import type { ItemRow } from '../repositories/publication-repository';
import type {
  ConfirmMaskingBody,
  CreatePublicationBody,
  PublicationDetail,
  PublicationPage,
  PublicationSummary,
  PublicationText,
  RecordChangeBody,
  WithdrawBody,
} from '../http/routes/publications.schema';
import type { CaseEffect, CaseEvent } from './case-facts';
import { loadCalendar } from './calendar-service';
import { newId, SYSTEM, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { drainDueTimers } from './supervision-service';
import { enqueueDelivery } from './outbox-service';
import { partySecretsForMasking, type PartyDeps } from './party-service';
import {
  maskForPublication,
  publicPartyName,
  type KnownPersonalData,
  type MaskChange,
} from '../domain/masking';
import { displayEnds, publicationDue, workingDaysLeft } from '../domain/publication-deadlines';
import { shouldPublish, type PublicationSettings } from '../domain/publication-rules';
import type { Procedure, SanctionKind } from '../domain/case-types';
import { publicationSettings } from './settings-service';
import type { Sealer } from './sealer';
import type { Executor } from '../storage/database';

export type PublicationDeps = PartyDeps;
export type PublicationViewer = CaseAccessUser & { userId: string };

/** Alerts: this many working days before a due day, on it, and the day after (overdue, once). */
const ALERT_WORKING_DAYS_BEFORE = 2;

// ---- which decisions make an item ----

/** The decision a case event makes, if any: its name and whether it is published at all. */
export function decisionOf(e: Pick<CaseEvent, 'action' | 'to'>): string | null {
  if (e.action === 'file') return e.to === 'measureDecided' || e.to === 'decidedOnSpot' ? e.to : null;
  return DECIDING_ACTIONS.has(e.action) ? e.action : null;
}

/** The transitions that make a decision (the others are steps towards or after one). */
const DECIDING_ACTIONS: ReadonlySet<TransitionAction | 'file'> = new Set<TransitionAction>([
  'decide',
  'recordResult',
  'recordReinspection',
  'decideExecution',
  'revokeLicence',
  'withdrawLicence',
]);

function decisionLabel(decision: string): string {
  if (decision === 'external') return '外部录入的决定';
  if (decision === 'measureDecided') return '行政强制措施决定';
  if (decision === 'decidedOnSpot') return '当场处罚决定';
  return ACTION_LABELS[decision as keyof typeof ACTION_LABELS] ?? decision;
}

// ---- masking ----

interface Secrets {
  persons: KnownPersonalData['persons'];
  extra: string[];
}

const sealContext = (id: string, field: string) => `publication:${id}:${field}`;

/** Every person the item knows, with their personal data, for masking. */
async function secretsOf(ex: Executor, sealer: Sealer, item: ItemRow): Promise<Secrets> {
  const persons: KnownPersonalData['persons'] = [];
  if (item.personal_sealed) {
    const p = JSON.parse(sealer.open(sealContext(item.id, 'personal'), item.personal_sealed)) as {
      idNumber?: string;
      phone?: string;
      address?: string;
      otherPersons?: string[];
    };
    persons.push({
      name: item.party_kind === 'person' ? item.party_name : '',
      ...(p.idNumber && { idNumber: p.idNumber }),
      ...(p.phone && { phone: p.phone }),
      ...(p.address && { address: p.address }),
    });
    for (const n of p.otherPersons ?? []) persons.push({ name: n });
  }
  if (item.party_id) {
    const party = await repo.partyRow(ex, item.party_id);
    if (party) {
      const s = partySecretsForMasking(sealer, party);
      persons.push({
        name: party.kind === 'person' ? party.name : '',
        idNumber: s.idNumber,
        phone: s.phone,
        ...(party.kind === 'person' && { address: s.address }),
      });
    }
  }
  if (item.legal_representative) persons.push({ name: item.legal_representative });
  const extra = item.extra_masks_sealed
    ? (JSON.parse(sealer.open(sealContext(item.id, 'extraMasks'), item.extra_masks_sealed)) as string[])
    : [];
  return { persons: persons.filter((p) => p.name !== '' || p.idNumber || p.phone || p.address), extra };
}

function originalText(item: ItemRow): PublicationText {
  return {
    partyName: item.party_name,
    legalRepresentative: item.legal_representative,
    facts: item.facts,
    basis: item.basis,
    resultContent: item.result_content,
  };
}

/** The masked text of every published field and the changes made, field by field. */
function maskItem(
  item: ItemRow,
  s: Secrets,
): { masked: PublicationText; changes: Array<MaskChange & { field: PublishedTextField }> } {
  const known: KnownPersonalData = {
    persons: s.persons,
    extra: s.extra,
    ...(item.party_kind === 'organisation' && {
      organisations: [{ name: item.party_name, ...(item.credit_code && { creditCode: item.credit_code }) }],
    }),
  };
  const original = originalText(item);
  const changes: Array<MaskChange & { field: PublishedTextField }> = [];
  const masked = { ...original };
  for (const field of PUBLISHED_TEXT_FIELDS) {
    const text = original[field];
    if (text === null) continue;
    if (field === 'partyName') {
      const pub = publicPartyName({ kind: item.party_kind as PartyKind, name: text });
      masked.partyName = pub;
      if (pub !== text)
        changes.push({
          field,
          start: 0,
          end: text.length,
          original: text,
          replacement: pub,
          kind: 'personName',
        });
      continue;
    }
    if (field === 'legalRepresentative' && item.party_kind === 'person') {
      masked.legalRepresentative = null;
      continue;
    }
    const r = maskForPublication(text, known);
    masked[field] = r.text;
    for (const c of r.changes) changes.push({ ...c, field });
  }
  return { masked, changes };
}

function draftColumns(m: PublicationText) {
  return {
    draft_party_name: m.partyName,
    draft_legal_representative: m.legalRepresentative,
    draft_facts: m.facts,
    draft_basis: m.basis,
    draft_result_content: m.resultContent,
  };
}

// ---- deadlines and their alerts ----

function timerRows(
  deps: Deps,
  cal: WorkCalendar,
  itemId: string,
  deadline: 'publication' | 'withdrawal',
  due: IsoDate,
) {
  const before = subtractWorkingDays(cal, due, ALERT_WORKING_DAYS_BEFORE).date;
  const stages: Array<[string, IsoDate]> = [
    ['before', before],
    ['due', due],
    ['overdue', addDays(due, 1)],
  ];
  return stages.map(([stage, fire_on]) => ({
    id: newId(deps.clock),
    item_id: itemId,
    deadline,
    stage,
    due,
    fire_on,
    fired_at: null,
  }));
}

/**
 * The alert job's publication part: fires every timer whose day has come, once (the unique key of
 * alerts makes a second firing a no-op), each alert with its ledger entry. A timer of a deadline
 * already met (published, withdrawn) is dropped when the item moves on, so it never fires.
 */
export async function firePublicationTimers(deps: Deps, batch = 200): Promise<number> {
  return drainDueTimers(deps, batch, repo.dueTimers, async (trx, t, at) => {
    const inserted = await repo.insertAlert(trx, {
      id: newId(deps.clock),
      item_id: t.item_id,
      deadline: t.deadline,
      stage: t.stage,
      due: t.due,
      raised_at: at,
    });
    await repo.markFired(trx, t.id, at);
    if (inserted)
      await appendEntry(
        trx,
        deps,
        SYSTEM,
        'publication.alertRaised@1',
        { type: 'publicationItem', id: t.item_id },
        { deadline: t.deadline, stage: t.stage, due: t.due },
      );
    return inserted;
  });
}

// ---- creation ----

interface NewItem {
  caseId: string | null;
  transitionId: string | null;
  actType: ActType;
  decision: string;
  number: string | null;
  decisionDate: IsoDate;
  unitId: string;
  responsibleUserId: string | null;
  responsibleName: string;
  partyId: string | null;
  partyKind: PartyKind;
  partyName: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  personal: { idNumber?: string; phone?: string; address?: string; otherPersons?: string[] } | null;
  minor: boolean;
  facts: string;
  basis: string;
  resultKind: string;
  resultContent: string;
  fineAmount: number | null;
}

async function insertNewItem(trx: Tx, deps: PublicationDeps, actor: Actor, cal: WorkCalendar, n: NewItem) {
  const id = newId(deps.clock);
  const due = publicationDue(cal, 'decision', n.actType, n.decisionDate);
  const base: ItemRow = {
    id,
    agency_id: '',
    case_id: n.caseId,
    transition_id: n.transitionId,
    act_type: n.actType,
    decision: n.decision,
    number: n.number,
    decision_date: n.decisionDate,
    unit_id: n.unitId,
    responsible_user_id: n.responsibleUserId,
    responsible_name: n.responsibleName,
    party_id: n.partyId,
    party_kind: n.partyKind,
    party_name: n.partyName,
    credit_code: n.creditCode,
    legal_representative: n.legalRepresentative,
    personal_sealed: n.personal
      ? deps.sealer.seal(sealContext(id, 'personal'), JSON.stringify(n.personal))
      : null,
    minor: n.minor ? 1 : 0,
    facts: n.facts,
    basis: n.basis,
    result_kind: n.resultKind,
    result_content: n.resultContent,
    fine_amount: n.fineAmount,
    draft_party_name: '',
    draft_legal_representative: null,
    draft_facts: '',
    draft_basis: '',
    draft_result_content: '',
    extra_masks_sealed: null,
    masking_confirmed_by: null,
    masking_confirmed_at: null,
    state: 'pending',
    due: due.due,
    due_confirmed: due.confirmed ? 1 : 0,
    display_end: null,
    change_kind: null,
    change_reason: null,
    change_recorded_by: null,
    change_recorded_at: null,
    withdrawal_due: null,
    withdrawal_due_confirmed: null,
    withdrawal_reason: null,
    created_by: actor.id,
    created_at: deps.clock.now().toISOString(),
    published_by: null,
    published_at: null,
    withdrawn_by: null,
    withdrawn_at: null,
    expired_at: null,
  };
  const agency = await repo.unitAgency(trx, n.unitId);
  if (!agency) throw invalid('PUBLICATION_UNIT_UNKNOWN', '承办科室不存在', 'unitId');
  base.agency_id = agency;
  const { masked } = maskItem(base, await secretsOf(trx, deps.sealer, base));
  const row = { ...base, ...draftColumns(masked) };
  await repo.insertItem(trx, row);
  await repo.insertTimers(trx, timerRows(deps, cal, id, 'publication', due.due));
  await appendEntry(
    trx,
    deps,
    actor,
    'publication.itemCreated@1',
    { type: 'publicationItem', id },
    {
      caseId: n.caseId,
      actType: n.actType,
      decision: n.decision,
      decisionDate: n.decisionDate,
      unitId: n.unitId,
      due: due.due,
      dueConfirmed: due.confirmed,
    },
  );
  return id;
}

/** The decision's text as a case holds it: violations charged, basis, outcome and sanction. */
async function caseDecisionText(trx: Tx, caseId: string, e: CaseEvent) {
  const c = await repo.caseForPublication(trx, caseId);
  const violations = JSON.parse(c.charged_violations) as string[];
  const f = e.facts;
  const sanction = f.sanction;
  let resultKind = decisionLabel(decisionOf(e) ?? e.action);
  let resultContent = resultKind;
  if (f.outcome) resultKind = resultContent = OUTCOME_LABELS[f.outcome];
  if (sanction && f.outcome === 'penalty') {
    resultKind = sanction.kinds.map((k) => SANCTION_LABELS[k]).join('、');
    const parts = sanction.kinds.map((k) =>
      k === 'fine' ? `罚款人民币${formatYuan(sanction.fine)}` : SANCTION_LABELS[k],
    );
    if (sanction.confiscated > 0)
      parts.push(`没收违法所得（非法财物）价值人民币${formatYuan(sanction.confiscated)}`);
    resultContent = parts.join('；');
  }
  const result = (f as { result?: keyof typeof INSPECTION_RESULT_LABELS }).result;
  if (result && INSPECTION_RESULT_LABELS[result])
    resultKind = resultContent = INSPECTION_RESULT_LABELS[result];
  const facts = [violations.length > 0 ? violations.join('；') : c.title, f.decisionReasons]
    .filter((s): s is string => !!s && s.trim() !== '')
    .join('。');
  return {
    c,
    facts,
    // The power item keeps its basis as a JSON list of provisions; the public text names them.
    basis: (JSON.parse(c.basis) as string[]).join('；'),
    resultKind,
    resultContent,
    fine: sanction && f.outcome === 'penalty' ? sanction.fine : null,
  };
}

/** The case effect: a decision made in a case creates its publication item (PUB-08/09/10). */
export const publicationEffect: CaseEffect = {
  id: 'publication.itemOnDecision',
  async run(trx, deps, e) {
    const decision = decisionOf(e);
    if (decision === null) return;
    if (e.action === 'decide' && e.facts.outcome === 'transfer') return;
    const t = e.action === 'file' ? null : await repo.latestTransition(trx, e.caseId, e.action);
    if (t && (await repo.itemOfTransition(trx, t.id))) return;
    const text = await caseDecisionText(trx, e.caseId, e);
    const party = await repo.partyRow(trx, text.c.party_id);
    if (!party) return;
    const idNumber = partySecretsForMasking((deps as PublicationDeps).sealer, party).idNumber;
    const f = e.facts;
    const verdict = shouldPublish(
      {
        actType: text.c.act_type as ActType,
        procedure: text.c.procedure as Procedure,
        partyKind: party.kind as PartyKind,
        partyBirthDate: party.id_type === 'residentId' ? birthDateOf(idNumber) : null,
        decidedOn: e.on,
        ...(f.outcome === 'penalty' && f.sanction && { sanctionKinds: f.sanction.kinds }),
        ...(f.outcome === 'noPenalty' && { sanctionKinds: [] as SanctionKind[] }),
        ...((f.outcome === 'granted' || f.outcome === 'denied') && {
          licenceGranted: f.outcome === 'granted',
        }),
      },
      await publicationSettings(trx),
    );
    if (!verdict.publish) return;
    const minor = false;
    const responsibleName = await repo.userName(trx, e.actor.id);
    await insertNewItem(trx, deps as PublicationDeps, e.actor, e.calendar, {
      caseId: e.caseId,
      transitionId: t?.id ?? null,
      actType: text.c.act_type as ActType,
      decision,
      number: null,
      decisionDate: e.on,
      unitId: text.c.unit_id,
      responsibleUserId: responsibleName === undefined ? null : e.actor.id,
      responsibleName: responsibleName ?? '',
      partyId: party.id,
      partyKind: party.kind as PartyKind,
      partyName: party.name,
      creditCode: party.kind === 'organisation' && party.id_type === 'creditCode' ? party.id_masked : null,
      legalRepresentative: party.legal_representative || null,
      personal: null,
      minor,
      facts: text.facts,
      basis: text.basis,
      resultKind: text.resultKind,
      resultContent: text.resultContent,
      fineAmount: text.fine,
    });
  },
};

/** The birth date a resident ID number states (positions 7–14), if it is one. */
function birthDateOf(idNumber: string | undefined): IsoDate | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(idNumber ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** A decision made outside the platform, entered as an item (POST /api/publications). */
export async function createExternal(
  deps: PublicationDeps,
  actor: Actor,
  viewer: PublicationViewer,
  b: CreatePublicationBody,
): Promise<{ id: string; published: boolean }> {
  const first = (await entryProblems(deps.db, viewer, shanghaiDate(deps.clock.now()), b))[0];
  if (first) throw new DomainError(first.kind, first.code, first.message, first.field);
  const { calendar } = await loadCalendar(deps);
  const ids = await deps.db.transaction().execute((trx) => insertExternal(trx, deps, actor, calendar, b));
  return { id: ids ?? '', published: ids !== null };
}

/** Something wrong with an entered decision beyond its shape (which the body schema checks). */
export interface EntryProblem {
  kind: ErrorKind;
  code: DomainErrorCode;
  message: string;
  field: string;
}

/**
 * The rules of an entered decision beyond its shape, each stated once: the single entry refuses
 * with the first, the import reports every one per row. Messages name the field, never the value.
 */
export async function entryProblems(
  ex: Executor,
  v: PublicationViewer,
  today: IsoDate,
  b: CreatePublicationBody,
): Promise<EntryProblem[]> {
  const out: EntryProblem[] = [];
  // The schema checks the shape only: 2025-02-30 is refused here, before any deadline is counted.
  if (!isIsoDate(b.decisionDate))
    out.push({
      kind: 'invalid',
      code: 'PUBLICATION_DATE_INVALID',
      message: '决定日期不是有效的日期',
      field: 'decisionDate',
    });
  else if (b.decisionDate > today)
    out.push({
      kind: 'invalid',
      code: 'PUBLICATION_DATE_INVALID',
      message: '决定日期不能晚于今天',
      field: 'decisionDate',
    });
  if (!(has(v, 'leader') || (has(v, 'officer') && v.unitId === b.unitId)))
    out.push({
      kind: 'forbidden',
      code: 'PUBLICATION_ACCESS_DENIED',
      message: '只能录入本科室作出的决定',
      field: 'unitId',
    });
  else if (!(await repo.unitAgency(ex, b.unitId)))
    out.push({
      kind: 'invalid',
      code: 'PUBLICATION_UNIT_UNKNOWN',
      message: '承办科室不存在',
      field: 'unitId',
    });
  if (b.responsibleUserId !== undefined && (await repo.userName(ex, b.responsibleUserId)) === undefined)
    out.push({ kind: 'invalid', code: 'VALIDATION', message: '负责人不存在', field: 'responsibleUserId' });
  return out;
}

/** Inserts one entered decision; null when the rules say it is not published (a minor). */
export async function insertExternal(
  trx: Tx,
  deps: PublicationDeps,
  actor: Actor,
  cal: WorkCalendar,
  b: CreatePublicationBody,
): Promise<string | null> {
  const minor = b.party.minor === true;
  const verdict = shouldPublish(
    {
      actType: b.actType,
      procedure: PROCEDURES_OF[b.actType][0]!,
      partyKind: b.party.kind,
      concernsMinor: minor,
      partyBirthDate: b.party.idType === 'residentId' ? birthDateOf(b.party.idNumber) : null,
      decidedOn: b.decisionDate,
    },
    await publicationSettings(trx),
  );
  if (!verdict.publish) return null;
  const responsibleId = b.responsibleUserId ?? actor.id;
  const responsible = await repo.userName(trx, responsibleId);
  if (responsible === undefined) throw invalid('VALIDATION', '负责人不存在', 'responsibleUserId');
  const personal = {
    ...(b.party.idNumber && { idNumber: b.party.idNumber }),
    ...(b.party.phone && { phone: b.party.phone }),
    ...(b.party.address && { address: b.party.address }),
    ...(b.otherPersons?.length && { otherPersons: b.otherPersons }),
  };
  return insertNewItem(trx, deps, actor, cal, {
    caseId: null,
    transitionId: null,
    actType: b.actType,
    decision: 'external',
    number: b.number,
    decisionDate: b.decisionDate,
    unitId: b.unitId,
    responsibleUserId: responsibleId,
    responsibleName: responsible,
    partyId: null,
    partyKind: b.party.kind,
    partyName: b.party.name,
    creditCode: b.party.kind === 'organisation' ? (b.party.creditCode ?? null) : null,
    legalRepresentative: b.party.legalRepresentative ?? null,
    personal: Object.keys(personal).length > 0 ? personal : null,
    minor,
    facts: b.facts,
    basis: b.basis,
    resultKind: b.resultKind,
    resultContent: b.resultContent,
    fineAmount: b.fineAmount ?? null,
  });
}

// ---- access (PLT-07) ----

const has = (v: { roles: readonly Role[] }, r: Role) => v.roles.includes(r);

/** Leaders and supervisors see every item; an officer those of their unit. */
function mayRead(v: PublicationViewer, item: { unit_id: string }) {
  return has(v, 'leader') || has(v, 'supervisor') || (has(v, 'officer') && v.unitId === item.unit_id);
}
/** An officer prepares the items of their unit. */
function mayPrepare(v: PublicationViewer, item: { unit_id: string }) {
  return has(v, 'officer') && v.unitId === item.unit_id;
}
/**
 * Publishing and withdrawing (PUB-11: a separate act by a user allowed to publish): a leader; with
 * the setting `publisher: 'handlingUnit'` also an officer of the item's unit.
 */
function mayPublish(v: PublicationViewer, item: { unit_id: string }, s: PublicationSettings) {
  return (
    has(v, 'leader') || (s.publisher === 'handlingUnit' && has(v, 'officer') && v.unitId === item.unit_id)
  );
}
function denied(): never {
  throw new DomainError('forbidden', 'PUBLICATION_ACCESS_DENIED', '无权处理该公示事项');
}

async function readable(ex: Executor, v: PublicationViewer, id: string): Promise<ItemRow> {
  const item = await repo.getItem(ex, id);
  if (!item) throw notFound('PUBLICATION_NOT_FOUND', '公示事项不存在');
  if (!mayRead(v, item)) denied();
  return item;
}

// ---- reading ----

function summaryOf(
  r: ItemRow & { unit_name: string; case_number: string | null },
  cal: WorkCalendar,
  today: IsoDate,
): PublicationSummary {
  const state = r.state as PublicationState;
  const view: PublicationView = publicationView(state, r.due, today);
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    actType: r.act_type as ActType,
    actTypeLabel: ACT_TYPE_LABELS[r.act_type as ActType],
    number: r.number,
    decisionDate: r.decision_date,
    unit: { id: r.unit_id, name: r.unit_name },
    responsibleName: r.responsible_name,
    partyKind: r.party_kind as PartyKind,
    partyName: r.draft_party_name,
    state,
    stateLabel: PUBLICATION_STATE_LABELS[state],
    view,
    due: r.due,
    dueConfirmed: r.due_confirmed === 1,
    workingDaysLeft: state === 'pending' ? workingDaysLeft(cal, r.due, today).left : null,
    withdrawalDue: r.withdrawal_due,
    displayEnd: r.display_end,
    publishedAt: r.published_at,
  };
}

export async function listPublications(
  deps: Deps,
  v: PublicationViewer,
  q: { view?: PublicationView; limit?: number; cursor?: string },
): Promise<PublicationPage> {
  const today = shanghaiDate(deps.clock.now());
  const { calendar } = await loadCalendar(deps);
  const limit = q.limit ?? 50;
  const view = q.view ?? 'pending';
  const rows = await repo.listItems(deps.db, {
    states: [view === 'overdue' ? 'pending' : view],
    ...(view === 'overdue' && { dueBefore: today }),
    ...(view === 'pending' && { dueFrom: today }),
    ...(!has(v, 'leader') && !has(v, 'supervisor') && { unitIds: v.unitId ? [v.unitId] : [] }),
    ...(q.cursor && { cursor: q.cursor }),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map((r) => summaryOf(r, calendar, today));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function getPublication(
  deps: PublicationDeps,
  v: PublicationViewer,
  id: string,
): Promise<PublicationDetail> {
  const item = await readable(deps.db, v, id);
  const today = shanghaiDate(deps.clock.now());
  const { calendar } = await loadCalendar(deps);
  const settings = await publicationSettings(deps.db);
  const secrets = await secretsOf(deps.db, deps.sealer, item);
  const { masked, changes } = maskItem(item, secrets);
  const unit = (await repo.unitName(deps.db, item.unit_id)) ?? '';
  const caseNumber = item.case_id ? await repo.caseNumber(deps.db, item.case_id) : null;
  const pub = await repo.publicOfItem(deps.db, id);
  const who = async (uid: string | null) =>
    uid ? { id: uid, name: (await repo.userName(deps.db, uid)) ?? '' } : null;
  const state = item.state as PublicationState;
  const confirmedBy = await who(item.masking_confirmed_by);
  return {
    ...summaryOf({ ...item, unit_name: unit, case_number: caseNumber }, calendar, today),
    decision: item.decision,
    decisionLabel: decisionLabel(item.decision),
    creditCode: item.credit_code,
    resultKind: item.result_kind,
    fineAmount: item.fine_amount === null ? null : Number(item.fine_amount),
    original: originalText(item),
    masked,
    changes,
    extraMasks: secrets.extra,
    maskingConfirmed:
      confirmedBy && item.masking_confirmed_at ? { by: confirmedBy, at: item.masking_confirmed_at } : null,
    publishedBy: await who(item.published_by),
    change:
      item.change_kind && item.change_reason && item.change_recorded_at
        ? {
            kind: item.change_kind as DecisionChangeKind,
            kindLabel: DECISION_CHANGE_LABELS[item.change_kind as DecisionChangeKind],
            reason: item.change_reason,
            recordedAt: item.change_recorded_at,
          }
        : null,
    withdrawalDueConfirmed:
      item.withdrawal_due_confirmed === null ? null : item.withdrawal_due_confirmed === 1,
    withdrawalReason: item.withdrawal_reason,
    withdrawnAt: item.withdrawn_at,
    expiredAt: item.expired_at,
    publicId: pub?.id ?? null,
    ledger: pub ? { seq: Number(pub.ledger_seq), leafHash: pub.leaf_hash } : null,
    permissions: {
      prepare: state === 'pending' && mayPrepare(v, item),
      publish: state === 'pending' && item.masking_confirmed_at !== null && mayPublish(v, item, settings),
      recordChange: state === 'published' && (mayPrepare(v, item) || mayPublish(v, item, settings)),
      withdraw: state === 'withdrawalDue' && mayPublish(v, item, settings),
    },
  };
}

// ---- acts ----

async function lockState(trx: Tx, id: string, state: PublicationState, message: string): Promise<ItemRow> {
  const item = await repo.lockItem(trx, id);
  if (!item) throw notFound('PUBLICATION_NOT_FOUND', '公示事项不存在');
  if (item.state !== state) throw conflict('PUBLICATION_STATE', message, 'state');
  return item;
}

/** PUB-11: the preparer's review — extra strings masked, the 文号 if missing — confirmed. */
export async function confirmMasking(
  deps: PublicationDeps,
  actor: Actor,
  v: PublicationViewer,
  id: string,
  b: ConfirmMaskingBody,
): Promise<void> {
  await readable(deps.db, v, id);
  await deps.db.transaction().execute(async (trx) => {
    const item = await lockState(trx, id, 'pending', '只有待公示的事项可以确认脱敏');
    if (!mayPrepare(v, item)) denied();
    const extra = [...new Set(b.extraMasks.map((s) => s.trim()).filter((s) => s !== ''))];
    const number = b.number?.trim() || item.number;
    if (!number && item.act_type !== 'inspection')
      throw invalid('PUBLICATION_NUMBER_REQUIRED', '请填写决定书文号', 'number');
    const next: ItemRow = {
      ...item,
      number,
      extra_masks_sealed:
        extra.length > 0 ? deps.sealer.seal(sealContext(id, 'extraMasks'), JSON.stringify(extra)) : null,
    };
    const { masked, changes } = maskItem(next, await secretsOf(trx, deps.sealer, next));
    const at = deps.clock.now().toISOString();
    await repo.updateItem(trx, id, {
      number,
      extra_masks_sealed: next.extra_masks_sealed,
      ...draftColumns(masked),
      masking_confirmed_by: actor.id,
      masking_confirmed_at: at,
    });
    // The entry records how much was masked, never what (the originals are personal data).
    await appendEntry(
      trx,
      deps,
      actor,
      'publication.maskingConfirmed@1',
      { type: 'publicationItem', id },
      { number, changes: changes.length, extraMasks: extra.length },
    );
  });
}

/** Publishing: the masked row into the public table and its ledger entry, in one transaction. */
export async function publish(
  deps: PublicationDeps,
  actor: Actor,
  v: PublicationViewer,
  id: string,
): Promise<void> {
  const settings = await publicationSettings(deps.db);
  if (!mayPublish(v, await readable(deps.db, v, id), settings)) denied();
  await deps.db.transaction().execute(async (trx) => {
    const item = await lockState(trx, id, 'pending', '只有待公示的事项可以公示');
    if (item.masking_confirmed_at === null)
      throw conflict('PUBLICATION_STATE', '请先由承办人员确认脱敏后再公示', 'maskingConfirmed');
    const unitName = (await repo.unitName(trx, item.unit_id)) ?? '';
    const at = deps.clock.now().toISOString();
    const displayEnd = displayEnds(
      item.decision_date,
      item.act_type as ActType,
      item.party_kind as PartyKind,
      settings,
    );
    const publicId = newId(deps.clock);
    // What goes public: the masked draft only (never the original columns).
    const pub = {
      id: publicId,
      item_id: id,
      act_type: item.act_type,
      number: item.number,
      decision_date: item.decision_date,
      unit_id: item.unit_id,
      unit_name: unitName,
      responsible_name: item.responsible_name,
      party_kind: item.party_kind,
      party_name: item.draft_party_name,
      credit_code: item.party_kind === 'organisation' ? item.credit_code : null,
      legal_representative: item.party_kind === 'organisation' ? item.draft_legal_representative : null,
      facts: item.draft_facts,
      basis: item.draft_basis,
      result_kind: item.result_kind,
      result_content: item.draft_result_content,
      fine_amount: item.fine_amount,
      display_end: displayEnd,
      published_at: at,
    };
    await repo.updateItem(trx, id, {
      state: 'published',
      published_by: actor.id,
      published_at: at,
      display_end: displayEnd,
    });
    await repo.clearTimers(trx, id, 'publication');
    const entry = await appendEntry(
      trx,
      deps,
      actor,
      'publication.published@1',
      { type: 'publicationItem', id },
      {
        publicDecision: pub,
      },
    );
    await repo.insertPublic(trx, {
      ...pub,
      withdrawn: 0,
      expired: 0,
      ledger_seq: entry.seq,
      leaf_hash: entryLeafHash(entry),
      search_tokens: searchTokens(
        pub.number,
        pub.party_name,
        pub.credit_code,
        pub.unit_name,
        pub.facts,
        pub.basis,
        pub.result_kind,
        pub.result_content,
      ),
    });
    // PUB-03: the other platforms get the same masked decision, in this transaction.
    await enqueueDelivery(trx, deps, {
      itemId: id,
      event: 'published',
      payload: { publicDecision: pub, ledgerSeq: entry.seq, leafHash: entryLeafHash(entry) },
    });
  });
}

/** PUB-12: a published decision changed, revoked or found unlawful is due for withdrawal in 3 working days. */
export async function recordChange(
  deps: PublicationDeps,
  actor: Actor,
  v: PublicationViewer,
  id: string,
  b: RecordChangeBody,
): Promise<void> {
  const today = shanghaiDate(deps.clock.now());
  if (!isIsoDate(b.on)) throw invalid('PUBLICATION_DATE_INVALID', '日期不是有效的日期', 'on');
  if (b.on > today) throw invalid('PUBLICATION_DATE_INVALID', '日期不能晚于今天', 'on');
  await readable(deps.db, v, id);
  const { calendar } = await loadCalendar(deps);
  const settings = await publicationSettings(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const item = await lockState(trx, id, 'published', '只有已公示的决定可以登记变更、撤销或确认违法');
    if (!(mayPrepare(v, item) || mayPublish(v, item, settings))) denied();
    if (b.on < item.decision_date) throw invalid('PUBLICATION_DATE_INVALID', '日期不能早于决定日期', 'on');
    const due = publicationDue(calendar, 'withdrawal', item.act_type as ActType, b.on);
    await repo.updateItem(trx, id, {
      state: 'withdrawalDue',
      change_kind: b.kind,
      change_reason: b.reason,
      change_recorded_by: actor.id,
      change_recorded_at: deps.clock.now().toISOString(),
      withdrawal_due: due.due,
      withdrawal_due_confirmed: due.confirmed ? 1 : 0,
    });
    await repo.insertTimers(trx, timerRows(deps, calendar, id, 'withdrawal', due.due));
    await appendEntry(
      trx,
      deps,
      actor,
      'publication.changeRecorded@1',
      { type: 'publicationItem', id },
      {
        kind: b.kind,
        reason: b.reason,
        on: b.on,
        withdrawalDue: due.due,
        withdrawalDueConfirmed: due.confirmed,
      },
    );
    // PUB-03 PUB-12: the receiving platforms learn of it now, not only at the withdrawal. The
    // internal reason stays here: it is free text the masking review never saw.
    await enqueueDelivery(trx, deps, {
      itemId: id,
      event: 'changed',
      payload: {
        number: item.number,
        kind: b.kind,
        kindLabel: DECISION_CHANGE_LABELS[b.kind],
        on: b.on,
        withdrawalDue: due.due,
      },
    });
  });
}

/** Withdrawal: the public row keeps only that it was withdrawn and the public reason. */
export async function withdraw(
  deps: PublicationDeps,
  actor: Actor,
  v: PublicationViewer,
  id: string,
  b: WithdrawBody,
): Promise<void> {
  const settings = await publicationSettings(deps.db);
  if (!mayPublish(v, await readable(deps.db, v, id), settings)) denied();
  await deps.db.transaction().execute(async (trx) => {
    const item = await lockState(trx, id, 'withdrawalDue', '只有待撤回的决定可以撤回');
    const at = deps.clock.now().toISOString();
    await repo.updateItem(trx, id, {
      state: 'withdrawn',
      withdrawn_by: actor.id,
      withdrawn_at: at,
      withdrawal_reason: b.publicReason,
    });
    await repo.emptyPublic(trx, id, { withdrawn: 1, withdrawal_reason: b.publicReason, withdrawn_at: at });
    await repo.clearTimers(trx, id, 'withdrawal');
    await appendEntry(
      trx,
      deps,
      actor,
      'publication.withdrawn@1',
      { type: 'publicationItem', id },
      {
        publicReason: b.publicReason,
      },
    );
    await enqueueDelivery(trx, deps, {
      itemId: id,
      event: 'withdrawn',
      payload: { number: item.number, withdrawnAt: at, publicReason: b.publicReason },
    });
  });
}

/**
 * Take-down at the end of the display period (the `publication-expiry` job): each published item
 * whose display end has passed is marked expired and its public row emptied, with a ledger entry.
 * One item per transaction; safe to run again.
 */
export async function expirePublications(deps: Deps, batch = 200): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  let done = 0;
  for (;;) {
    const due = await repo.expiredItems(deps.db, today, batch);
    for (const { id } of due) {
      await deps.db.transaction().execute(async (trx) => {
        const item = await repo.lockItem(trx, id);
        if (!item || item.state !== 'published') return;
        const at = deps.clock.now().toISOString();
        await repo.updateItem(trx, id, { state: 'expired', expired_at: at });
        await repo.emptyPublic(trx, id, { expired: 1, expired_at: at });
        await appendEntry(
          trx,
          deps,
          SYSTEM,
          'publication.expired@1',
          { type: 'publicationItem', id },
          {
            displayEnd: item.display_end,
          },
        );
        await enqueueDelivery(trx, deps, {
          itemId: id,
          event: 'takenDown',
          payload: { number: item.number, takenDownAt: at, displayEnd: item.display_end },
        });
        done++;
      });
    }
    if (due.length < batch) return done;
  }
}
