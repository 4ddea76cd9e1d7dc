import type { Insertable, Selectable } from 'kysely';

/**
 * Table shapes. Conventions that hold on both SQLite and PostgreSQL:
 * - ids are UUIDv7 text; times are ISO-8601 UTC text (`2026-11-25T08:00:00.000Z`), dates `YYYY-MM-DD`;
 * - flags are integers 0/1; lists are JSON text;
 * - history is appended, not overwritten: the ledger holds every change of every row.
 */
export interface LedgerTable {
  seq: number;
  recorded_at: string;
  actor_type: string;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** RFC 8785 canonical JSON of the change. */
  data: string;
  /** RFC 6962 leaf hash of the whole entry, hex. */
  leaf_hash: string;
}

export interface AgencyTable {
  id: string;
  name: string;
  short_name: string;
  address: string;
  phone: string;
  created_at: string;
}

export interface UnitTable {
  id: string;
  agency_id: string;
  name: string;
  is_legal_review: number;
  created_at: string;
}

export interface OfficerTable {
  id: string;
  agency_id: string;
  unit_id: string;
  name: string;
  post: string;
  duties: string;
  active: number;
  created_at: string;
}

export interface OfficerPhotoTable {
  id: string;
  officer_id: string;
  media_type: string;
  sha256: string;
  content: Buffer;
  created_at: string;
}

export interface CertificateTable {
  id: string;
  officer_id: string;
  number: string;
  /** JSON array of enforcement domains. */
  domains: string;
  valid_from: string;
  valid_to: string;
  state: string;
  state_reason: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  officer_id: string | null;
  disabled: number;
  /** Superseded by `login_failures` (per address); kept for the rows' recorded history. */
  failed_count: number;
  locked_until: string | null;
  created_at: string;
  /** 1 while the user must set their own password before doing anything else. */
  must_change_password: number;
}

/** Failed logins of one account name from one client address (PLT-03). */
export interface LoginFailureTable {
  /** HMAC-SHA-256 of (name, address), hex: the address itself is not stored. */
  key: string;
  user_id: string | null;
  /** Masked address, for administrators (203.0.113.*). */
  source: string;
  failed_count: number;
  locked_until: string | null;
  last_failed_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** One published or imported schedule of a year; the newest for a year is in force. */
export interface CalendarScheduleTable {
  id: string;
  year: number;
  origin: string; // 'package' | 'import'
  /** JSON arrays of dates. */
  holidays: string;
  workdays: string;
  note: string;
  created_at: string;
  ledger_seq: number;
}

/** Hash of the perfect subtree over leaves [idx·2^level, (idx+1)·2^level), level ≥ 1; hex. */
export interface LedgerNodeTable {
  level: number;
  idx: number;
  hash: string;
}

export interface CheckpointTable {
  tree_size: number;
  root_hash: string;
  /** The signed note, as served. */
  note: string;
  created_at: string;
}

export interface RecordTable {
  id: string;
  sha256: string;
  sm3: string;
  size: number;
  media_type: string;
  file_name: string;
  created_by: string;
  created_at: string;
  // Added with cases; null on records made before them.
  case_id: string | null;
  step_id: string | null;
  kind: string | null;
  protection: string | null;
  version_of: string | null;
  root_id: string | null;
  version: number | null;
  correction_reason: string | null;
  /** JSON: recorder, officers, start and end time, place (REC-04). */
  av_meta: string | null;
  recorder_id: string | null;
}

export interface RetrievalTable {
  id: string;
  record_id: string;
  user_id: string;
  purpose: string;
  range_start: number | null;
  range_end: number | null;
  at: string;
}

export interface PartyTable {
  id: string;
  agency_id: string;
  kind: string;
  name: string;
  id_type: string;
  id_masked: string;
  id_sealed: string;
  id_digest: string;
  legal_representative: string;
  phone_masked: string;
  phone_sealed: string;
  address_masked: string;
  address_sealed: string;
  created_by: string;
  created_at: string;
}

export interface PartyLookupTable {
  id: string;
  user_id: string;
  party_id: string | null;
  at: string;
}

export interface PartyDisclosureTable {
  id: string;
  party_id: string;
  user_id: string;
  /** JSON array of the fields shown in full. */
  fields: string;
  purpose: string;
  at: string;
}

export interface PowerItemTable {
  id: string;
  agency_id: string;
  code: string;
  name: string;
  act_type: string;
  /** JSON array of legal basis articles. */
  basis: string;
  domain: string;
  unit_id: string;
  /** JSON DiscretionBenchmark. */
  benchmark: string;
  active: number;
  created_at: string;
}

export interface CaseCounterTable {
  agency_id: string;
  year: number;
  last: number;
}

export interface CaseTable {
  id: string;
  agency_id: string;
  number: string;
  year: number;
  seq: number;
  act_type: string;
  procedure: string;
  state: string;
  title: string;
  power_item_id: string;
  party_id: string;
  party_name: string;
  unit_id: string;
  major: number;
  linked_case_id: string | null;
  /** JSON CaseFacts (outcome, sanction, …). */
  facts: string;
  /** JSON CaseDates. */
  dates: string;
  filed_on: string;
  closed_on: string | null;
  next_due: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON array of the violations the case charges (案由), from its power item's. */
  charged_violations: string;
}

export interface LegalReviewTable {
  id: string;
  case_id: string;
  stage: string;
  round: number;
  state: string;
  review_unit_id: string;
  submitted_by: string;
  submitted_at: string;
  submitted_on: string;
  statement: string;
  materials: string;
  due: string;
  due_confirmed: number;
  reviewer_user_id: string | null;
  extension: string | null;
  opinion: string | null;
  opinion_kind: string | null;
  adopted_at: string | null;
  objection: string | null;
  passed: number;
}
/** A deadline timer of a legal review (migration 019). */
export interface LegalReviewTimerTable {
  id: string;
  review_id: string;
  case_id: string;
  deadline: string;
  stage: string;
  due: string;
  fire_on: string;
  fired_at: string | null;
}
export interface LegalReviewAlertTable {
  id: string;
  review_id: string;
  case_id: string;
  deadline: string;
  stage: string;
  due: string;
  raised_at: string;
}
export interface LegalReviewMarkTable {
  id: string;
  case_id: string;
  kind: string;
  reason: string;
  by_user_id: string;
  at: string;
}
/** What a filing proposed beyond the case row (REV-01 facts). */
export interface CaseFilingFactsTable {
  case_id: string;
  /** JSON [{ kind, amountFen? }] in the classification's vocabulary; null when none proposed. */
  proposed_sanctions: string | null;
  execution_method: string | null;
  /** JSON { kind, action }. */
  licence: string | null;
  filed_major: number;
}
/** A case's current classification of major decisions (REV-01). */
export interface CaseClassificationTable {
  case_id: string;
  major: number;
  /** JSON [{ category, reason }]: every category of the result, the manual ones included. */
  categories: string;
  /** JSON: the classification's input, as computed from the case's facts. */
  input: string;
  classified_at: string;
  classified_by: string;
}
export interface ReviewMeetingTable {
  id: string;
  case_id: string;
  held_on: string;
  attendees: string;
  discussion: string;
  conclusion: string;
  recorded_by: string;
  recorded_at: string;
  document_id: string | null;
}
export interface LegalQualificationTable {
  user_id: string;
  qualified: number;
  certificate_number: string | null;
  set_at: string;
}
export interface ApprovalTable {
  id: string;
  case_id: string;
  kind: string; // 'filing' | 'decision' | 'closing'
  state: string; // 'pending' | 'approved' | 'returned'
  /** JSON: what is asked to be approved. */
  proposal: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  opinion: string | null;
}

export interface CaseOfficerTable {
  case_id: string;
  officer_id: string;
  role: string;
}

export interface CaseTransitionTable {
  id: string;
  case_id: string;
  action: string;
  from_state: string;
  to_state: string;
  payload: string;
  occurred_on: string;
  user_id: string;
  at: string;
}

export interface StepTable {
  id: string;
  case_id: string;
  kind: string;
  service_manner: string | null;
  in_field: number;
  contact_with_party: number;
  designated_site: number;
  occurred_at: string;
  place: string;
  notes: string;
  av_required: number;
  /** JSON array of the AV rules that apply. */
  av_reasons: string;
  recorder_warning: string | null;
  state: string;
  av_missing_reason: string | null;
  flagged: number;
  completed_at: string | null;
  created_by: string;
  created_at: string;
}

export interface StepOfficerTable {
  step_id: string;
  officer_id: string;
  certificate_number: string;
}

export interface RecorderTable {
  id: string;
  agency_id: string;
  number: string;
  model: string;
  status: string;
  holder_officer_id: string | null;
  created_at: string;
}

export interface RecorderLoanTable {
  id: string;
  recorder_id: string;
  officer_id: string;
  out_at: string;
  out_by: string;
  returned_at: string | null;
  returned_by: string | null;
}

export interface FlagTable {
  id: string;
  kind: string;
  case_id: string | null;
  step_id: string | null;
  record_id: string | null;
  user_id: string;
  detail: string;
  at: string;
}

/** A supervisor's handling of a flag: one per flag (REC-11). */
export interface FlagHandlingTable {
  id: string;
  flag_id: string;
  note: string;
  user_id: string;
  at: string;
}

export interface CaseTimerTable {
  id: string;
  case_id: string;
  deadline: string;
  stage: string;
  due: string;
  fire_on: string;
  fired_at: string | null;
}

export interface AlertTable {
  id: string;
  case_id: string;
  deadline: string;
  stage: string;
  due: string;
  raised_at: string;
}

export interface SettingTable {
  id: string;
  key: string;
  value: string;
  created_by: string;
  created_at: string;
}

/** One version of a document template; an edit is a new version (REC-02). */
export interface DocumentTemplateTable {
  id: string;
  kind: string;
  version: number;
  title: string;
  /** JSON TemplateBody. */
  body: string;
  created_by: string;
  created_at: string;
}

export interface DocumentCounterTable {
  agency_id: string;
  code: string;
  year: number;
  last: number;
}

export interface DocumentTable {
  id: string;
  case_id: string;
  step_id: string | null;
  kind: string;
  template_id: string;
  template_version: number;
  state: string; // 'draft' | 'final'
  /** 文号; null until final, and for kinds that are not numbered. */
  number: string | null;
  /** The record holding the finalised .docx. */
  record_id: string | null;
  /** JSON DocumentData. */
  data: string;
  version_of: string | null;
  version: number;
  reason: string | null;
  created_by: string;
  created_at: string;
  finalised_by: string | null;
  finalised_at: string | null;
}

/** The case file (案卷) of a closed case (REC-08): pending until the records keeper archives it. */
export interface CaseFileTable {
  id: string;
  case_id: string;
  agency_id: string;
  state: string;
  retention: string;
  archive_year: number | null;
  archive_seq: number | null;
  archive_number: string | null;
  /** JSON CaseFileCover, frozen when archived. */
  cover: string | null;
  /** JSON IndexItem[], frozen when archived. */
  index_items: string | null;
  assembled_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
  note: string | null;
}

export interface ArchiveCounterTable {
  agency_id: string;
  year: number;
  last: number;
}

export interface DocumentSignatureTable {
  document_id: string;
  record_id: string;
  attached_by: string;
  attached_at: string;
}

export interface RecordMarkTable {
  id: string;
  record_id: string;
  mark: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface LegalHoldTable {
  id: string;
  case_id: string | null;
  record_id: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
  release_reason: string | null;
}

export interface DisposalTable {
  id: string;
  record_id: string;
  state: string;
  keeper_by: string | null;
  keeper_at: string | null;
  leader_by: string | null;
  leader_at: string | null;
  undo_until: string | null;
  disposed_at: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_at: string;
}

/** A scheduled job's claim and last run (`src/jobs`). */
export interface JobTable {
  name: string;
  next_due: string | null;
  running_node: string | null;
  running_since: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_node: string | null;
  last_ok: number | null;
  last_error: string | null;
  last_error_at: string | null;
}

/** A receiving platform of the publication outbox (PUB-03). */
export interface PlatformTable {
  id: string;
  name: string;
  url: string;
  secret_sealed: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** One delivery of a publication item's event to one platform (PUB-03). */
export interface OutboxTable {
  id: string;
  platform_id: string;
  item_id: string;
  event: string;
  payload: string;
  idempotency_key: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  lease_token: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** A decision to be published (issue 14); internal. See migration 015. */
export interface PublicationItemTable {
  id: string;
  agency_id: string;
  case_id: string | null;
  transition_id: string | null;
  act_type: string;
  decision: string;
  number: string | null;
  decision_date: string;
  unit_id: string;
  responsible_user_id: string | null;
  responsible_name: string;
  party_id: string | null;
  party_kind: string;
  party_name: string;
  credit_code: string | null;
  legal_representative: string | null;
  personal_sealed: string | null;
  minor: number;
  facts: string;
  basis: string;
  result_kind: string;
  result_content: string;
  fine_amount: number | null;
  draft_party_name: string;
  draft_legal_representative: string | null;
  draft_facts: string;
  draft_basis: string;
  draft_result_content: string;
  extra_masks_sealed: string | null;
  masking_confirmed_by: string | null;
  masking_confirmed_at: string | null;
  state: string;
  due: string;
  due_confirmed: number;
  display_end: string | null;
  change_kind: string | null;
  change_reason: string | null;
  change_recorded_by: string | null;
  change_recorded_at: string | null;
  withdrawal_due: string | null;
  withdrawal_due_confirmed: number | null;
  withdrawal_reason: string | null;
  created_by: string;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  expired_at: string | null;
}

export interface PublicationTimerTable {
  id: string;
  item_id: string;
  deadline: string;
  stage: string;
  due: string;
  fire_on: string;
  fired_at: string | null;
}

export interface PublicationAlertTable {
  id: string;
  item_id: string;
  deadline: string;
  stage: string;
  due: string;
  raised_at: string;
}

/** The public table: masked data only; content null once withdrawn or taken down. */
export interface PublicDecisionTable {
  id: string;
  item_id: string;
  act_type: string;
  number: string | null;
  decision_date: string;
  unit_id: string;
  unit_name: string;
  responsible_name: string;
  party_kind: string;
  party_name: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  facts: string | null;
  basis: string | null;
  result_kind: string | null;
  result_content: string | null;
  fine_amount: number | null;
  display_end: string;
  withdrawn: number;
  withdrawal_reason: string | null;
  withdrawn_at: string | null;
  expired: number;
  expired_at: string | null;
  published_at: string;
  ledger_seq: number;
  leaf_hash: string;
  search_tokens: string;
}

export interface DB {
  ledger: LedgerTable;
  agencies: AgencyTable;
  units: UnitTable;
  officers: OfficerTable;
  officer_photos: OfficerPhotoTable;
  certificates: CertificateTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_failures: LoginFailureTable;
  calendar_schedules: CalendarScheduleTable;
  ledger_nodes: LedgerNodeTable;
  checkpoints: CheckpointTable;
  records: RecordTable;
  retrievals: RetrievalTable;
  parties: PartyTable;
  party_disclosures: PartyDisclosureTable;
  party_lookups: PartyLookupTable;
  power_items: PowerItemTable;
  case_counters: CaseCounterTable;
  cases: CaseTable;
  case_officers: CaseOfficerTable;
  case_transitions: CaseTransitionTable;
  steps: StepTable;
  step_officers: StepOfficerTable;
  recorders: RecorderTable;
  recorder_loans: RecorderLoanTable;
  flags: FlagTable;
  flag_handlings: FlagHandlingTable;
  case_timers: CaseTimerTable;
  alerts: AlertTable;
  settings: SettingTable;
  document_templates: DocumentTemplateTable;
  document_counters: DocumentCounterTable;
  documents: DocumentTable;
  approvals: ApprovalTable;
  legal_reviews: LegalReviewTable;
  legal_review_marks: LegalReviewMarkTable;
  legal_review_timers: LegalReviewTimerTable;
  legal_review_alerts: LegalReviewAlertTable;
  case_filing_facts: CaseFilingFactsTable;
  case_classifications: CaseClassificationTable;
  review_meetings: ReviewMeetingTable;
  legal_qualifications: LegalQualificationTable;
  case_files: CaseFileTable;
  archive_counters: ArchiveCounterTable;
  document_signatures: DocumentSignatureTable;
  record_marks: RecordMarkTable;
  legal_holds: LegalHoldTable;
  disposals: DisposalTable;
  jobs: JobTable;
  platforms: PlatformTable;
  outbox: OutboxTable;
  publication_items: PublicationItemTable;
  publication_timers: PublicationTimerTable;
  publication_alerts: PublicationAlertTable;
  public_decisions: PublicDecisionTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
