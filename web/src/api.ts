import type { RoleList, Session } from '../../src/http/routes/auth.schema';
import type {
  CalendarYear,
  DeadlineResult,
  ScheduleCreated,
  ScheduleInput,
} from '../../src/http/routes/calendar.schema';
import type { LedgerPage } from '../../src/http/routes/ledger.schema';
import type {
  ApiTokenList,
  CreatedToken,
  ManagedUser,
  ManagedUserList,
  NewUser,
  UserPatch,
} from '../../src/http/routes/users.schema';
import type {
  Agency,
  AgencyPatch,
  Certificate,
  CertificatePatch,
  NewCertificate,
  NewOfficer,
  NewUnit,
  Officer,
  OfficerPage,
  OfficerPatch,
  Unit,
  UnitList,
  UnitPatch,
} from '../../src/http/routes/org.schema';
import type { Cursor, Page } from './types';
import type { RecordListItem, RecordRetrieval, RecordView } from '../../src/http/routes/records.schema';
import type { ErrorCode } from '../../src/domain/error-codes';
import type { ErrorBody } from '../../src/http/errors';
import type { SchemaSource } from './api-check';

/**
 * Codes the workbench makes itself: no answer at all (`NETWORK`), an answer that is not the API's
 * error body (`HTTP_<status>`), or a form check before anything is sent.
 */
export type ClientErrorCode = 'NETWORK' | `HTTP_${number}` | 'FILE_REQUIRED';
/** What `ApiError.code` may be: the server's codes (shared with it) or the workbench's own. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/**
 * The one fetch wrapper of the workbench. Cookies carry the session; every non-GET request also
 * carries the CSRF token the server handed out with the session. Errors arrive as
 * `{ error: { code, message, field? } }` and leave here as an ApiError.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    /** Extra facts some errors carry, e.g. `problems: [{ field, message }]` for a rejected schedule. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: ((err: ApiError) => void) | null = null;
const sessionListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  const changed = token !== csrfToken;
  csrfToken = token;
  if (changed) for (const listener of sessionListeners) listener();
}

/** The current session's CSRF token, for requests made outside this module (tus uploads). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Called whenever the session changes (sign-in, sign-out, expiry); returns the unsubscribe. */
export function onSessionChange(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Called when a request other than login answers 401: the session is gone. */
export function onUnauthorized(handler: ((err: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

type Query = Record<string, string | number | null | undefined>;

interface RequestOptions {
  query?: Query;
  /** JSON body. */
  body?: unknown;
  /** Raw body (e.g. an image); sent with its own type. */
  raw?: Blob;
  /** Extra request headers. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * The answer's schema (or a loader of it): development builds check the answer against it and
   * log a console error when it does not fit. Production builds ignore it.
   */
  schema?: SchemaSource;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = x.error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/**
 * The ApiError for a failed response, from its status and body text; a 401 (other than on login)
 * also ends the session in the UI. Used for responses this module did not fetch (tus uploads).
 */
export function apiErrorFrom(status: number, text: string, path: string): ApiError {
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  const err = isErrorBody(data)
    ? new ApiError(status, data.error.code, data.error.message, data.error.field, data.error.details)
    : status === 0
      ? new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试')
      : new ApiError(status, `HTTP_${status}`, `服务器返回错误（${status}）`);
  // Login answers 401 for a wrong password; the session check (`/api/auth/me`) is answered by its
  // caller, which knows whether the answer is still the current one (App's boot check).
  if (status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') unauthorizedHandler?.(err);
  return err;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw) {
    body = opts.raw;
    headers['content-type'] = opts.raw.type || 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }

  const text = await res.text();
  if (!res.ok) throw apiErrorFrom(res.status, text, path);
  // Development only: the branch and the checker's module are left out of production builds.
  if (import.meta.env.DEV) {
    const { checkAnswer } = await import('./api-check');
    await checkAnswer(method, path, res.headers.get('content-type'), text, opts.schema);
  }
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined as T;
  }
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const seg = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => post<Session>('/api/auth/login', { username, password }),
  logout: () => post<void>('/api/auth/logout'),
  me: () => get<Session>('/api/auth/me'),
  /** The signed-in user's own password; ends their other sessions. */
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/api/auth/password', { currentPassword, newPassword }),
  roles: () => get<RoleList>('/api/meta/roles'),

  agency: () => get<Agency>('/api/agency'),
  updateAgency: (body: AgencyPatch) => patch<Agency>('/api/agency', body),

  units: () => get<UnitList>('/api/units'),
  createUnit: (body: NewUnit) => post<Unit>('/api/units', body),
  updateUnit: (id: string, body: UnitPatch) => patch<Unit>(`/api/units/${seg(id)}`, body),

  officers: (q: { limit?: number; cursor?: Cursor | null; q?: string; unitId?: string | null }) =>
    get<OfficerPage>('/api/officers', { limit: q.limit ?? 50, cursor: q.cursor, q: q.q, unitId: q.unitId }),
  officer: (id: string) => get<Officer>(`/api/officers/${seg(id)}`),
  createOfficer: (body: NewOfficer) => post<Officer>('/api/officers', body),
  updateOfficer: (id: string, body: OfficerPatch) => patch<Officer>(`/api/officers/${seg(id)}`, body),
  photoUrl: (id: string, version?: number) =>
    buildUrl(`/api/officers/${seg(id)}/photo`, version ? { v: version } : undefined),
  uploadPhoto: (id: string, file: Blob) =>
    request<void>('PUT', `/api/officers/${seg(id)}/photo`, { raw: file }),

  createCertificate: (officerId: string, body: NewCertificate) =>
    post<Certificate>(`/api/officers/${seg(officerId)}/certificates`, body),
  updateCertificate: (id: string, body: CertificatePatch) =>
    patch<Certificate>(`/api/certificates/${seg(id)}`, body),
  certificateAction: (id: string, action: 'suspend' | 'reinstate' | 'revoke', reason: string) =>
    post<Certificate>(`/api/certificates/${seg(id)}/${action}`, { reason }),

  users: () => get<ManagedUserList>('/api/users'),
  createUser: (body: NewUser) => post<ManagedUser>('/api/users', body),
  updateUser: (id: string, body: UserPatch) => patch<ManagedUser>(`/api/users/${seg(id)}`, body),
  setPassword: (id: string, password: string) => post<void>(`/api/users/${seg(id)}/password`, { password }),
  unlockUser: (id: string) => post<ManagedUser>(`/api/users/${seg(id)}/unlock`),

  tokens: (userId: string) => get<ApiTokenList>(`/api/users/${seg(userId)}/tokens`),
  createToken: (userId: string, name: string) =>
    post<CreatedToken>(`/api/users/${seg(userId)}/tokens`, { name }),
  revokeToken: (id: string) => post<void>(`/api/tokens/${seg(id)}/revoke`),

  calendar: (year: number) => get<CalendarYear>(`/api/calendar/${year}`),
  importSchedule: (body: ScheduleInput) => post<ScheduleCreated>('/api/calendar/schedules', body),
  deadline: (date: string, days: number, kind: 'working' | 'natural') =>
    get<DeadlineResult>('/api/calendar/deadline', { date, days, kind }),

  ledger: (cursor?: Cursor | null, limit = 50) => get<LedgerPage>('/api/ledger', { limit, cursor }),

  records: (cursor?: Cursor | null, limit = 50) =>
    get<Page<RecordListItem>>('/api/records', { limit, cursor }),
  record: (id: string) => get<RecordView>(`/api/records/${seg(id)}`),
  /** Small files (≤ 20 MiB) in one request; larger ones go through tus (see uploads.ts). */
  createRecord: (file: File, sha256?: string, signal?: AbortSignal) =>
    request<RecordView>('POST', '/api/records', {
      raw: file,
      headers: {
        'x-file-name': encodeURIComponent(file.name),
        ...(sha256 ? { 'x-content-sha256': sha256 } : {}),
      },
      ...(signal ? { signal } : {}),
    }),
  /** Turns a finished tus upload into a record. */
  createRecordFromUpload: (body: { uploadId: string; fileName: string; sha256?: string }) =>
    post<RecordView>('/api/records/from-upload', body),
  /**
   * Where a record's bytes are read (调阅). Every read is logged with its purpose, so the URL is
   * built only after the user has given one; `download` asks for Content-Disposition: attachment.
   */
  recordContentUrl: (id: string, purpose: string, download = false) =>
    buildUrl(`/api/records/${seg(id)}/content`, { purpose, download: download ? 1 : null }),
  retrievals: (recordId: string, cursor?: Cursor | null, limit = 50) =>
    get<Page<RecordRetrieval>>(`/api/records/${seg(recordId)}/retrievals`, { limit, cursor }),
};

/** Follows the cursor to the end; for small lists used as select options (officers of one office). */
export async function loadAll<T>(
  fetchPage: (cursor: Cursor | null) => Promise<Page<T>>,
  maxPages = 20,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: Cursor | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await fetchPage(cursor);
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return '操作失败';
}
