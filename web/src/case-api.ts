import { request } from './api';
import { caseNotFoundError } from './case-format';
import type { FlagKind } from '../../src/domain/case-types';
import type {
  Alert,
  DisclosureBody,
  ExtensionBody,
  PowerItemBody,
  PowerItemPatch,
  RecorderStatusBody,
  Disclosure,
  PartyLookup,
  CaseLedgerEntry,
  CaseMeta,
  CasePage,
  CaseView,
  FileCaseBody,
  Flag,
  FlagHandleBody,
  Party,
  PartyInput,
  PowerItem,
  Recorder,
  RecorderLoan,
  Step,
  StepBody,
  TransitionBody,
  ApprovalRequestBody,
  ApprovalDecisionBody,
  PenaltyProposalBody,
  PerformanceBody,
} from '../../src/http/routes/cases.schema';
import type { RecordView } from '../../src/http/routes/records.schema';
import type { CaseFilterForm, StepRecordMeta } from './case-types';
import type { Cursor, Page } from './types';

const seg = encodeURIComponent;
type Query = Record<string, string | number | null | undefined>;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });

/**
 * Development builds check every case view the server answers against the server's own schema
 * (`api-check.ts`): a loader, so the schema's module never enters the production bundle.
 */
const caseView = () => import('../../src/http/routes/cases.schema').then((m) => m.CaseViewSchema);
const getCase = (path: string) => request<CaseView>('GET', path, { schema: caseView });
const postCase = (path: string, body: unknown) => request<CaseView>('POST', path, { body, schema: caseView });

let metaPromise: Promise<CaseMeta> | null = null;

/** The case API: cases, parties, power items, steps and their records, recorders, supervision. */
export const caseApi = {
  /** The label tables never change while the server runs: asked once per page load. */
  meta: (): Promise<CaseMeta> => {
    metaPromise ??= get<CaseMeta>('/api/meta/cases').catch((err: unknown) => {
      metaPromise = null;
      throw err;
    });
    return metaPromise;
  },

  /** By name, in the body: a person's name never goes into a URL (PLT-08). */
  parties: (q: { name?: string; limit?: number }) =>
    post<Page<Party>>('/api/parties/search', { ...(q.name && { name: q.name }), limit: q.limit ?? 20 }),
  /** By ID number or credit code: in the body, with the name, logged and limited (PLT-08). */
  lookupParty: (body: { idNumber: string; name: string }) => post<PartyLookup>('/api/parties/lookup', body),
  createParty: (body: PartyInput) => post<Party>('/api/parties', body),
  disclose: (partyId: string, body: DisclosureBody) =>
    post<Disclosure>(`/api/parties/${seg(partyId)}/disclosures`, body),

  powerItems: () => get<PowerItem[]>('/api/power-items'),
  createPowerItem: (body: PowerItemBody) => post<PowerItem>('/api/power-items', body),
  updatePowerItem: (id: string, body: PowerItemPatch) =>
    request<PowerItem>('PATCH', `/api/power-items/${seg(id)}`, { body }),

  /** The case list; its filters (a party's name among them) travel in the body (PLT-08). */
  cases: (f: CaseFilterForm, cursor: Cursor | null, limit = 30) =>
    post<CasePage>('/api/cases/search', {
      ...(f.actType && { actType: f.actType }),
      ...(f.state && { state: f.state }),
      ...(f.unitId && { unitId: f.unitId }),
      ...(f.officerId && { officerId: f.officerId }),
      ...(f.partyName && { partyName: f.partyName }),
      ...(f.filedFrom && { filedFrom: f.filedFrom }),
      ...(f.filedTo && { filedTo: f.filedTo }),
      ...(f.overdue && { overdue: true }),
      limit,
      ...(cursor && { cursor }),
    }),
  case: (id: string) =>
    getCase(`/api/cases/${seg(id)}`).catch((err: unknown) => {
      throw caseNotFoundError(err);
    }),
  fileCase: (body: FileCaseBody) => postCase('/api/cases', body),
  transition: (id: string, body: TransitionBody) => postCase(`/api/cases/${seg(id)}/transitions`, body),
  /** The procedure between transitions (issue 12): approvals, the penalty proposed, the performance. */
  requestApproval: (id: string, body: ApprovalRequestBody) =>
    postCase(`/api/cases/${seg(id)}/approvals`, body),
  decideApproval: (approvalId: string, body: ApprovalDecisionBody) =>
    postCase(`/api/approvals/${seg(approvalId)}/decision`, body),
  proposePenalty: (id: string, body: PenaltyProposalBody) =>
    postCase(`/api/cases/${seg(id)}/penalty-proposal`, body),
  recordPerformance: (id: string, body: PerformanceBody) =>
    postCase(`/api/cases/${seg(id)}/performance`, body),
  /** A leader approves a longer decision period (行政处罚法 art. 60, 行政许可法 art. 42). */
  approveExtension: (id: string, body: ExtensionBody) => postCase(`/api/cases/${seg(id)}/extension`, body),
  caseRecords: (id: string, cursor?: Cursor | null, limit = 200) =>
    get<Page<RecordView>>(`/api/cases/${seg(id)}/records`, { limit, cursor }),
  caseLedger: (id: string) => get<CaseLedgerEntry[]>(`/api/cases/${seg(id)}/ledger`),

  recordStep: (caseId: string, body: StepBody) => post<Step>(`/api/cases/${seg(caseId)}/steps`, body),
  completeStep: (stepId: string, avMissingReason?: string) =>
    post<Step>(`/api/steps/${seg(stepId)}/complete`, avMissingReason ? { avMissingReason } : {}),
  /** Turns a finished tus upload into a record of the step (see uploads.ts). */
  createStepRecord: (
    stepId: string,
    body: StepRecordMeta & { uploadId: string; fileName?: string; sha256?: string },
  ) => post<RecordView>(`/api/steps/${seg(stepId)}/records`, body),

  recorders: () => get<Recorder[]>('/api/recorders'),
  registerRecorder: (body: { number: string; model: string }) => post<Recorder>('/api/recorders', body),
  checkOut: (id: string, officerId: string) =>
    post<Recorder>(`/api/recorders/${seg(id)}/check-out`, { officerId }),
  returnRecorder: (id: string) => post<Recorder>(`/api/recorders/${seg(id)}/return`),
  setRecorderStatus: (id: string, status: RecorderStatusBody['status']) =>
    post<Recorder>(`/api/recorders/${seg(id)}/status`, { status }),
  loans: (id: string) => get<RecorderLoan[]>(`/api/recorders/${seg(id)}/loans`),

  flags: (state: 'open' | 'handled', kind: FlagKind | null, cursor: Cursor | null, limit = 50) =>
    get<Page<Flag>>('/api/flags', { state, kind, cursor, limit }),
  handleFlag: (id: string, body: FlagHandleBody) => post<Flag>(`/api/flags/${seg(id)}/handle`, body),
  alerts: (cursor: Cursor | null, limit = 50) => get<Page<Alert>>('/api/alerts', { cursor, limit }),
};
