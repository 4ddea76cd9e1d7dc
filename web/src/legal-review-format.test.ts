import { describe, expect, it } from 'vitest';
import {
  categoryTitle,
  checklistFieldPath,
  dueColor,
  dueText,
  meetingBody,
  opinionBody,
  opinionDraft,
  splitMaterials,
  stageRows,
} from './legal-review-format';
import type { CaseLegalReview, LegalReviewSummary } from '../../src/http/routes/legal-review.schema';

const running = (kind: 'review' | 'objection' | 'reply', daysLeft: number, overdue = daysLeft < 0) => ({
  kind,
  label: { review: '审核期限', objection: '异议期限', reply: '复审答复期限' }[kind],
  due: '2026-12-10',
  workingDays: 5,
  confirmed: true,
  daysLeft,
  overdue,
});

describe('legal review formatting', () => {
  it('REV-02 REV-07 the queue says the working days left of the running deadline, today, or how late; nothing once owed nothing', () => {
    expect(dueText({ passed: false, currentDeadline: running('review', 3) })).toBe('剩 3 个工作日');
    expect(dueText({ passed: false, currentDeadline: running('review', 0) })).toBe('今日到期');
    expect(dueText({ passed: false, currentDeadline: running('review', -2) })).toBe('逾期 2 个工作日');
    expect(dueText({ passed: false, currentDeadline: running('objection', 1) })).toBe(
      '异议期限：剩 1 个工作日',
    );
    expect(dueText({ passed: true, currentDeadline: null })).toBeNull();
    expect(dueText({ passed: false, currentDeadline: null })).toBeNull();
  });

  it('REV-02 overdue is red (as the server says), the last day orange', () => {
    expect(dueColor({ overdue: true, currentDeadline: running('review', -1) })).toBe('red');
    expect(dueColor({ overdue: false, currentDeadline: running('review', 1) })).toBe('orange');
    expect(dueColor({ overdue: false, currentDeadline: running('review', 4) })).toBe('blue');
  });

  it('REV-01 a category is named with its Chinese number', () => {
    expect(categoryTitle({ category: 7, label: '有关部门指定' })).toBe('第七类：有关部门指定');
  });

  it('REV-03 REV-09 the opinion body: answered items, trimmed reasons, participants only when given', () => {
    const draft = opinionDraft([{ item: 'jurisdiction' }, { item: 'legalBasis' }]);
    expect(draft.checklist).toEqual([
      { item: 'jurisdiction', note: '' },
      { item: 'legalBasis', note: '' },
    ]);
    const body = opinionBody(
      {
        ...draft,
        kind: 'investigateFurther',
        reasons: '  证据不足 ',
        checklist: [
          { item: 'jurisdiction', answer: 'conform', note: ' ' },
          { item: 'legalBasis', note: '' },
        ],
        partyHeardOn: '2026-11-20',
        partyHeardNote: '当事人称已整改',
        advisers: [{ name: ' 顾问 ', role: '法律顾问', opinion: '' }, { name: '' }],
      },
      [{ item: 'jurisdiction' }, { item: 'legalBasis' }],
    );
    expect(body).toEqual({
      kind: 'investigateFurther',
      reasons: '证据不足',
      checklist: [{ item: 'jurisdiction', answer: 'conform', note: '' }],
      participants: {
        partyHeard: { on: '2026-11-20', note: '当事人称已整改' },
        advisers: [{ name: '顾问', role: '法律顾问', opinion: '' }],
      },
    });
    expect(opinionBody({ kind: 'agree', checklist: [] }, []).participants).toEqual({});
    // The form keeps no item names: they come from the review, by place.
    expect(
      opinionBody({ kind: 'agree', checklist: [{ answer: 'conform' } as never] }, [{ item: 'procedure' }])
        .checklist,
    ).toEqual([{ item: 'procedure', answer: 'conform', note: '' }]);
  });

  it('REV-03 a checklist error lands beside its item', () => {
    expect(checklistFieldPath('checklist.3')).toEqual(['checklist', 3, 'answer']);
    expect(checklistFieldPath('checklist.0.note')).toEqual(['checklist', 0, 'note']);
    expect(checklistFieldPath('checklist[2].item')).toEqual(['checklist', 2, 'answer']);
    expect(checklistFieldPath('reasons')).toBeNull();
  });

  it('REV-06 the meeting body keeps chosen attendees with trimmed views', () => {
    expect(
      meetingBody({
        heldOn: '2026-11-25',
        attendees: [{ userId: 'a', view: ' 同意 ' }, { view: '空' }],
        discussion: ' 讨论 ',
        conclusion: '同意处罚 ',
      }),
    ).toEqual({
      heldOn: '2026-11-25',
      attendees: [{ userId: 'a', view: '同意' }],
      discussion: '讨论',
      conclusion: '同意处罚',
    });
  });

  it('REV-02 chosen materials split into records and documents', () => {
    expect(splitMaterials(['record:r1', 'document:d1', 'record:r2'])).toEqual({
      recordIds: ['r1', 'r2'],
      documentIds: ['d1'],
    });
  });

  it('REV-04 each stage row carries its newest review and whether it may be submitted', () => {
    const review = { id: 'v1', stage: 'filing' } as LegalReviewSummary;
    const lr = {
      stages: [
        {
          stage: 'filing',
          label: '立案审核',
          actions: [],
          state: 'inReview',
          stateLabel: '审核中',
          reviewId: 'v1',
        },
        {
          stage: 'closing',
          label: '结案审批审核',
          actions: [],
          state: 'required',
          stateLabel: '待提交审核',
          reviewId: null,
        },
      ],
      reviews: [review],
      submittable: ['closing'],
    } as unknown as CaseLegalReview;
    const rows = stageRows(lr);
    expect(rows[0]!.review).toBe(review);
    expect(rows[0]!.submittable).toBe(false);
    expect(rows[1]!.review).toBeNull();
    expect(rows[1]!.submittable).toBe(true);
  });
});
