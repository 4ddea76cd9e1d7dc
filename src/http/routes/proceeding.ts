import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as approvals from '../../services/approval-service';
import * as cases from '../../services/case-service';
import * as procedure from '../../services/procedure-service';
import * as settings from '../../services/settings-service';
import { actorOf, viewerOf } from '../auth';
import { errors, IdParams } from '../schemas';
import { fullView } from './cases';
import {
  ApprovalDecisionBodySchema,
  ApprovalRequestBodySchema,
  ApprovalSettingsSchema,
  CaseViewSchema,
  PenaltyProposalBodySchema,
  PerformanceBodySchema,
} from './cases.schema';
import type { ApprovalSettings } from '../../domain/approvals';

/**
 * The procedure between a case's transitions (issue 12): leaders' approvals, the penalty proposed
 * before the notice, the performance before 执行, and which approvals each lifecycle needs. Every
 * act answers with the case view, like the transitions.
 */
export const proceedingRoutes =
  (deps: cases.CaseDeps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['案件'];
    const view = (req: Parameters<typeof viewerOf>[0], id: string) =>
      fullView(deps, cases.getCase(deps, id, viewerOf(req)));

    app.post(
      '/api/cases/:id/approvals',
      {
        config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'case' } },
        schema: {
          tags,
          summary: '提请负责人审批（立案审批、决定审批、结案审批），留痕',
          params: IdParams,
          body: ApprovalRequestBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => {
        await approvals.requestApproval(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.post(
      '/api/approvals/:id/decision',
      {
        config: { access: 'case.approve', caseAccess: { action: 'case.approve', of: 'approval' } },
        schema: {
          tags,
          summary: '负责人审批：批准或退回，并签署审批意见（行政处罚法第五十七条），留痕',
          params: IdParams,
          body: ApprovalDecisionBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const caseId = await approvals.decideApproval(deps, actorOf(req), req.params.id, req.body);
        return view(req, caseId);
      },
    );
    app.post(
      '/api/cases/:id/penalty-proposal',
      {
        config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'case' } },
        schema: {
          tags,
          summary: '登记拟作出的行政处罚（调查终结后、制作事先告知书前），留痕',
          params: IdParams,
          body: PenaltyProposalBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await procedure.proposePenalty(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.post(
      '/api/cases/:id/performance',
      {
        config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'case' } },
        schema: {
          tags,
          summary: '登记当事人履行处罚决定的情况（缴纳罚款或改正），逾期的计算加处罚款，留痕',
          params: IdParams,
          body: PerformanceBodySchema,
          response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => {
        await procedure.recordPerformance(deps, actorOf(req), req.params.id, req.body);
        return view(req, req.params.id);
      },
    );
    app.get(
      '/api/settings/approvals',
      {
        config: { access: 'settings.read' },
        schema: {
          tags: ['设置'],
          summary: '各类案件须经负责人审批的环节',
          response: { 200: ApprovalSettingsSchema, ...errors(401, 403) },
        },
      },
      async () => settings.approvalSettings(deps.db),
    );
    app.put(
      '/api/settings/approvals',
      {
        config: { access: 'settings.write' },
        schema: {
          tags: ['设置'],
          summary: '修改各类案件须经负责人审批的环节（留痕）',
          body: ApprovalSettingsSchema,
          response: { 200: ApprovalSettingsSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => settings.saveApprovalSettings(deps, actorOf(req), req.body as ApprovalSettings),
    );
  };
