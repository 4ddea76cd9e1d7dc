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
  failed_count: number;
  locked_until: string | null;
  created_at: string;
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
  calendar_schedules: CalendarScheduleTable;
  ledger_nodes: LedgerNodeTable;
  checkpoints: CheckpointTable;
  records: RecordTable;
  retrievals: RetrievalTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
