import { buildUrl, request } from './api';
import type {
  ConfirmMaskingBody,
  ImportResult,
  PublicationDetail,
  PublicationPage,
  RecordChangeBody,
  WithdrawBody,
} from '../../src/http/routes/publications.schema';
import { PUBLICATION_VIEWS, type PublicationView } from '../../src/domain/publication-items';
import type { DeliveryList } from '../../src/http/routes/outbox.schema';
import type { Cursor } from './types';

const seg = encodeURIComponent;
type Query = Record<string, string | number | null | undefined>;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });

/** 公示管理: publication items, the masking review, publishing, withdrawal and import (issue 14). */
export const publicationApi = {
  list: (view: PublicationView, cursor: Cursor | null, limit = 30) =>
    get<PublicationPage>('/api/publications', { view, cursor, limit }),
  /**
   * How many items each list holds, read from the first page of each (up to `limit`; `more` when
   * there are further pages), as the header's bell counts alerts.
   */
  counts: async (limit = 100): Promise<Record<PublicationView, { count: number; more: boolean }>> => {
    const pages = await Promise.all(
      PUBLICATION_VIEWS.map((v) => get<PublicationPage>('/api/publications', { view: v, limit })),
    );
    return Object.fromEntries(
      PUBLICATION_VIEWS.map((v, i) => [
        v,
        { count: pages[i]!.items.length, more: pages[i]!.nextCursor !== null },
      ]),
    ) as Record<PublicationView, { count: number; more: boolean }>;
  },
  item: (id: string) => get<PublicationDetail>(`/api/publications/${seg(id)}`),
  confirm: (id: string, body: ConfirmMaskingBody) =>
    post<PublicationDetail>(`/api/publications/${seg(id)}/masking`, body),
  publish: (id: string) => post<PublicationDetail>(`/api/publications/${seg(id)}/publish`),
  recordChange: (id: string, body: RecordChangeBody) =>
    post<PublicationDetail>(`/api/publications/${seg(id)}/change`, body),
  withdraw: (id: string, body: WithdrawBody) =>
    post<PublicationDetail>(`/api/publications/${seg(id)}/withdraw`, body),
  /** An .xlsx or .csv of decisions: every row or none (422 with `details.rows` otherwise). */
  importFile: (file: File) =>
    request<ImportResult>('POST', '/api/publications/import', {
      raw: file,
      query: { format: file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx' },
    }),
  /** Delivery status per receiving platform (the outbox, PUB-03). */
  deliveries: (itemId: string) => get<DeliveryList>('/api/outbox', { itemId }),
  templateUrl: (format: 'xlsx' | 'csv') => buildUrl('/api/publications/import/template', { format }),
};
