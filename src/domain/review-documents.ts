/**
 * What legal review's written documents say (REV-05…REV-07): the 法制审核意见书 (case, stage, round,
 * reviewer, participants, each checklist item with its answer and note, the opinion kind and
 * reasons, the date), the unit's 复审申请书, the review unit's 复审意见书, the leader's 异议决定书,
 * and the 案审会's 集体讨论记录 (date, attendees, each attendee's view, discussion, conclusion). Pure:
 * the service passes names and dates; the values fill the templates' `review.*`, `reReview.*` and
 * `meeting.*` placeholders.
 */
import { chineseDate } from './shanghai-time';
import type { IsoDate } from './dates';
import type { ReviewValues } from './documents';
import {
  CHECK_ANSWER_LABELS,
  CHECK_ITEM_LABELS,
  FINAL_SIDE_LABELS,
  OPINION_KIND_LABELS,
  REVIEW_STAGE_LABELS,
  type CheckAnswer,
  type CheckItem,
  type FinalSide,
  type OpinionKind,
  type ReplyDecision,
  type ReviewStage,
} from './legal-review';

export interface ReviewParticipants {
  partyHeard?: { on: string; note: string } | undefined;
  jointInvestigation?: { on: string; note: string } | undefined;
  advisers?: ReadonlyArray<{ name: string; role: string; opinion: string }> | undefined;
}

export interface OpinionFacts {
  stage: ReviewStage;
  round: number;
  submittedOn: IsoDate;
  statement: string;
  reviewer: string;
  participants: ReviewParticipants;
  checklist: ReadonlyArray<{ item: CheckItem; answer: CheckAnswer; note: string }>;
  kind: OpinionKind;
  reasons: string;
  issuedOn: IsoDate;
  /** The 意见书's 文号, once issued (the 复审 documents cite it). */
  number?: string | null | undefined;
}

export interface ObjectionFacts {
  applicant: string;
  reasons: string;
  on: IsoDate;
}
export interface ReplyFacts {
  decision: ReplyDecision;
  kind: OpinionKind;
  text: string;
  reviewer: string;
  on: IsoDate;
}
export interface FinalFacts {
  side: FinalSide;
  reasons: string;
  leader: string;
  on: IsoDate;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const dateText = (s: string) => (isDate(s) ? chineseDate(s) : s);

/** 「听取当事人意见：…」「联合调查：…」「法律顾问、专家意见：…」, or that the review was written only. */
export function participantsText(p: ReviewParticipants): string {
  const lines: string[] = [];
  if (p.partyHeard) lines.push(`听取当事人意见：${dateText(p.partyHeard.on)}，${p.partyHeard.note.trim()}`);
  if (p.jointInvestigation)
    lines.push(
      `与承办部门联合调查：${dateText(p.jointInvestigation.on)}，${p.jointInvestigation.note.trim()}`,
    );
  for (const a of p.advisers ?? [])
    lines.push(`邀请${a.role.trim() || '法律顾问或专家'}${a.name.trim()}参加审核，意见：${a.opinion.trim()}`);
  return lines.length > 0
    ? lines.join('\n')
    : '本次审核为书面审核，未听取当事人意见、未联合调查、未邀请法律顾问或专家。';
}

/** One line per item: 「1. 执法主体是否合法…：符合。说明」. */
export function checklistText(items: OpinionFacts['checklist']): string {
  return items
    .map((c, i) => {
      const note = c.note.trim();
      return `${i + 1}. ${CHECK_ITEM_LABELS[c.item]}：${CHECK_ANSWER_LABELS[c.answer]}${note ? `。${note}` : ''}`;
    })
    .join('\n');
}

/** The opinion's values; with the objection, the reply and the leader's decision when given. */
export function reviewValues(
  o: OpinionFacts,
  more: { objection?: ObjectionFacts; reply?: ReplyFacts; final?: FinalFacts } = {},
): ReviewValues {
  const v: ReviewValues = {
    'review.stage': REVIEW_STAGE_LABELS[o.stage],
    'review.round': `第${o.round}次`,
    'review.submittedOn': chineseDate(o.submittedOn),
    'review.statement': o.statement,
    'review.reviewer': o.reviewer,
    'review.participants': participantsText(o.participants),
    'review.checklist': checklistText(o.checklist),
    'review.opinion': OPINION_KIND_LABELS[o.kind],
    'review.reasons': o.reasons.trim() || '经审核，同意承办部门的处理意见。',
    'review.date': chineseDate(o.issuedOn),
    ...(o.number && { 'review.number': o.number }),
  };
  if (more.objection) {
    v['reReview.applicant'] = more.objection.applicant;
    v['reReview.reasons'] = more.objection.reasons;
    v['reReview.date'] = chineseDate(more.objection.on);
  }
  if (more.reply) {
    v['reReview.reply'] =
      more.reply.decision === 'maintain'
        ? `维持原审核意见（${OPINION_KIND_LABELS[more.reply.kind]}）`
        : `变更审核意见为“${OPINION_KIND_LABELS[more.reply.kind]}”`;
    v['reReview.replyText'] = more.reply.text;
    v['reReview.replyDate'] = chineseDate(more.reply.on);
  }
  if (more.final) {
    v['reReview.final'] = FINAL_SIDE_LABELS[more.final.side];
    v['reReview.finalReasons'] = more.final.reasons;
    v['reReview.leader'] = more.final.leader;
    v['reReview.finalDate'] = chineseDate(more.final.on);
  }
  return v;
}

export interface MeetingFacts {
  heldOn: IsoDate;
  attendees: ReadonlyArray<{ name: string; view: string }>;
  discussion: string;
  conclusion: string;
  recorder: string;
}

/** The 集体讨论记录's values: each attendee's view on a line of its own. */
export function meetingValues(m: MeetingFacts): ReviewValues {
  return {
    'meeting.date': chineseDate(m.heldOn),
    'meeting.attendees': m.attendees.map((a) => a.name).join('、'),
    'meeting.views': m.attendees.map((a) => `${a.name}：${a.view.trim()}`).join('\n'),
    'meeting.discussion': m.discussion.trim(),
    'meeting.conclusion': m.conclusion.trim(),
    'meeting.recorder': m.recorder,
  };
}
