import type {
  CaseLegalReview,
  LegalReviewSummary,
  MeetingBody,
  OpinionBody,
} from '../../src/http/routes/legal-review.schema';
import type { CheckAnswer, CheckItem, OpinionKind, StageState } from '../../src/domain/legal-review';
import type { TagColor } from './format';

/**
 * Pure helpers of 法制审核 (issue 13): the words and colours of due dates and stage states, and the
 * request bodies the forms send. What may be done is the server's (`acts`); nothing here decides it.
 */

/**
 * 剩 3 个工作日 / 今日到期 / 逾期 2 个工作日 from the server's count of working days to the deadline
 * running now (the review period, the unit's objection window or the reply); null once nothing is
 * owed. The deadline's name is the server's (`currentDeadline.label`) when another one than the
 * review period runs.
 */
export function dueText(r: Pick<LegalReviewSummary, 'currentDeadline' | 'passed'>): string | null {
  const d = r.currentDeadline;
  if (d === null || r.passed) return null;
  const prefix = d.kind === 'review' ? '' : `${d.label}：`;
  if (d.daysLeft > 0) return `${prefix}剩 ${d.daysLeft} 个工作日`;
  if (d.daysLeft === 0) return `${prefix}今日到期`;
  return `${prefix}逾期 ${-d.daysLeft} 个工作日`;
}

/** Red once the server says overdue, orange for the last day or two, blue otherwise. */
export function dueColor(r: Pick<LegalReviewSummary, 'currentDeadline' | 'overdue'>): TagColor {
  if (r.overdue || r.currentDeadline?.overdue) return 'red';
  return (r.currentDeadline?.daysLeft ?? 0) <= 1 ? 'orange' : 'blue';
}

export const STAGE_STATE_COLORS: Record<StageState, TagColor> = {
  notRequired: 'default',
  required: 'orange',
  inReview: 'blue',
  returned: 'red',
  disputed: 'orange',
  passed: 'green',
};

/** 第一类：…（理由）: a category as the case page lists it. */
export function categoryTitle(c: { category: number; label: string }): string {
  const n = ['', '一', '二', '三', '四', '五', '六', '七'][c.category] ?? String(c.category);
  return `第${n}类：${c.label}`;
}

/** The opinion form's values (each item's answer may still be empty). */
export interface OpinionForm {
  kind?: OpinionKind;
  reasons?: string;
  checklist: Array<{ item: CheckItem; answer?: CheckAnswer; note?: string }>;
  partyHeardOn?: string | null;
  partyHeardNote?: string;
  jointOn?: string | null;
  jointNote?: string;
  advisers?: Array<{ name?: string; role?: string; opinion?: string }>;
}

/** The form's starting values: every item of the review listed, none answered. */
export function opinionDraft(items: ReadonlyArray<{ item: CheckItem }>): OpinionForm {
  return { checklist: items.map((i) => ({ item: i.item, note: '' })), reasons: '', advisers: [] };
}

/**
 * The body the form sends. Unanswered items are left out, so the server's CHECKLIST_INCOMPLETE
 * names the first one by its place in the review's list (the form's too); participants only when
 * given.
 */
export function opinionBody(v: OpinionForm, items: ReadonlyArray<{ item: CheckItem }>): OpinionBody {
  // The items come from the review (a form keeps only the fields it draws: answer and note).
  const checklist = items.flatMap(({ item }, i) => {
    const c = v.checklist[i];
    return c?.answer ? [{ item, answer: c.answer, note: (c.note ?? '').trim() }] : [];
  });
  const advisers = (v.advisers ?? [])
    .map((a) => ({
      name: (a.name ?? '').trim(),
      role: (a.role ?? '').trim(),
      opinion: (a.opinion ?? '').trim(),
    }))
    .filter((a) => a.name);
  return {
    kind: v.kind!,
    reasons: (v.reasons ?? '').trim(),
    checklist,
    participants: {
      ...(v.partyHeardOn && { partyHeard: { on: v.partyHeardOn, note: (v.partyHeardNote ?? '').trim() } }),
      ...(v.jointOn && { jointInvestigation: { on: v.jointOn, note: (v.jointNote ?? '').trim() } }),
      ...(advisers.length > 0 && { advisers }),
    },
  };
}

/**
 * The server names a checklist problem by its index (`checklist.3`, `checklist.3.note`, or a
 * schema's `checklist[3].answer`): the form field it belongs to, or null for another field.
 */
export function checklistFieldPath(field: string): Array<string | number> | null {
  const m = /^checklist(?:\.(\d+)|\[(\d+)\])(?:\.(note|answer|item))?$/.exec(field);
  if (!m) return null;
  const key = m[3] === 'note' ? 'note' : 'answer';
  return ['checklist', Number(m[1] ?? m[2]), key];
}

/** The meeting form's values. */
export interface MeetingForm {
  heldOn: string;
  attendees: Array<{ userId?: string; view?: string }>;
  discussion: string;
  conclusion: string;
}

export function meetingBody(v: MeetingForm): MeetingBody {
  return {
    heldOn: v.heldOn,
    attendees: v.attendees
      .filter((a) => a.userId)
      .map((a) => ({ userId: a.userId!, view: (a.view ?? '').trim() })),
    discussion: v.discussion.trim(),
    conclusion: v.conclusion.trim(),
  };
}

/** A material chosen in the submit form: `record:<id>` or `document:<id>`, split for the body. */
export function splitMaterials(keys: readonly string[]): { recordIds: string[]; documentIds: string[] } {
  const pick = (kind: string) =>
    keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
  return { recordIds: pick('record'), documentIds: pick('document') };
}

/** The case's stage rows with the newest review of each (for the 法制审核 tab). */
export function stageRows(lr: CaseLegalReview) {
  return lr.stages.map((s) => ({
    ...s,
    review: s.reviewId ? (lr.reviews.find((r) => r.id === s.reviewId) ?? null) : null,
    submittable: lr.submittable.includes(s.stage),
  }));
}
