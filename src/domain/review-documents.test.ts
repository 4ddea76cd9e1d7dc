import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './document-templates';
import {
  DOCUMENT_KIND_INFO,
  DOCUMENT_KINDS,
  documentData,
  fillTemplate,
  isServed,
  renderedText,
  sampleContext,
  type DocumentKind,
} from './documents';
import { checklistFor } from './legal-review';
import {
  checklistText,
  meetingValues,
  participantsText,
  reviewValues,
  type OpinionFacts,
} from './review-documents';

const OPINION: OpinionFacts = {
  stage: 'beforeDecision',
  round: 2,
  submittedOn: '2026-11-20',
  statement: '调查终结，拟作出处罚决定',
  reviewer: '赵法审',
  participants: {},
  checklist: checklistFor('penalty').map((item) =>
    item === 'discretion'
      ? { item, answer: 'nonConform' as const, note: '罚款高于裁量基准' }
      : { item, answer: 'conform' as const, note: '' },
  ),
  kind: 'change',
  reasons: '罚款数额高于裁量基准',
  issuedOn: '2026-11-25',
  number: '青国动法审字〔2026〕第3号',
};
const REVIEW_KINDS: DocumentKind[] = [
  'legalReviewOpinion',
  'reReviewRequest',
  'reReviewOpinion',
  'reReviewDecision',
  'collectiveDiscussion',
];

describe("legal review's documents", () => {
  it('REV-05 REV-09 the opinion names the stage, round, reviewer, each checklist item with its answer and note, the opinion kind in Chinese, the reasons and the date', () => {
    const v = reviewValues(OPINION);
    expect(v).toMatchObject({
      'review.stage': '作出决定前审核',
      'review.round': '第2次',
      'review.reviewer': '赵法审',
      'review.opinion': '变更',
      'review.reasons': '罚款数额高于裁量基准',
      'review.date': '2026年11月25日',
      'review.submittedOn': '2026年11月20日',
      'review.number': '青国动法审字〔2026〕第3号',
    });
    const lines = v['review.checklist']!.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('1. 执法主体是否合法，是否超越法定权限：符合');
    expect(lines[8]).toBe('9. 是否符合行政处罚裁量基准：不符合。罚款高于裁量基准');
    expect(reviewValues({ ...OPINION, kind: 'agree', reasons: '' })['review.reasons']).toBe(
      '经审核，同意承办部门的处理意见。',
    );
  });

  it('REV-05 the participants: party heard, joint investigation, advisers; or that the review was written only', () => {
    expect(
      participantsText({
        partyHeard: { on: '2026-11-21', note: '当事人到场陈述' },
        jointInvestigation: { on: '2026-11-22', note: '到现场核实' },
        advisers: [{ name: '孙某', role: '法律顾问', opinion: '同意' }],
      }).split('\n'),
    ).toEqual([
      '听取当事人意见：2026年11月21日，当事人到场陈述',
      '与承办部门联合调查：2026年11月22日，到现场核实',
      '邀请法律顾问孙某参加审核，意见：同意',
    ]);
    expect(participantsText({})).toContain('书面审核');
    expect(checklistText([])).toBe('');
  });

  it('REV-07 the re-review papers: the objection, the reply (kept or revised) and the leader’s final decision', () => {
    const v = reviewValues(OPINION, {
      objection: { applicant: '王建国', reasons: '情节较重', on: '2026-11-26' },
      reply: {
        decision: 'revise',
        kind: 'agree',
        text: '同意承办部门意见',
        reviewer: '赵法审',
        on: '2026-11-27',
      },
      final: { side: 'review', reasons: '按裁量基准', leader: '钱局长', on: '2026-11-30' },
    });
    expect(v).toMatchObject({
      'reReview.applicant': '王建国',
      'reReview.date': '2026年11月26日',
      'reReview.reply': '变更审核意见为“同意”',
      'reReview.replyDate': '2026年11月27日',
      'reReview.final': '维持法制审核意见',
      'reReview.leader': '钱局长',
      'reReview.finalDate': '2026年11月30日',
    });
    expect(
      reviewValues(OPINION, {
        reply: { decision: 'maintain', kind: 'change', text: '维持', reviewer: '赵法审', on: '2026-11-27' },
      })['reReview.reply'],
    ).toBe('维持原审核意见（变更）');
  });

  it('REV-06 the 集体讨论记录: date, attendees, each attendee’s view on its own line, discussion, conclusion', () => {
    const v = meetingValues({
      heldOn: '2026-12-01',
      attendees: [
        { name: '钱局长', view: '同意' },
        { name: '孙副局长', view: '同意，建议回访' },
      ],
      discussion: '讨论了事实和证据',
      conclusion: '同意处罚',
      recorder: '李明',
    });
    expect(v).toEqual({
      'meeting.date': '2026年12月1日',
      'meeting.attendees': '钱局长、孙副局长',
      'meeting.views': '钱局长：同意\n孙副局长：同意，建议回访',
      'meeting.discussion': '讨论了事实和证据',
      'meeting.conclusion': '同意处罚',
      'meeting.recorder': '李明',
    });
  });

  it('REV-05 REV-07 the templates fill every value: no placeholder is left, each checklist line and view is a paragraph', () => {
    const base = sampleContext('2026-11-25', { hearingOffered: false, person: false });
    const review = {
      ...reviewValues(OPINION, {
        objection: { applicant: '王建国', reasons: '情节较重', on: '2026-11-26' },
        reply: {
          decision: 'maintain',
          kind: 'change',
          text: '维持原意见',
          reviewer: '赵法审',
          on: '2026-11-27',
        },
        final: { side: 'unit', reasons: '采纳承办部门意见', leader: '钱局长', on: '2026-11-30' },
      }),
      ...meetingValues({
        heldOn: '2026-12-01',
        attendees: [{ name: '钱局长', view: '同意' }],
        discussion: '讨论',
        conclusion: '同意',
        recorder: '李明',
      }),
    };
    for (const kind of REVIEW_KINDS) {
      const t = DEFAULT_TEMPLATES[kind];
      const text = renderedText(fillTemplate(t.title, t.body, documentData({ ...base, review })));
      expect(text, kind).not.toMatch(/\{\{/);
      expect(text, kind).toContain('上海某某置业有限公司');
    }
    const t = DEFAULT_TEMPLATES.legalReviewOpinion;
    const doc = fillTemplate(t.title, t.body, documentData({ ...base, review }));
    const paragraphs = doc.sections.flatMap((s) => s.paragraphs.map((p) => p.text));
    expect(paragraphs).toContain('9. 是否符合行政处罚裁量基准：不符合。罚款高于裁量基准');
    expect(paragraphs).toContain('审核意见：变更。');
  });

  it('REV-08 legal review’s kinds are internal: 法审 and 法复审 are numbered, none is served on the party', () => {
    expect(DOCUMENT_KINDS.filter((k) => DOCUMENT_KIND_INFO[k].review)).toEqual(REVIEW_KINDS);
    expect(DEFAULT_TEMPLATES.legalReviewOpinion.body.code).toBe('法审');
    expect(DEFAULT_TEMPLATES.reReviewOpinion.body.code).toBe('法复审');
    expect(REVIEW_KINDS.filter((k) => DOCUMENT_KIND_INFO[k].code !== null)).toEqual([
      'legalReviewOpinion',
      'reReviewOpinion',
    ]);
    expect(REVIEW_KINDS.some(isServed)).toBe(false);
    expect(isServed('penaltyDecision')).toBe(true);
  });
});
