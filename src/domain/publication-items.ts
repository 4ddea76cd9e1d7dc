/**
 * The vocabulary of publication items (事后公示, issue 14): their states, the workbench's lists,
 * how a published decision came to need withdrawal, and the deadline stages that alert.
 * Names follow GLOSSARY.md; labels are what people read.
 */

/**
 * pending 待公示 → published 已公示 → (changed/revoked/unlawful) withdrawalDue 待撤回 → withdrawn 已撤回;
 * published → expired 已到期 at the end of the display period. 逾期 is not a state: a pending item
 * past its due date (or a withdrawalDue one past its withdrawal due date).
 */
export const PUBLICATION_STATES = ['pending', 'published', 'withdrawalDue', 'withdrawn', 'expired'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];
export const PUBLICATION_STATE_LABELS: Record<PublicationState, string> = {
  pending: '待公示',
  published: '已公示',
  withdrawalDue: '待撤回',
  withdrawn: '已撤回',
  expired: '已到期',
};

/** The workbench's lists (公示管理): the states, plus 逾期 (pending past due). */
export const PUBLICATION_VIEWS = [
  'pending',
  'overdue',
  'published',
  'withdrawalDue',
  'withdrawn',
  'expired',
] as const;
export type PublicationView = (typeof PUBLICATION_VIEWS)[number];
export const PUBLICATION_VIEW_LABELS: Record<PublicationView, string> = {
  pending: '待公示',
  overdue: '逾期',
  published: '已公示',
  withdrawalDue: '待撤回',
  withdrawn: '已撤回',
  expired: '已到期',
};

/** Why a published decision must be withdrawn (PUB-12, 行政处罚法 art. 48). */
export const DECISION_CHANGE_KINDS = ['changed', 'revoked', 'unlawful'] as const;
export type DecisionChangeKind = (typeof DECISION_CHANGE_KINDS)[number];
export const DECISION_CHANGE_LABELS: Record<DecisionChangeKind, string> = {
  changed: '决定被变更',
  revoked: '决定被撤销',
  unlawful: '决定被确认违法',
};

/** The deadlines an item has, and the stages at which they alert. */
export const PUBLICATION_DEADLINES = ['publication', 'withdrawal'] as const;
export type PublicationDeadline = (typeof PUBLICATION_DEADLINES)[number];
export const PUBLICATION_DEADLINE_LABELS: Record<PublicationDeadline, string> = {
  publication: '公示期限',
  withdrawal: '撤回期限',
};
export const PUBLICATION_ALERT_STAGES = ['before', 'due', 'overdue'] as const;
export type PublicationAlertStage = (typeof PUBLICATION_ALERT_STAGES)[number];
export const PUBLICATION_ALERT_STAGE_LABELS: Record<PublicationAlertStage, string> = {
  before: '即将到期',
  due: '今日到期',
  overdue: '已逾期',
};

/** What an item is in the workbench's lists on a given day. */
export function publicationView(state: PublicationState, due: string, today: string): PublicationView {
  return state === 'pending' && due < today ? 'overdue' : state;
}

/** The item fields whose text is published, in the order the review shows them. */
export const PUBLISHED_TEXT_FIELDS = [
  'partyName',
  'legalRepresentative',
  'facts',
  'basis',
  'resultContent',
] as const;
export type PublishedTextField = (typeof PUBLISHED_TEXT_FIELDS)[number];
export const PUBLISHED_TEXT_LABELS: Record<PublishedTextField, string> = {
  partyName: '行政相对人名称',
  legalRepresentative: '法定代表人',
  facts: '违法事实（事由）',
  basis: '依据',
  resultContent: '决定内容',
};
