import { buildUrl, request } from './api';
import type {
  CaseFilePage,
  CaseFileState,
  CaseFileView,
  LegalHold,
  LegalHoldPage,
  NewLegalHold,
  RetentionItem,
  RetentionPage,
  RetentionStatus,
} from '../../src/http/routes/archives.schema';
import type { Cursor } from './types';

const seg = encodeURIComponent;
type Query = Record<string, string | number | null | undefined>;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });

/** What the intake queue and the register filter on (the form's state, not a server shape). */
export interface CaseFileFilterForm {
  state: CaseFileState;
  q?: string | null;
  year?: number | null;
}

/** Case files (案卷: 归档接收, 档案登记), retention (保管期限) and legal holds (法律冻结). */
export const archiveApi = {
  caseFiles: (f: CaseFileFilterForm, cursor: Cursor | null, limit = 30) =>
    get<CaseFilePage>('/api/case-files', { state: f.state, q: f.q, year: f.year, cursor, limit }),
  caseFile: (id: string) => get<CaseFileView>(`/api/case-files/${seg(id)}`),
  caseFileOfCase: (caseId: string) => get<CaseFileView>(`/api/cases/${seg(caseId)}/case-file`),
  /** 接收归档: a note is needed when anything is missing (422 CASE_FILE_INCOMPLETE otherwise). */
  accept: (id: string, note?: string) =>
    post<CaseFileView>(`/api/case-files/${seg(id)}/accept`, note ? { note } : {}),
  /** The archive package (ZIP); 403 PACKAGE_RESTRICTED: this user may export only a redacted one. */
  packageUrl: (id: string, purpose: string, redacted: boolean) =>
    buildUrl(`/api/case-files/${seg(id)}/package`, { purpose, redacted: redacted ? 'true' : 'false' }),

  retention: (status: RetentionStatus, cursor: Cursor | null, limit = 50) =>
    get<RetentionPage>('/api/retention', { status, cursor, limit }),
  approveDisposal: (recordId: string) =>
    post<RetentionItem>(`/api/records/${seg(recordId)}/disposal/approve`, {}),
  cancelDisposal: (recordId: string, reason: string) =>
    post<RetentionItem>(`/api/records/${seg(recordId)}/disposal/cancel`, { reason }),

  legalHolds: () => get<LegalHoldPage>('/api/legal-holds', { active: 'true' }),
  placeHold: (body: NewLegalHold) => post<LegalHold>('/api/legal-holds', body),
  releaseHold: (id: string, reason: string) =>
    post<LegalHold>(`/api/legal-holds/${seg(id)}/release`, { reason }),
};
