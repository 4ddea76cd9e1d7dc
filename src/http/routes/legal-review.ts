import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../domain/errors';
import * as repo from '../../repositories/legal-review-repository';
import { loadCalendar } from '../../services/calendar-service';
import * as cases from '../../services/case-service';
import * as lr from '../../services/legal-review-service';
import { legalReviewSettings, saveLegalReviewSettings } from '../../services/legal-review-settings';
import { reviewSummaries, reviewView } from '../../services/legal-review-view';
import { actorOf, viewerOf } from '../auth';
import { errors, IdParams } from '../schemas';
import { fullView } from './cases';
import { CaseViewSchema } from './cases.schema';
import { leaderInbox } from '../../services/legal-review-inbox';
import {
  AdoptionBodySchema,
  AssignBodySchema,
  ComplexBodySchema,
  ExtensionBodySchema,
  ExtensionDecisionBodySchema,
  FinalDecisionBodySchema,
  LegalQualificationBodySchema,
  LegalQualificationSchema,
  LegalReviewInboxQuerySchema,
  LegalReviewInboxSchema,
  LegalReviewPageSchema,
  LegalReviewQuerySchema,
  LegalReviewSchema,
  LegalReviewSettingsSchema,
  ManualCategoryBodySchema,
  MeetingBodySchema,
  ObjectionBodySchema,
  OpinionBodySchema,
  ReplyBodySchema,
  SubmitReviewBodySchema,
} from './legal-review.schema';
import { shanghaiDate } from '../../domain/dates';
import type { ReviewDocumentDeps } from '../../services/review-document-service';

/**
 * Legal review of major decisions (issue 13): classification by a person, submission, the review
 * and its opinion, re-review and escalation, the case-review meeting, settings and qualification.
 * Acts on a case answer with the case view; acts on a review answer with the review.
 */
export const legalReviewRoutes =
  (deps: cases.CaseDeps & ReviewDocumentDeps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['法制审核'];
    const view = (req: Parameters<typeof viewerOf>[0], id: string) =>
      fullView(deps, cases.getCase(deps, id, viewerOf(req)));
    const review = async (req: Parameters<typeof viewerOf>[0], id: string) => {
      const r = await repo.getReview(deps.db, id);
      if (!r) throw notFound('LEGAL_REVIEW_NOT_FOUND', '审核事项不存在');
      const { calendar } = await loadCalendar(deps);
      return reviewView(deps.db, r, viewerOf(req), calendar, deps.clock.now());
    };
    const onCase = (action: 'case.read' | 'case.act') => ({ action, of: 'case' as const });
    const onReview = (action: 'case.read' | 'case.act') => ({ action, of: 'legalReview' as const });

    app.post(
      '/api/cases/:id/legal-review/categories',
      {
        config: { access: 'legalReview.classify', caseAccess: onCase('case.read') },
        schema: {
          tags,
          summary: '将案件列为重大执法决定（第六类社会影响重大、第七类指定），须说明理由，留痕',
          params: IdParams,
          body: ManualCategoryBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await lr.addManualCategory(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.post(
      '/api/cases/:id/legal-review/complex',
      {
        config: { access: 'legalReview.decide', caseAccess: onCase('case.read') },
        schema: {
          tags,
          summary: '负责人标记案情复杂（行政处罚法第五十八条）：作出决定前须经法制审核，留痕',
          params: IdParams,
          body: ComplexBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await lr.markComplex(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.post(
      '/api/cases/:id/legal-reviews',
      {
        config: { access: 'case.act', caseAccess: onCase('case.act') },
        schema: {
          tags,
          summary: '承办人员提请法制审核（选择送审材料，填写说明），留痕',
          params: IdParams,
          body: SubmitReviewBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await lr.submitReview(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.post(
      '/api/cases/:id/review-meetings',
      {
        config: { access: 'legalReview.decide', caseAccess: onCase('case.read') },
        schema: {
          tags,
          summary: '记录案审会集体讨论（日期、出席负责人及各自意见、讨论情况、结论），留痕',
          params: IdParams,
          body: MeetingBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await lr.recordMeeting(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.get(
      '/api/legal-reviews',
      {
        config: { access: 'legalReview.read' },
        schema: {
          tags,
          summary: '待审核：法制审核部门的审核事项，含期限和是否逾期',
          querystring: LegalReviewQuerySchema,
          response: { 200: LegalReviewPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const v = viewerOf(req);
        const settings = await legalReviewSettings(deps.db);
        const unitId = req.query.unitId ?? settings.reviewUnitId;
        if (!unitId) return { items: [], nextCursor: null };
        // A reviewer sees their own unit's queue; a leader any unit's.
        if (!v.roles.includes('leader') && v.unitId !== unitId) return { items: [], nextCursor: null };
        const limit = req.query.limit ?? 50;
        const today = shanghaiDate(deps.clock.now());
        const rows = await repo.unitReviews(deps.db, {
          unitId,
          open: (req.query.view ?? 'open') !== 'all',
          ...(req.query.view === 'mine' && { reviewerUserId: v.userId }),
          ...(req.query.view === 'overdue' && { overdueOn: today }),
          ...(req.query.stage && { stage: req.query.stage }),
          ...(req.query.cursor && { cursor: req.query.cursor }),
          limit,
        });
        const { calendar } = await loadCalendar(deps);
        const items = await reviewSummaries(deps.db, rows, today, calendar);
        return { items, nextCursor: rows.length === limit ? rows.at(-1)!.id : null };
      },
    );
    app.get(
      '/api/legal-review/inbox',
      {
        config: { access: 'legalReview.decide' },
        schema: {
          tags,
          summary: '负责人待办：报请最终决定的异议、延长审核期限申请、待召开的案审会、逾期的审核事项',
          querystring: LegalReviewInboxQuerySchema,
          response: { 200: LegalReviewInboxSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => leaderInbox(deps, req.query.limit ?? 50),
    );
    app.get(
      '/api/legal-reviews/:id',
      {
        config: { access: 'case.read', caseAccess: onReview('case.read') },
        schema: {
          tags,
          summary: '审核事项：送审材料、审核事项清单、意见、异议及可办理的操作',
          params: IdParams,
          response: { 200: LegalReviewSchema, ...errors(401, 403, 404) },
        },
      },
      async (req) => review(req, req.params.id),
    );
    const act = <B>(
      path: string,
      access: 'legalReview.review' | 'legalReview.decide' | 'case.act',
      summary: string,
      body: B,
      run: (
        req: Parameters<typeof viewerOf>[0] & { params: { id: string }; body: never },
      ) => Promise<unknown>,
    ) =>
      app.post(
        `/api/legal-reviews/:id/${path}`,
        {
          config: { access, caseAccess: onReview(access === 'case.act' ? 'case.act' : 'case.read') },
          schema: {
            tags,
            summary,
            params: IdParams,
            body: body as never,
            response: { 200: LegalReviewSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (req) => {
          await run(req as never);
          return review(req, req.params.id);
        },
      );
    act(
      'assignment',
      'legalReview.review',
      '分配审核人员（回避；初次审核须具有法律职业资格），留痕',
      AssignBodySchema,
      (req) => lr.assignReview(deps, actorOf(req), req.params.id, req.body),
    );
    act(
      'opinion',
      'legalReview.review',
      '出具法制审核意见（逐项审核，非同意须说明理由），留痕',
      OpinionBodySchema,
      (req) => lr.issueOpinion(deps, actorOf(req), req.params.id, req.body),
    );
    act(
      'extension',
      'legalReview.review',
      '审核人员申请延长审核期限（只能延长一次，须在期限届满前申请），留痕',
      ExtensionBodySchema,
      (req) => lr.requestExtension(deps, actorOf(req), req.params.id, req.body),
    );
    act(
      'extension/decision',
      'legalReview.decide',
      '负责人审批延长审核期限（不批准须说明理由），留痕',
      ExtensionDecisionBodySchema,
      (req) => lr.decideExtension(deps, actorOf(req), req.params.id, req.body),
    );
    act('adoption', 'case.act', '承办部门采纳法制审核意见，留痕', AdoptionBodySchema, (req) =>
      lr.adoptOpinion(deps, actorOf(req), req.params.id),
    );
    act(
      'objection',
      'case.act',
      '承办部门书面提出异议（收到意见后2个工作日内），留痕',
      ObjectionBodySchema,
      (req) => lr.objectToOpinion(deps, actorOf(req), req.params.id, req.body),
    );
    act(
      'reply',
      'legalReview.review',
      '法制审核部门书面答复异议（3个工作日内），留痕',
      ReplyBodySchema,
      (req) => lr.replyToObjection(deps, actorOf(req), req.params.id, req.body),
    );
    act(
      'final-decision',
      'legalReview.decide',
      '负责人对仍有异议的事项作出最终决定，留痕',
      FinalDecisionBodySchema,
      (req) => lr.decideFinally(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/api/settings/legal-review',
      {
        config: { access: 'settings.read' },
        schema: {
          tags: ['设置'],
          summary: '法制审核设置：审核部门、审核期限、延长天数、案审会法定人数',
          response: { 200: LegalReviewSettingsSchema, ...errors(401, 403, 409) },
        },
      },
      async () => {
        const s = await legalReviewSettings(deps.db);
        if (!s.reviewUnitId) throw notFound('REVIEW_UNIT_MISSING', '尚未设置法制审核部门');
        return { ...s, reviewUnitId: s.reviewUnitId };
      },
    );
    app.put(
      '/api/settings/legal-review',
      {
        config: { access: 'settings.write' },
        schema: {
          tags: ['设置'],
          summary: '修改法制审核设置（留痕）',
          body: LegalReviewSettingsSchema,
          response: { 200: LegalReviewSettingsSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const s = await saveLegalReviewSettings(deps, actorOf(req), req.body);
        return { ...s, reviewUnitId: s.reviewUnitId! };
      },
    );
    app.put(
      '/api/users/:id/legal-qualification',
      {
        config: { access: 'user.write' },
        schema: {
          tags: ['用户'],
          summary: '登记用户是否具有法律职业资格（初次从事法制审核须具有），留痕',
          params: IdParams,
          body: LegalQualificationBodySchema,
          response: { 200: LegalQualificationSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        await lr.setQualification(deps, actorOf(req), req.params.id, req.body);
        const q = await repo.getQualification(deps.db, req.params.id);
        return {
          userId: req.params.id,
          qualified: q?.qualified === 1,
          certificateNumber: q?.certificate_number ?? null,
          reviewsDone: await repo.opinionsBy(deps.db, req.params.id),
        };
      },
    );
  };
