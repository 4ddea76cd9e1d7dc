import { request } from './api';
import type {
  FinalDecisionBody,
  LegalReview,
  LegalReviewInbox,
  LegalReviewPage,
  MeetingBody,
  ObjectionBody,
  OpinionBody,
  ReplyBody,
  SubmitReviewBody,
} from '../../src/http/routes/legal-review.schema';
import type { CaseView } from '../../src/http/routes/cases.schema';
import type { ReviewStage } from '../../src/domain/legal-review';
import type { ManualCategory } from '../../src/domain/major-decision';
import type { Cursor } from './types';

const seg = encodeURIComponent;
type Query = Record<string, string | number | null | undefined>;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });

/** Development builds check each review the server answers against its schema (`api-check.ts`). */
const reviewSchema = () =>
  import('../../src/http/routes/legal-review.schema').then((m) => m.LegalReviewSchema);
const postReview = (path: string, body?: unknown) =>
  request<LegalReview>('POST', path, { body: body ?? {}, schema: reviewSchema });

export interface QueueFilter {
  view: 'open' | 'mine' | 'all';
  stage?: ReviewStage | null;
  unitId?: string | null;
}

/**
 * What waits for an office leader (领导待办), as the server lists it: escalated objections, extension
 * requests, case-review meetings to hold and overdue reviews.
 */
const leaderInbox = () => get<LegalReviewInbox>('/api/legal-review/inbox', { limit: 100 });

/** 法制审核 (issue 13): the queue, a review and its acts, and the acts on a case. */
export const legalReviewApi = {
  queue: (f: QueueFilter, cursor: Cursor | null, limit = 50) =>
    get<LegalReviewPage>('/api/legal-reviews', {
      view: f.view,
      stage: f.stage ?? null,
      unitId: f.unitId ?? null,
      cursor,
      limit,
    }),
  review: (id: string) =>
    request<LegalReview>('GET', `/api/legal-reviews/${seg(id)}`, { schema: reviewSchema }),
  /** To a reviewer of the review unit; without one, to oneself. */
  assign: (id: string, reviewerUserId?: string) =>
    postReview(`/api/legal-reviews/${seg(id)}/assignment`, reviewerUserId ? { reviewerUserId } : {}),
  opinion: (id: string, body: OpinionBody) => postReview(`/api/legal-reviews/${seg(id)}/opinion`, body),
  adopt: (id: string) => postReview(`/api/legal-reviews/${seg(id)}/adoption`),
  object: (id: string, body: ObjectionBody) => postReview(`/api/legal-reviews/${seg(id)}/objection`, body),
  reply: (id: string, body: ReplyBody) => postReview(`/api/legal-reviews/${seg(id)}/reply`, body),
  decideFinally: (id: string, body: FinalDecisionBody) =>
    postReview(`/api/legal-reviews/${seg(id)}/final-decision`, body),

  /** Category 6 or 7 (the schema's union of literals types as `never`: the domain's type is used). */
  addCategory: (caseId: string, body: { category: ManualCategory; reason: string }) =>
    post<CaseView>(`/api/cases/${seg(caseId)}/legal-review/categories`, body),
  markComplex: (caseId: string, reason: string) =>
    post<CaseView>(`/api/cases/${seg(caseId)}/legal-review/complex`, { reason }),
  submit: (caseId: string, body: SubmitReviewBody) =>
    post<CaseView>(`/api/cases/${seg(caseId)}/legal-reviews`, body),
  recordMeeting: (caseId: string, body: MeetingBody) =>
    post<CaseView>(`/api/cases/${seg(caseId)}/review-meetings`, body),

  leaderInbox,
  requestExtension: (id: string, reason: string) =>
    postReview(`/api/legal-reviews/${seg(id)}/extension`, { reason }),
  decideExtension: (id: string, body: { approve: boolean; opinion: string }) =>
    postReview(`/api/legal-reviews/${seg(id)}/extension/decision`, body),
};
