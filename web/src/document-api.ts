import { buildUrl, request } from './api';
import type { DocumentKind } from '../../src/domain/documents';
import type {
  DocumentView,
  GenerateDocumentBody,
  ReissueBody,
  Template,
  TemplateInput,
  TemplateList,
  TemplateWithVersions,
} from '../../src/http/routes/documents.schema';
import type { RecordView } from '../../src/http/routes/records.schema';

const seg = encodeURIComponent;
type Query = Record<string, string | number | null | undefined>;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });

/** The document API: templates (文书模板) and the documents of a case (执法文书). */
export const documentApi = {
  templates: () => get<TemplateList>('/api/document-templates'),
  template: (kind: DocumentKind, version?: number) =>
    get<TemplateWithVersions>(`/api/document-templates/${seg(kind)}`, version ? { version } : undefined),
  /** Saves a new version of the kind's template; a dropped notice owed to the party is refused. */
  saveTemplate: (kind: DocumentKind, body: TemplateInput) =>
    request<Template>('PUT', `/api/document-templates/${seg(kind)}`, { body }),
  /** A .docx of the template filled with sample data. */
  templatePreviewUrl: (kind: DocumentKind, version?: number) =>
    buildUrl(`/api/document-templates/${seg(kind)}/preview`, { version }),

  caseDocuments: (caseId: string) => get<DocumentView[]>(`/api/cases/${seg(caseId)}/documents`),
  document: (id: string) => get<DocumentView>(`/api/documents/${seg(id)}`),
  generate: (caseId: string, body: GenerateDocumentBody) =>
    post<DocumentView>(`/api/cases/${seg(caseId)}/documents`, body),
  /** Issues a draft: its 文号 (numbered kinds), the .docx stored as a record of the case. */
  finalise: (id: string) => post<DocumentView>(`/api/documents/${seg(id)}/finalise`),
  reissue: (id: string, body: ReissueBody) => post<DocumentView>(`/api/documents/${seg(id)}/reissue`, body),
  /** Attaches the scan of the copy the party signed (a finished tus upload). */
  attachSignedScan: (id: string, uploadId: string) =>
    post<RecordView>(`/api/documents/${seg(id)}/signed-scan`, { uploadId }),
  /**
   * The .docx: a draft is rendered on the fly; an issued one is its record, read through the logged
   * retrieval path, so it needs a purpose (调阅事由).
   */
  docxUrl: (id: string, purpose?: string) => buildUrl(`/api/documents/${seg(id)}/docx`, { purpose }),
};
