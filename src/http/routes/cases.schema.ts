/**
 * The case API's request and response shapes (parties, power items, cases, steps, recorders,
 * supervision). Routes declare them, so responses are serialised by them; the workbench reads their
 * static types (`import type`), so there is one definition of each shape.
 */
import { Type, type Static, type TSchema, type TString } from 'typebox';
import {
  CASE_STATES,
  INSPECTION_RESULTS,
  LICENSING_OUTCOMES,
  LIFECYCLES,
  OUTCOME_LABELS,
  PENALTY_OUTCOMES,
  REINSPECTION_RESULTS,
  TRANSITION_ACTIONS,
} from '../../domain/case-machine';
import {
  ACT_TYPES,
  DISCLOSABLE,
  FLAG_KINDS,
  ID_TYPES,
  PARTY_KINDS,
  PROCEDURES,
  RECORD_KINDS,
  RECORDER_STATUSES,
  SANCTION_KINDS,
  SERVICE_MANNERS,
  STEP_KINDS,
  type Sanction as DomainSanction,
} from '../../domain/case-types';
import { DEADLINE_KINDS, DEADLINE_STATUSES } from '../../domain/case-deadlines';
import { AV_FLAGS } from '../../domain/av-rules';
import { CASE_SCOPES } from '../../domain/case-access';
import { GRADES } from '../../domain/penalty-rules';
import { COMPULSION_METHODS, LICENCE_ACTIONS, SANCTION_KINDS_FOR_REVIEW } from '../../domain/major-decision';
import { APPROVAL_KINDS, APPROVAL_STATES, APPROVAL_VERDICTS } from '../../domain/approvals';
import { PERFORMANCE_KINDS } from '../../domain/performance';
import { DOCUMENT_KINDS } from '../../domain/documents';
import { PROTECTIONS } from '../../domain/policy';
import { CaseLegalReviewSchema } from './legal-review.schema';
import { Id, IsoDate, Limit, MultiLine, Name, Obj, OneOf, Text, Timestamp } from '../schemas';

const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** A name table: one label for each of `keys`. */
export const Labels = <const K extends string>(keys: readonly K[]) =>
  Type.Unsafe<Record<K, string>>(Obj(Object.fromEntries(keys.map((k) => [k, Str]))));
const Who = Obj({ id: Str, name: Str });
/** A page of a cursor-paginated list. */
export const PageOf = <T extends TSchema>(item: T) =>
  Obj({ items: Type.Array(item), nextCursor: Nullable(Str) });
/** A JSON object whose keys are open (payloads, ledger data). */
const Bag = Type.Record(Type.String(), Type.Unknown());
const CASE_ACTIONS = Object.keys(CASE_SCOPES) as Array<keyof typeof CASE_SCOPES>;
const CASE_CURSOR = '^(\\d{4}-\\d{2}-\\d{2}~)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

// ---- meta ----

export const CaseMetaSchema = Obj({
  actTypes: Labels(ACT_TYPES),
  procedures: Labels(PROCEDURES),
  proceduresOf: Type.Unsafe<Record<(typeof ACT_TYPES)[number], ReadonlyArray<(typeof PROCEDURES)[number]>>>(
    Obj(Object.fromEntries(ACT_TYPES.map((k) => [k, Type.Array(OneOf(PROCEDURES))]))),
  ),
  states: Labels(CASE_STATES),
  actions: Labels(TRANSITION_ACTIONS),
  outcomes: Labels(Object.keys(OUTCOME_LABELS) as Array<keyof typeof OUTCOME_LABELS>),
  stepKinds: Labels(STEP_KINDS),
  serviceManners: Labels(SERVICE_MANNERS),
  sanctions: Labels(SANCTION_KINDS),
  partyKinds: Labels(PARTY_KINDS),
  idTypes: Labels(ID_TYPES),
  recordKinds: Labels(RECORD_KINDS),
  protections: Labels(PROTECTIONS),
  deadlines: Labels(DEADLINE_KINDS),
  recorderStatuses: Labels(RECORDER_STATUSES),
});
export type CaseMeta = Static<typeof CaseMetaSchema>;

// ---- parties ----

export const PartyInputSchema = Obj({
  kind: OneOf(PARTY_KINDS),
  name: Name(100),
  idType: OneOf(ID_TYPES),
  idNumber: Text(40),
  legalRepresentative: Type.Optional(Name(50)),
  phone: Text(30),
  address: Text(200),
});
export type PartyInput = Static<typeof PartyInputSchema>;
/** A party as staff see it: ID number, phone and (a person's) address masked. */
export const PartySchema = Obj({
  id: Id,
  kind: OneOf(PARTY_KINDS),
  name: Str,
  idType: OneOf(ID_TYPES),
  idNumber: Str,
  legalRepresentative: Str,
  phone: Str,
  address: Str,
  createdAt: Str,
});
export type Party = Static<typeof PartySchema>;
export const PartyPageSchema = PageOf(PartySchema);
export const PartyListQuerySchema = Obj({ limit: Type.Optional(Limit), cursor: Type.Optional(Id) });
export const PartySearchSchema = Obj({
  name: Type.Optional(Name(100)),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Id),
});
export const PartyLookupBodySchema = Obj({ idNumber: Text(40), name: Name(100) });
export const PartyLookupSchema = Obj({ party: Nullable(PartySchema) });
export type PartyLookup = Static<typeof PartyLookupSchema>;
export const DisclosureBodySchema = Obj({
  purpose: MultiLine(200),
  fields: Type.Array(OneOf(DISCLOSABLE), { minItems: 1, maxItems: 3, uniqueItems: true }),
});
export type DisclosureBody = Static<typeof DisclosureBodySchema>;
export const DisclosureSchema = Obj({
  idNumber: Type.Optional(Str),
  phone: Type.Optional(Str),
  address: Type.Optional(Str),
});
export type Disclosure = Static<typeof DisclosureSchema>;

// ---- power items and their discretion benchmarks ----

const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000 });
export const FenBandSchema = Obj({ min: Fen, max: Fen });
export type FenBand = Static<typeof FenBandSchema>;
/** The benchmark's shape, with text checked (input) or plain (output). */
const benchmarkOf = (line: (max: number) => TString, multi: (max: number) => TString) => {
  const FineStandard = Type.Union([
    Obj({
      kind: OneOf(['band'] as const),
      person: Type.Optional(FenBandSchema),
      organisation: Type.Optional(FenBandSchema),
    }),
    Obj({
      kind: OneOf(['perUnit'] as const),
      unit: line(20),
      perUnit: Fen,
      cap: Fen,
      min: Type.Optional(Fen),
      partyKinds: Type.Optional(Type.Array(OneOf(PARTY_KINDS), { maxItems: 2 })),
    }),
    Obj({ kind: OneOf(['none'] as const) }),
  ]);
  return Obj({
    violation: multi(500),
    /** One entry per violation the item punishes (a case charges some of them). */
    violations: Type.Optional(Type.Array(multi(500), { maxItems: 30 })),
    basis: multi(500),
    legal: Type.Optional(
      Obj({ person: Type.Optional(FenBandSchema), organisation: Type.Optional(FenBandSchema) }),
    ),
    grades: Type.Array(
      Obj({
        grade: OneOf(GRADES),
        conditions: multi(1000),
        standard: FineStandard,
        sanctions: Type.Optional(Type.Array(OneOf(SANCTION_KINDS), { maxItems: SANCTION_KINDS.length })),
      }),
      { minItems: 1, maxItems: 10 },
    ),
  });
};
const plain = () => Type.String();
export const BenchmarkInputSchema = benchmarkOf(Text, MultiLine);
export const BenchmarkSchema = benchmarkOf(plain, plain);
export type Benchmark = Static<typeof BenchmarkSchema>;
export type BenchmarkGrade = Benchmark['grades'][number];
export type FineStandard = BenchmarkGrade['standard'];
const Basis = Type.Array(Text(300), { minItems: 1, maxItems: 20 });
export const PowerItemBodySchema = Obj({
  code: Text(40),
  name: Text(200),
  actType: OneOf(ACT_TYPES),
  basis: Basis,
  domain: Text(50, 0),
  unitId: Id,
  benchmark: BenchmarkInputSchema,
  active: Type.Optional(Type.Boolean()),
});
export type PowerItemBody = Static<typeof PowerItemBodySchema>;
export const PowerItemPatchSchema = Type.Partial(
  Type.Object({
    name: Text(200),
    basis: Basis,
    domain: Text(50, 0),
    unitId: Id,
    benchmark: BenchmarkInputSchema,
    active: Type.Boolean(),
  }),
  { additionalProperties: false },
);
export type PowerItemPatch = Static<typeof PowerItemPatchSchema>;
export const PowerItemSchema = Obj({
  id: Id,
  code: Str,
  name: Str,
  actType: OneOf(ACT_TYPES),
  actTypeLabel: Str,
  basis: Type.Array(Str),
  domain: Str,
  unitId: Str,
  benchmark: BenchmarkSchema,
  /** The violations a case under this item may charge (案由), one per entry. */
  violations: Type.Array(Str),
  /** The statutory fine band per party kind as the server checks it (null: no fine). */
  legalBands: Obj({ person: Nullable(FenBandSchema), organisation: Nullable(FenBandSchema) }),
  active: Type.Boolean(),
});
export type PowerItem = Static<typeof PowerItemSchema>;

// ---- cases ----

export const SanctionSchema = Obj({
  kinds: Type.Array(OneOf(SANCTION_KINDS), {
    minItems: 1,
    maxItems: SANCTION_KINDS.length,
    uniqueItems: true,
  }),
  fine: Fen,
  confiscated: Fen,
});
export type Sanction = Static<typeof SanctionSchema>;
/** A sanction as the case stores it (its kinds are not changed once read). */
const SanctionViewSchema = Type.Unsafe<DomainSanction>(SanctionSchema);

/** The case list's filters; a search by party name goes in a POST body, never a URL (PLT-08). */
const caseFilterProps = {
  actType: Type.Optional(OneOf(ACT_TYPES)),
  state: Type.Optional(OneOf(CASE_STATES)),
  unitId: Type.Optional(Id),
  officerId: Type.Optional(Id),
  partyId: Type.Optional(Id),
  filedFrom: Type.Optional(IsoDate),
  filedTo: Type.Optional(IsoDate),
  limit: Type.Optional(Limit),
  // A case id, or `filedOn~id` when the list is ordered by filing date.
  cursor: Type.Optional(Type.String({ pattern: CASE_CURSOR, maxLength: 47 })),
};
export const CaseFiltersSchema = Obj({
  ...caseFilterProps,
  overdue: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
});
export const CaseSearchSchema = Obj({
  ...caseFilterProps,
  partyName: Type.Optional(Name(100)),
  overdue: Type.Optional(Type.Boolean()),
});
export type CaseSearch = Static<typeof CaseSearchSchema>;

export const CaseSummarySchema = Obj({
  id: Id,
  number: Str,
  actType: OneOf(ACT_TYPES),
  actTypeLabel: Str,
  procedure: OneOf(PROCEDURES),
  state: Str,
  stateLabel: Str,
  /** The lifecycle reached one of its closing states. */
  closed: Type.Boolean(),
  title: Str,
  partyName: Str,
  unit: Who,
  powerItemName: Str,
  major: Type.Boolean(),
  filedOn: Str,
  closedOn: Nullable(Str),
  nextDue: Nullable(Str),
  overdue: Type.Boolean(),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;
/**
 * A page of the case list. The first page (no cursor) also says how many cases the filter selects:
 * `total`, counted up to 2000, and `totalMore` when there are more than that.
 */
export const CasePageSchema = Obj({
  items: Type.Array(CaseSummarySchema),
  nextCursor: Nullable(Str),
  total: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 2000,
      description: '符合筛选条件的案件数（仅第一页；至多计到 2000）',
    }),
  ),
  totalMore: Type.Optional(Type.Boolean({ description: '符合条件的案件多于 2000 件（仅第一页）' })),
});
export type CasePage = Static<typeof CasePageSchema>;

export const FileCaseBodySchema = Obj({
  actType: OneOf(ACT_TYPES),
  procedure: OneOf(PROCEDURES),
  title: Text(200),
  powerItemId: Id,
  partyId: Type.Optional(Id),
  party: Type.Optional(PartyInputSchema),
  unitId: Id,
  officerIds: Type.Array(Id, { minItems: 1, maxItems: 20 }),
  major: Type.Optional(Type.Boolean()),
  filedOn: Type.Optional(IsoDate),
  linkedCaseId: Type.Optional(Id),
  sanction: Type.Optional(SanctionSchema),
  /** The violations charged (案由), each one of the power item's `violations`. */
  chargedViolations: Type.Optional(Type.Array(MultiLine(500), { minItems: 1, maxItems: 20 })),
  /**
   * The penalty proposed at filing (ordinary penalty cases), in the vocabulary of
   * `POST /api/major-decisions/classify`: a fact of the case's classification (REV-01) until the
   * penalty proposal replaces it. A fine or confiscation carries its amount in fen.
   */
  proposedSanctions: Type.Optional(
    Type.Array(
      Obj({
        kind: OneOf(SANCTION_KINDS_FOR_REVIEW),
        amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
      }),
      { maxItems: 8 },
    ),
  ),
  /** The method of a compulsory execution (REV-01 category 5). */
  executionMethod: Type.Optional(OneOf(COMPULSION_METHODS)),
  /** The licence and the action proposed on it (REV-01 category 4). */
  licence: Type.Optional(Obj({ kind: Text(100, 0), action: OneOf(LICENCE_ACTIONS) })),
});
export type FileCaseBody = Static<typeof FileCaseBodySchema>;

export const TransitionBodySchema = Obj({
  action: OneOf(TRANSITION_ACTIONS),
  occurredOn: Type.Optional(IsoDate),
  outcome: Type.Optional(OneOf([...PENALTY_OUTCOMES, ...LICENSING_OUTCOMES] as const)),
  result: Type.Optional(OneOf(INSPECTION_RESULTS)),
  reason: Type.Optional(MultiLine(1000)),
  urgentReason: Type.Optional(MultiLine(1000)),
  sanction: Type.Optional(SanctionSchema),
  partyWaived: Type.Optional(Type.Boolean()),
  hearingOn: Type.Optional(IsoDate),
  handedOverOnSpot: Type.Optional(Type.Boolean()),
  linkedPowerItemId: Type.Optional(Id),
});
export type TransitionBody = Static<typeof TransitionBodySchema>;
export const ExtensionBodySchema = Obj({
  days: Type.Integer({ minimum: 1, maximum: 275 }),
  reason: MultiLine(1000),
});
export type ExtensionBody = Static<typeof ExtensionBodySchema>;

/** A deadline of the case and where it stands today. */
export const CaseDeadlineSchema = Obj({
  kind: OneOf(DEADLINE_KINDS),
  label: Str,
  due: Str,
  confirmed: Type.Boolean(),
  basis: Str,
  period: Str,
  met: Nullable(Type.Boolean()),
  doneOn: Nullable(Str),
  status: OneOf(DEADLINE_STATUSES),
});
export type CaseDeadline = Static<typeof CaseDeadlineSchema>;

/**
 * The facts the case's rules read. Open: a capability may store facts of its own; the known ones
 * are typed.
 */
export const CaseFactsSchema = Type.Object(
  {
    procedure: OneOf(PROCEDURES),
    outcome: Type.Optional(OneOf([...PENALTY_OUTCOMES, ...LICENSING_OUTCOMES] as const)),
    sanction: Type.Optional(SanctionViewSchema),
    hearingOffered: Type.Optional(Type.Boolean()),
    hearingReasons: Type.Optional(Type.Array(Str)),
    hearingRequested: Type.Optional(Type.Boolean()),
    hearingHeld: Type.Optional(Type.Boolean()),
    noticePeriodOver: Type.Optional(Type.Boolean()),
    partyWaived: Type.Optional(Type.Boolean()),
    inspectionResult: Type.Optional(OneOf(INSPECTION_RESULTS)),
    reinspectionResult: Type.Optional(OneOf(REINSPECTION_RESULTS)),
    licenceGranted: Type.Optional(Type.Boolean()),
    measureExtended: Type.Optional(Type.Boolean()),
    admonitionPeriodOver: Type.Optional(Type.Boolean()),
    partyComplied: Type.Optional(Type.Boolean()),
    atNightOrHoliday: Type.Optional(Type.Boolean()),
    terminateReason: Type.Optional(Str),
    urgentReason: Type.Optional(Str),
    extensionDays: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);
export type CaseFacts = Static<typeof CaseFactsSchema>;

/** The dates the case's deadlines count from (open like the facts). */
export const CaseDatesSchema = Type.Object(
  {
    filedOn: Type.Optional(Str),
    decisionExtensionDays: Type.Optional(Type.Integer()),
    acceptedOn: Type.Optional(Str),
    noticedOn: Type.Optional(Str),
    hearingOffered: Type.Optional(Type.Boolean()),
    partyWaived: Type.Optional(Type.Boolean()),
    hearingRequestedOn: Type.Optional(Str),
    hearingOn: Type.Optional(Str),
    hearingNotifiedOn: Type.Optional(Str),
    decidedOn: Type.Optional(Str),
    servedOn: Type.Optional(Str),
    handedOverOnSpot: Type.Optional(Type.Boolean()),
    hasFine: Type.Optional(Type.Boolean()),
    paidOn: Type.Optional(Str),
    measureDecidedOn: Type.Optional(Str),
    measureExtended: Type.Optional(Type.Boolean()),
    measureReleasedOn: Type.Optional(Str),
    admonitionServedOn: Type.Optional(Str),
    executionDecidedOn: Type.Optional(Str),
    closedOn: Type.Optional(Str),
  },
  { additionalProperties: true },
);

const actionOption = { action: OneOf(TRANSITION_ACTIONS), label: Str };
/** A transition open now; `onWaiver`: open only if the party waives 陈述、申辩. */
export const ActionOptionSchema = Obj({ ...actionOption, onWaiver: Type.Optional(Type.Boolean()) });
export type ActionOption = Static<typeof ActionOptionSchema>;
/** A transition a capability's gate holds back, with why. */
export const BlockedActionSchema = Obj({ ...actionOption, code: Str, reason: Str });
export type BlockedAction = Static<typeof BlockedActionSchema>;

export const StepOfficerSchema = Obj({ id: Str, name: Str, certificateNumber: Str });
export const StepSchema = Obj({
  id: Id,
  caseId: Id,
  kind: OneOf(STEP_KINDS),
  kindLabel: Str,
  serviceManner: Nullable(OneOf(SERVICE_MANNERS)),
  serviceMannerLabel: Nullable(Str),
  inField: Type.Boolean(),
  contactWithParty: Type.Boolean(),
  designatedSite: Type.Boolean(),
  occurredAt: Str,
  place: Str,
  notes: Str,
  officers: Type.Array(StepOfficerSchema),
  avRequired: Type.Boolean(),
  avReasons: Type.Array(Str),
  recorderWarning: Nullable(Str),
  state: OneOf(['open', 'completed'] as const),
  avMissingReason: Nullable(Str),
  flagged: Type.Boolean(),
  completedAt: Nullable(Str),
  createdBy: Who,
  createdAt: Str,
});
export type Step = Static<typeof StepSchema>;
export const StepBodySchema = Obj({
  kind: OneOf(STEP_KINDS),
  occurredAt: Timestamp,
  place: Text(200),
  notes: MultiLine(5000, 0),
  officerIds: Type.Array(Id, { minItems: 1, maxItems: 20 }),
  inField: Type.Boolean(),
  contactWithParty: Type.Optional(Type.Boolean()),
  designatedSite: Type.Optional(Type.Boolean()),
  serviceManner: Type.Optional(OneOf(SERVICE_MANNERS)),
});
export type StepBody = Static<typeof StepBodySchema>;
export const CompleteStepBodySchema = Obj({ avMissingReason: Type.Optional(MultiLine(1000)) });

export const TimelineTransitionSchema = Obj({
  id: Id,
  action: OneOf(TRANSITION_ACTIONS),
  label: Str,
  from: Str,
  to: Str,
  toLabel: Str,
  occurredOn: Str,
  at: Str,
  user: Who,
  payload: Bag,
});
export type TimelineTransition = Static<typeof TimelineTransitionSchema>;

// ---- the procedure: violations charged, approvals, performance (issue 12) ----

export const DecisionProposalSchema = Obj({
  outcome: OneOf([...PENALTY_OUTCOMES, ...LICENSING_OUTCOMES] as const),
  sanction: Type.Optional(SanctionSchema),
  grade: Type.Optional(OneOf(GRADES)),
  reasons: MultiLine(3000),
});
export const ApprovalRequestBodySchema = Obj({
  kind: OneOf(APPROVAL_KINDS),
  proposal: Type.Optional(DecisionProposalSchema),
});
export type ApprovalRequestBody = Static<typeof ApprovalRequestBodySchema>;
export const ApprovalDecisionBodySchema = Obj({
  verdict: OneOf(APPROVAL_VERDICTS),
  opinion: Type.Optional(MultiLine(2000, 0)),
});
export type ApprovalDecisionBody = Static<typeof ApprovalDecisionBodySchema>;
export const PenaltyProposalBodySchema = Obj({
  sanction: SanctionSchema,
  grade: Type.Optional(OneOf(GRADES)),
});
export type PenaltyProposalBody = Static<typeof PenaltyProposalBodySchema>;
export const PerformanceBodySchema = Type.Union([
  Obj({
    kind: OneOf(['finePaid'] as const),
    amount: Fen,
    paidOn: IsoDate,
    receiptNumber: Text(60),
  }),
  Obj({
    kind: OneOf(['corrected'] as const),
    correctedOn: IsoDate,
    recordId: Id,
    note: Type.Optional(MultiLine(1000, 0)),
  }),
]);
export type PerformanceBody = Static<typeof PerformanceBodySchema>;
export const ApprovalSettingsSchema = Obj(
  Object.fromEntries(
    LIFECYCLES.map((l) => [l, Type.Array(OneOf(APPROVAL_KINDS), { maxItems: 3, uniqueItems: true })]),
  ),
);
const KindOption = <const K extends string>(keys: readonly K[]) => Obj({ kind: OneOf(keys), label: Str });
export const ProceedingSchema = Obj({
  /** 案件名称 (当事人 + 违法行为 + 案); null when no violation is charged. */
  name: Nullable(Str),
  chargedViolations: Type.Array(Str),
  approvalsRequired: Type.Array(
    Obj({
      kind: OneOf(APPROVAL_KINDS),
      label: Str,
      state: Nullable(OneOf(APPROVAL_STATES)),
      stateLabel: Str,
    }),
  ),
  approvals: Type.Array(
    Obj({
      id: Id,
      kind: OneOf(APPROVAL_KINDS),
      kindLabel: Str,
      state: OneOf(APPROVAL_STATES),
      stateLabel: Str,
      proposal: Nullable(
        Obj({
          outcome: OneOf([...PENALTY_OUTCOMES, ...LICENSING_OUTCOMES] as const),
          sanction: Type.Optional(SanctionViewSchema),
          grade: Type.Optional(OneOf(GRADES)),
          reasons: Str,
          text: Str,
        }),
      ),
      requestedBy: Str,
      requestedAt: Str,
      decidedBy: Nullable(Str),
      decidedAt: Nullable(Str),
      opinion: Nullable(Str),
      decidable: Type.Boolean(),
    }),
  ),
  approvalsToRequest: Type.Array(KindOption(APPROVAL_KINDS)),
  presetOutcome: Nullable(OneOf([...PENALTY_OUTCOMES, ...LICENSING_OUTCOMES] as const)),
  canProposePenalty: Type.Boolean(),
  performance: Nullable(
    Type.Union([
      Obj({
        kind: OneOf(['finePaid'] as const),
        kindLabel: Str,
        amount: Type.Integer(),
        paidOn: Str,
        receiptNumber: Str,
        surcharge: Type.Integer(),
      }),
      Obj({
        kind: OneOf(['corrected'] as const),
        kindLabel: Str,
        correctedOn: Str,
        recordId: Str,
        note: Type.Optional(Str),
      }),
    ]),
  ),
  payment: Nullable(
    Obj({
      due: Str,
      confirmed: Type.Boolean(),
      fine: Type.Integer(),
      daysLate: Type.Integer(),
      surcharge: Type.Integer(),
    }),
  ),
  performanceKinds: Type.Array(KindOption(PERFORMANCE_KINDS)),
  documentKinds: Type.Array(KindOption(DOCUMENT_KINDS)),
});
export type Proceeding = Static<typeof ProceedingSchema>;
export type DecisionProposalBody = Static<typeof DecisionProposalSchema>;

/**
 * The one case view: `GET /api/cases/:id`, filing, every transition and the extension answer with
 * it, so the workbench replaces what it shows with what it gets.
 */
export const CaseViewSchema = Obj({
  id: Id,
  number: Str,
  actType: OneOf(ACT_TYPES),
  actTypeLabel: Str,
  procedure: OneOf(PROCEDURES),
  procedureLabel: Str,
  lifecycle: OneOf(LIFECYCLES),
  state: OneOf(CASE_STATES),
  stateLabel: Str,
  title: Str,
  powerItem: Obj({ id: Str, code: Str, name: Str }),
  party: PartySchema,
  unit: Who,
  officers: Type.Array(Obj({ id: Str, name: Str, role: OneOf(['lead', 'member'] as const) })),
  major: Type.Boolean(),
  linkedCaseId: Nullable(Str),
  facts: CaseFactsSchema,
  dates: CaseDatesSchema,
  filedOn: Str,
  closedOn: Nullable(Str),
  nextDue: Nullable(Str),
  /** No more steps may be recorded: the lifecycle reached one of its closing states. */
  closed: Type.Boolean(),
  /** Its case file is archived: the case is read-only (REC-08). */
  archived: Type.Boolean(),
  /** The case actions the viewer may take on this case (PLT-07); the workbench shows only these. */
  permissions: Type.Array(OneOf(CASE_ACTIONS)),
  allowedActions: Type.Array(ActionOptionSchema),
  blockedActions: Type.Array(BlockedActionSchema),
  /** How far a leader may still extend the decision period; null when it cannot be. */
  decisionExtension: Nullable(
    Obj({ usedDays: Type.Integer(), maxDays: Type.Integer(), unit: OneOf(['natural', 'working'] as const) }),
  ),
  deadlines: Type.Array(CaseDeadlineSchema),
  proceeding: ProceedingSchema,
  /** Legal review (issue 13): classification, stages, reviews, meeting, what the viewer may do. */
  legalReview: Type.Optional(CaseLegalReviewSchema),
  createdAt: Str,
  steps: Type.Array(StepSchema),
  timeline: Type.Array(TimelineTransitionSchema),
});
export type CaseView = Static<typeof CaseViewSchema>;

/** An entry of the case's trail in the ledger: declared with the ledger's shapes. */
export { CaseLedgerEntrySchema, type CaseLedgerEntry } from './ledger.schema';

// ---- recorders ----

export const RecorderSchema = Obj({
  id: Id,
  number: Str,
  model: Str,
  status: OneOf(RECORDER_STATUSES),
  statusLabel: Str,
  holder: Nullable(Who),
});
export type Recorder = Static<typeof RecorderSchema>;
export const RecorderBodySchema = Obj({ number: Text(40), model: Text(100) });
export const RecorderStatusBodySchema = Obj({ status: OneOf(['available', 'repair', 'retired'] as const) });
export type RecorderStatusBody = Static<typeof RecorderStatusBodySchema>;
export const RecorderLoanSchema = Obj({ id: Id, officer: Who, outAt: Str, returnedAt: Nullable(Str) });
export type RecorderLoan = Static<typeof RecorderLoanSchema>;

// ---- supervision, alerts, settings ----

export const FlagSchema = Obj({
  id: Id,
  kind: OneOf(FLAG_KINDS),
  label: Str,
  caseId: Nullable(Str),
  caseNumber: Nullable(Str),
  caseTitle: Nullable(Str),
  stepId: Nullable(Str),
  recordId: Nullable(Str),
  user: Who,
  detail: Str,
  at: Str,
  /** Null while open; a supervisor's handling, with its note, once handled. */
  handled: Nullable(Obj({ by: Who, at: Str, note: Str })),
});
export type Flag = Static<typeof FlagSchema>;
/** Marking a flag handled: what was found and done (required; a blank note is refused in Chinese). */
export const FlagHandleBodySchema = Obj({ note: MultiLine(1000, 0) });
export type FlagHandleBody = Static<typeof FlagHandleBodySchema>;
export const FlagQuerySchema = Obj({
  /** `open` (the default): not handled yet; `handled`: handled, with who, when and the note. */
  state: Type.Optional(OneOf(['open', 'handled'] as const)),
  kind: Type.Optional(OneOf(FLAG_KINDS)),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Id),
});
export const AlertSchema = Obj({
  id: Id,
  caseId: Id,
  caseNumber: Str,
  caseTitle: Str,
  caseState: Str,
  deadline: Str,
  label: Str,
  stage: OneOf(['before', 'due'] as const),
  due: Str,
  raisedAt: Str,
  message: Str,
});
export type Alert = Static<typeof AlertSchema>;

const avWhen = <T extends TSchema>(t: T, n: number) => Type.Optional(Type.Array(t, { maxItems: n }));
export const AvRuleSchema = Obj({
  id: Text(40),
  label: Text(200),
  when: Obj({
    stepKinds: avWhen(OneOf(STEP_KINDS), STEP_KINDS.length),
    serviceManners: avWhen(OneOf(SERVICE_MANNERS), SERVICE_MANNERS.length),
    procedures: avWhen(OneOf(PROCEDURES), PROCEDURES.length),
    actTypes: avWhen(OneOf(ACT_TYPES), ACT_TYPES.length),
    flags: avWhen(OneOf(AV_FLAGS), AV_FLAGS.length),
  }),
});
export type AvRule = Static<typeof AvRuleSchema>;
export const AvRulesBodySchema = Obj({ rules: Type.Array(AvRuleSchema, { minItems: 1, maxItems: 50 }) });
/** A rule as stored (the text checks are for input). */
export const AvRuleViewSchema = Obj({
  id: Str,
  label: Str,
  when: Obj({
    stepKinds: avWhen(OneOf(STEP_KINDS), STEP_KINDS.length),
    serviceManners: avWhen(OneOf(SERVICE_MANNERS), SERVICE_MANNERS.length),
    procedures: avWhen(OneOf(PROCEDURES), PROCEDURES.length),
    actTypes: avWhen(OneOf(ACT_TYPES), ACT_TYPES.length),
    flags: avWhen(OneOf(AV_FLAGS), AV_FLAGS.length),
  }),
});
