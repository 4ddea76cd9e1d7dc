/** Shapes of the zhifa HTTP API as the workbench reads them (see the server's OpenAPI). */

import type { Role } from '../../src/domain/policy';

export type { Role };

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.write'
  | 'token.manage'
  | 'calendar.read'
  | 'calendar.import'
  | 'ledger.read'
  | 'record.create'
  | 'record.read'
  | 'retrieval.read'
  | 'party.read'
  | 'party.create'
  | 'party.disclose'
  | 'powerItem.read'
  | 'powerItem.write'
  | 'case.read'
  | 'case.file'
  | 'case.act'
  | 'party.lookup'
  | 'case.approveExtension'
  | 'recorder.read'
  | 'recorder.manage'
  | 'flag.read'
  | 'alert.read'
  | 'settings.read'
  | 'settings.write'
  | 'document.read'
  | 'document.write'
  | 'documentTemplate.write'
  | 'caseFile.read'
  | 'caseFile.accept'
  | 'caseFile.export'
  | 'retention.read'
  | 'retention.approve'
  | 'legalHold.manage';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  officerId: string | null;
  disabled: boolean;
  /** The latest end of the lock-outs in force, from whichever address. */
  lockedUntil: string | null;
  /** Must replace a password someone else chose before doing anything else. */
  mustChangePassword: boolean;
}

/** A failed-login lock-out in force: the client's network (masked) and until when. */
export interface Lockout {
  source: string;
  until: string;
}

/** A user as administrators see them. */
export interface ManagedUser extends User {
  lockouts: Lockout[];
}

export interface Session {
  user: User;
  csrfToken: string;
  permissions: string[];
}

export interface RoleOption {
  role: Role;
  label: string;
}

export interface Agency {
  id: string;
  name: string;
  shortName: string;
  address: string;
  phone: string;
}

export interface Unit {
  id: string;
  name: string;
  isLegalReview: boolean;
  createdAt: string;
}

export type CertificateState = 'valid' | 'suspended' | 'revoked';
export type CertificateStanding = 'valid' | 'expired' | 'notYetValid' | 'suspended' | 'revoked';

export interface Certificate {
  id: string;
  officerId: string;
  number: string;
  domains: string[];
  validFrom: string;
  validTo: string;
  state: CertificateState;
  /** Empty while the certificate has never been suspended or revoked. */
  stateReason: string | null;
  standing: CertificateStanding;
  standingLabel: string;
}

export interface Officer {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  post: string;
  duties: string;
  hasPhoto: boolean;
  certificates: Certificate[];
}

/** Opaque to the workbench: sent back as it came (the ledger's is a number, officers' a string). */
export type Cursor = string | number;

export interface Page<T> {
  items: T[];
  nextCursor: Cursor | null;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedToken {
  id: string;
  name: string;
  token: string;
}

export type CalendarOrigin = 'package' | 'import';

export interface CalendarYear {
  year: number;
  confirmed: boolean;
  origin: CalendarOrigin | null;
  holidays: string[];
  workdays: string[];
}

export interface ScheduleInput {
  year: number;
  holidays: string[];
  workdays: string[];
  note?: string;
}

export interface DeadlineResult {
  date: string;
  confirmed: boolean;
}

export interface LedgerItem {
  seq: number;
  recordedAt: string;
  actor: { type: string; id: string; name?: string | null };
  action: string;
  subject: { type: string; id: string };
  data: unknown;
  leafHash: string;
}
