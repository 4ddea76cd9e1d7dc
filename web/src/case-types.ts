/**
 * Shapes of the case API (案件、当事人、权力事项、执法环节、执法记录仪、监督) as the workbench reads
 * them; see the server's OpenAPI (`/api/docs`). Amounts are integer fen (分) everywhere.
 */
import type { Cursor, FileRecord } from './types';

export type ActType = 'penalty' | 'compulsion' | 'inspection' | 'licensing' | 'expropriation';
export type Procedure = 'ordinary' | 'simplified' | 'measure' | 'execution' | 'standard' | 'commitment';
export type PartyKind = 'person' | 'organisation';
export type IdType = 'residentId' | 'passport' | 'other' | 'creditCode';
export type SanctionKind =
  'warning' | 'fine' | 'confiscation' | 'lowerQualification' | 'revokeLicence' | 'suspension' | 'restriction';
export type StepKind =
  | 'inspection'
  | 'inquiry'
  | 'examination'
  | 'sampling'
  | 'notice'
  | 'hearing'
  | 'service'
  | 'execution'
  | 'seizure'
  | 'admonition'
  | 'other';
export type ServiceManner = 'direct' | 'leftAtPremises' | 'post' | 'publicNotice' | 'electronic';
export type RecordKind = 'text' | 'scan' | 'document' | 'photo' | 'audio' | 'video';
export type Protection = 'public' | 'internal' | 'tradeSecret' | 'privacy' | 'stateSecret';
export type DeadlineStatus = 'met' | 'late' | 'overdue' | 'dueSoon' | 'pending';
export type RecorderStatus = 'available' | 'checkedOut' | 'repair' | 'retired';
export type FlagKind = 'avMissing' | 'alterRefused' | 'deleteRefused';

/** `GET /api/meta/cases`: the Chinese names of everything above. */
export interface CaseMeta {
  actTypes: Record<ActType, string>;
  procedures: Record<Procedure, string>;
  proceduresOf: Record<ActType, Procedure[]>;
  states: Record<string, string>;
  actions: Record<string, string>;
  outcomes: Record<string, string>;
  stepKinds: Record<StepKind, string>;
  serviceManners: Record<ServiceManner, string>;
  sanctions: Record<SanctionKind, string>;
  partyKinds: Record<PartyKind, string>;
  idTypes: Record<IdType, string>;
  recordKinds: Record<RecordKind, string>;
  protections: Record<Protection, string>;
  deadlines: Record<string, string>;
  recorderStatuses: Record<RecorderStatus, string>;
}

/** A party as staff see it: ID number, phone and (a person's) address masked. */
export interface Party {
  id: string;
  kind: PartyKind;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative: string;
  phone: string;
  address: string;
  createdAt: string;
}

export interface PartyInput {
  kind: PartyKind;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative?: string;
  phone: string;
  address: string;
}

export type Disclosable = 'idNumber' | 'phone' | 'address';

export interface FenBand {
  min: number;
  max: number;
}

export type FineStandard =
  | { kind: 'band'; person?: FenBand; organisation?: FenBand }
  | { kind: 'perUnit'; unit: string; perUnit: number; cap: number; min?: number; partyKinds?: PartyKind[] }
  | { kind: 'none' };

export type Grade = 'none' | 'lenient' | 'ordinary' | 'severe';

export interface BenchmarkGrade {
  grade: Grade;
  conditions: string;
  standard: FineStandard;
  sanctions?: SanctionKind[];
}

export interface DiscretionBenchmark {
  violation: string;
  basis: string;
  legal?: { person?: FenBand; organisation?: FenBand };
  grades: BenchmarkGrade[];
}

export interface PowerItem {
  id: string;
  code: string;
  name: string;
  actType: ActType;
  actTypeLabel: string;
  basis: string[];
  domain: string;
  unitId: string;
  benchmark: DiscretionBenchmark;
  /** The statutory fine band per party kind as the server checks it (null: no fine). */
  legalBands: { person: FenBand | null; organisation: FenBand | null };
  active: boolean;
}

export interface Sanction {
  kinds: SanctionKind[];
  fine: number;
  confiscated: number;
}

export interface CaseDeadline {
  kind: string;
  label: string;
  due: string;
  confirmed: boolean;
  basis: string;
  period: string;
  met: boolean | null;
  doneOn: string | null;
  status: DeadlineStatus;
}

export interface ActionOption {
  action: string;
  label: string;
  /** Open only if the party waives 陈述、申辩 (the form asks for the waiver). */
  onWaiver?: boolean;
}

export interface CaseFacts {
  procedure: Procedure;
  outcome?: string;
  sanction?: Sanction;
  hearingOffered?: boolean;
  hearingReasons?: string[];
  hearingRequested?: boolean;
  partyWaived?: boolean;
  inspectionResult?: string;
  terminateReason?: string;
  urgentReason?: string;
  [key: string]: unknown;
}

export interface CaseSummary {
  id: string;
  number: string;
  actType: ActType;
  actTypeLabel: string;
  procedure: Procedure;
  state: string;
  stateLabel: string;
  title: string;
  partyName: string;
  unit: { id: string; name: string };
  powerItemName: string;
  major: boolean;
  filedOn: string;
  closedOn: string | null;
  /** The lifecycle reached one of its closing states. */
  closed: boolean;
  nextDue: string | null;
  overdue: boolean;
}

export interface CaseOfficer {
  id: string;
  name: string;
  role: 'lead' | 'member';
}

export interface StepOfficer {
  id: string;
  name: string;
  certificateNumber: string;
}

export interface Step {
  id: string;
  caseId: string;
  kind: StepKind;
  kindLabel: string;
  serviceManner: ServiceManner | null;
  serviceMannerLabel: string | null;
  inField: boolean;
  contactWithParty: boolean;
  designatedSite: boolean;
  occurredAt: string;
  place: string;
  notes: string;
  officers: StepOfficer[];
  avRequired: boolean;
  avReasons: string[];
  recorderWarning: string | null;
  state: 'open' | 'completed';
  avMissingReason: string | null;
  flagged: boolean;
  completedAt: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
}

export interface TimelineTransition {
  id: string;
  action: string;
  label: string;
  from: string;
  to: string;
  toLabel: string;
  occurredOn: string;
  at: string;
  user: { id: string; name: string };
  payload: Record<string, unknown>;
}

export interface Case {
  id: string;
  number: string;
  actType: ActType;
  actTypeLabel: string;
  procedure: Procedure;
  procedureLabel: string;
  lifecycle: string;
  state: string;
  stateLabel: string;
  title: string;
  powerItem: { id: string; code: string; name: string };
  party: Party;
  unit: { id: string; name: string };
  officers: CaseOfficer[];
  major: boolean;
  linkedCaseId: string | null;
  facts: CaseFacts;
  dates: Record<string, unknown>;
  filedOn: string;
  closedOn: string | null;
  nextDue: string | null;
  closed: boolean;
  /** Its case file is archived: read-only. */
  archived: boolean;
  /** What the signed-in user may do on this case (PLT-07), as the server decides. */
  permissions: string[];
  allowedActions: ActionOption[];
  /** Actions a capability's gate holds back, with the reason. */
  blockedActions: Array<ActionOption & { code: string; reason: string }>;
  /** How far a leader may still extend the decision period; null when it cannot be. */
  decisionExtension: { usedDays: number; maxDays: number; unit: 'natural' | 'working' } | null;
  deadlines: CaseDeadline[];
  createdAt: string;
  /** Present on `GET /api/cases/:id`. */
  steps?: Step[];
  timeline?: TimelineTransition[];
}

export interface CaseFilters {
  actType?: ActType | null;
  state?: string | null;
  unitId?: string | null;
  officerId?: string | null;
  partyName?: string | null;
  filedFrom?: string | null;
  filedTo?: string | null;
  overdue?: boolean;
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
  filedOn?: string;
  sanction?: Sanction;
}

export interface TransitionInput {
  action: string;
  occurredOn?: string;
  outcome?: string;
  result?: string;
  reason?: string;
  urgentReason?: string;
  sanction?: Sanction;
  partyWaived?: boolean;
  hearingOn?: string;
  handedOverOnSpot?: boolean;
  linkedPowerItemId?: string;
}

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

/** Metadata of an audio or video record (REC-04). */
export interface AvMeta {
  recorderId: string;
  recorderNumber?: string;
  officerIds: string[];
  startedAt: string;
  endedAt: string;
  place: string;
}

/** What a step's record is, sent with the finished upload. */
export interface StepRecordMeta {
  kind: RecordKind;
  protection: Protection;
  versionOf?: string;
  reason?: string;
  av?: AvMeta;
}

/** A record of a case: a stored file with its step, kind, protection class and version. */
export interface CaseRecord extends FileRecord {
  caseId: string | null;
  stepId: string | null;
  kind: RecordKind | null;
  protection: Protection;
  protectionLabel: string;
  versionOf: string | null;
  rootId: string;
  version: number;
  correctionReason: string | null;
  av: AvMeta | null;
  /** A protected record the viewer may not see: only that it exists. */
  restricted: boolean;
}

export interface CaseLedgerEntry {
  seq: number;
  at: string;
  actor: { type: string; id: string; name: string };
  action: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
  leafHash: string;
}

export interface Recorder {
  id: string;
  number: string;
  model: string;
  status: RecorderStatus;
  statusLabel: string;
  holder: { id: string; name: string } | null;
}

export interface RecorderLoan {
  id: string;
  officer: { id: string; name: string };
  outAt: string;
  returnedAt: string | null;
}

export interface Flag {
  id: string;
  kind: FlagKind;
  label: string;
  caseId: string | null;
  caseNumber: string | null;
  stepId: string | null;
  recordId: string | null;
  user: { id: string; name: string };
  detail: string;
  at: string;
}

export interface Alert {
  id: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  caseState: string;
  deadline: string;
  label: string;
  stage: 'before' | 'due';
  due: string;
  raisedAt: string;
  message: string;
}

export type { Cursor };
