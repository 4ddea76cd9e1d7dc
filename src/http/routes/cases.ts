import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ACTION_LABELS, OUTCOME_LABELS, STATE_LABELS } from '../../domain/case-machine';
import {
  ACT_TYPE_LABELS,
  ID_TYPE_LABELS,
  PARTY_KIND_LABELS,
  PROCEDURE_LABELS,
  PROCEDURES_OF,
  RECORD_KIND_LABELS,
  RECORDER_STATUS_LABELS,
  SANCTION_LABELS,
  SERVICE_MANNER_LABELS,
  STEP_KIND_LABELS,
} from '../../domain/case-types';
import { DEADLINE_LABELS } from '../../domain/case-deadlines';
import { PROTECTION_LABELS } from '../../domain/policy';
import { FILE_DENIED_MESSAGE, mayFile } from '../../domain/case-access';
import { DomainError } from '../../domain/errors';
import { readableScope } from '../../services/case-access-service';
import * as cases from '../../services/case-service';
import { caseLedgerView } from '../../services/ledger-query';
import * as parties from '../../services/party-service';
import * as powerItems from '../../services/power-item-service';
import * as recorders from '../../services/recorder-service';
import { caseRecords } from '../../services/record-service';
import * as steps from '../../services/step-service';
import * as settings from '../../services/settings-service';
import * as supervision from '../../services/supervision-service';
import { handleFlag } from '../../services/flag-service';
import { actorOf, principalOf, viewerOf } from '../auth';
import { errors, Id, IdParams, Limit, Obj } from '../schemas';
import type { CaseAccessUser } from '../../domain/case-access';
import {
  AlertSchema,
  AvRulesBodySchema,
  AvRuleViewSchema,
  CaseFiltersSchema,
  CaseLedgerEntrySchema,
  CaseMetaSchema,
  CasePageSchema,
  CaseSearchSchema,
  CaseViewSchema,
  CompleteStepBodySchema,
  DisclosureBodySchema,
  DisclosureSchema,
  ExtensionBodySchema,
  FileCaseBodySchema,
  FlagHandleBodySchema,
  FlagQuerySchema,
  FlagSchema,
  PageOf,
  PartyInputSchema,
  PartyListQuerySchema,
  PartyLookupBodySchema,
  PartyLookupSchema,
  PartyPageSchema,
  PartySchema,
  PartySearchSchema,
  PowerItemBodySchema,
  PowerItemPatchSchema,
  PowerItemSchema,
  RecorderBodySchema,
  RecorderLoanSchema,
  RecorderSchema,
  RecorderStatusBodySchema,
  StepBodySchema,
  StepSchema,
  TransitionBodySchema,
  type CaseView,
} from './cases.schema';
import { CaseRecordPageSchema } from './records.schema';

/**
 * The one case view every case route answers with: the case, its steps and its timeline, so the
 * workbench shows what it gets back from a transition as it shows `GET /api/cases/:id`.
 */
export async function fullView(deps: cases.CaseDeps, caseView: Promise<cases.CaseView>): Promise<CaseView> {
  const c = await caseView;
  const [stepList, timeline] = await Promise.all([
    steps.caseSteps(deps, c.id),
    cases.caseTimeline(deps, c.id),
  ]);
  return { ...c, steps: stepList, timeline };
}
const viewOf = (deps: cases.CaseDeps, id: string, viewer: CaseAccessUser) =>
  fullView(deps, cases.getCase(deps, id, viewer));

/** Cases and whole-process recording: parties, power items, cases, steps, recorders, supervision. */
export const caseRoutes =
  (deps: cases.CaseDeps, limits: { partyLookupPerMinute: number }): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/meta/cases',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['案件'],
          summary: '案件相关的名称表（类别、程序、状态、操作、环节、送达方式、处罚种类、保护级别……）',
          response: { 200: CaseMetaSchema, ...errors(401) },
        },
      },
      async () => ({
        actTypes: ACT_TYPE_LABELS,
        procedures: PROCEDURE_LABELS,
        proceduresOf: PROCEDURES_OF,
        states: STATE_LABELS,
        actions: ACTION_LABELS,
        outcomes: OUTCOME_LABELS,
        stepKinds: STEP_KIND_LABELS,
        serviceManners: SERVICE_MANNER_LABELS,
        sanctions: SANCTION_LABELS,
        partyKinds: PARTY_KIND_LABELS,
        idTypes: ID_TYPE_LABELS,
        recordKinds: RECORD_KIND_LABELS,
        protections: PROTECTION_LABELS,
        deadlines: DEADLINE_LABELS,
        recorderStatuses: RECORDER_STATUS_LABELS,
      }),
    );

    // ---- parties ----
    {
      const tags = ['当事人'];
      app.get(
        '/api/parties',
        {
          config: { access: 'party.read' },
          schema: {
            tags,
            summary: '当事人列表（个人信息已脱敏；按名称查找用 POST /api/parties/search）',
            querystring: PartyListQuerySchema,
            response: { 200: PartyPageSchema, ...errors(400, 401, 403) },
          },
        },
        async (req) =>
          parties.listParties(
            deps,
            { limit: req.query.limit ?? 50, ...(req.query.cursor && { cursor: req.query.cursor }) },
            viewerOf(req),
          ),
      );
      app.post(
        '/api/parties/search',
        {
          config: { access: 'party.read' },
          schema: {
            tags,
            summary: '按名称查找当事人（个人信息已脱敏；名称在请求体中，不进入网址）',
            body: PartySearchSchema,
            response: { 200: PartyPageSchema, ...errors(400, 401, 403) },
          },
        },
        async (req) =>
          parties.listParties(
            deps,
            {
              limit: req.body.limit ?? 50,
              ...(req.body.name && { name: req.body.name }),
              ...(req.body.cursor && { cursor: req.body.cursor }),
            },
            viewerOf(req),
          ),
      );
      app.post(
        '/api/parties/lookup',
        {
          config: {
            access: 'party.lookup',
            // PLT-08: per user, so that guessing a number through the name check is slow and seen.
            rateLimit: {
              max: limits.partyLookupPerMinute,
              timeWindow: 60_000,
              hook: 'preHandler',
              keyGenerator: (req) => `party-lookup:${req.principal?.userId ?? req.ip}`,
            },
          },
          schema: {
            tags,
            summary:
              '按证件号码或统一社会信用代码查找当事人（须同时提供名称，名称一致才返回；每次查找留痕，按用户限制频率）',
            body: PartyLookupBodySchema,
            response: { 200: PartyLookupSchema, ...errors(400, 401, 403, 429) },
          },
        },
        async (req) => parties.lookupParty(deps, actorOf(req), req.body),
      );
      app.post(
        '/api/parties',
        {
          config: { access: 'party.create' },
          schema: {
            tags,
            summary: '登记当事人（身份证号、统一社会信用代码校验；证件号码、电话、住址加密保存）',
            body: PartyInputSchema,
            response: { 201: PartySchema, ...errors(400, 401, 403) },
          },
        },
        async (req, reply) => reply.status(201).send(await parties.createParty(deps, actorOf(req), req.body)),
      );
      app.get(
        '/api/parties/:id',
        {
          config: { access: 'party.read' },
          schema: {
            tags,
            summary: '当事人（脱敏）',
            params: IdParams,
            response: { 200: PartySchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (req) => parties.getParty(deps, req.params.id, viewerOf(req)),
      );
      app.post(
        '/api/parties/:id/disclosures',
        {
          config: { access: 'party.disclose' },
          schema: {
            tags,
            summary: '查看当事人完整个人信息（须说明事由；每次查看均留痕）',
            params: IdParams,
            body: DisclosureBodySchema,
            response: { 200: DisclosureSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (req) => {
          await parties.assertMayDisclose(deps, viewerOf(req), req.params.id);
          return parties.discloseParty(deps, actorOf(req), req.params.id, req.body);
        },
      );
    }

    // ---- power items ----
    {
      const tags = ['权力事项'];
      app.get(
        '/api/power-items',
        {
          config: { access: 'powerItem.read' },
          schema: {
            tags,
            summary: '权力事项及裁量基准',
            response: { 200: Type.Array(PowerItemSchema), ...errors(401, 403) },
          },
        },
        async () => powerItems.listPowerItems(deps),
      );
      app.post(
        '/api/power-items',
        {
          config: { access: 'powerItem.write' },
          schema: {
            tags,
            summary: '新增权力事项（留痕）',
            body: PowerItemBodySchema,
            response: { 201: PowerItemSchema, ...errors(400, 401, 403, 409) },
          },
        },
        async (req, reply) =>
          reply.status(201).send(await powerItems.createPowerItem(deps, actorOf(req), req.body)),
      );
      app.patch(
        '/api/power-items/:id',
        {
          config: { access: 'powerItem.write' },
          schema: {
            tags,
            summary: '修改权力事项或裁量基准（每次修改留痕）',
            params: IdParams,
            body: PowerItemPatchSchema,
            response: { 200: PowerItemSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (req) =>
          powerItems.updatePowerItem(
            deps,
            actorOf(req),
            req.params.id,
            req.body as Parameters<typeof powerItems.updatePowerItem>[3],
          ),
      );
    }

    // ---- cases ----
    {
      const tags = ['案件'];
      /** The one case list, asked by GET (filters in the query) or POST (a name in the body). */
      const listCases = (
        req: FastifyRequest,
        f: Omit<Parameters<typeof cases.listCases>[1], 'limit'> & { limit?: number | undefined },
      ) => {
        const { overdue, limit, ...q } = f;
        return cases.listCases(
          deps,
          { ...q, limit: limit ?? 50, ...(overdue && { overdue: true }) },
          viewerOf(req),
        );
      };
      app.get(
        '/api/cases',
        {
          config: { access: 'case.read' },
          schema: {
            tags,
            summary:
              '案件列表（按类别、状态、部门、执法人员、当事人、立案日期、是否逾期筛选；新在前，游标分页）',
            querystring: CaseFiltersSchema,
            response: { 200: CasePageSchema, ...errors(400, 401, 403) },
          },
        },
        async (req) => {
          const { overdue, ...q } = req.query;
          return listCases(req, { ...q, overdue: overdue === '1' });
        },
      );
      app.post(
        '/api/cases/search',
        {
          config: { access: 'case.read' },
          schema: {
            tags,
            summary: '案件查找（同案件列表，可按当事人名称的任意部分查找；条件在请求体中，不进入网址）',
            body: CaseSearchSchema,
            response: { 200: CasePageSchema, ...errors(400, 401, 403) },
          },
        },
        async (req) => listCases(req, req.body),
      );
      app.post(
        '/api/cases',
        {
          config: { access: 'case.file' },
          schema: {
            tags,
            summary: '立案（或以决定开始的程序的第一步）；案号按执法主体和年度连续编号',
            body: FileCaseBodySchema,
            response: { 201: CaseViewSchema, ...errors(400, 401, 403, 409) },
          },
        },
        async (req, reply) => {
          const user = viewerOf(req);
          if (!mayFile(user, req.body))
            throw new DomainError('forbidden', 'CASE_ACCESS_DENIED', FILE_DENIED_MESSAGE, 'officerIds');
          if (req.body.partyId && !(await parties.knowsParty(deps, user, req.body.partyId)))
            throw new DomainError(
              'forbidden',
              'PARTY_NOT_KNOWN',
              '只能选择本人登记、本人可查看案件或已按证件号码和名称查找到的当事人',
              'partyId',
            );
          return reply
            .status(201)
            .send(await fullView(deps, cases.fileCase(deps, actorOf(req), req.body, viewerOf(req))));
        },
      );
      app.get(
        '/api/cases/:id',
        {
          config: { access: 'case.read', caseAccess: { action: 'case.read', of: 'case' } },
          schema: {
            tags,
            summary: '案件详情：当事人、执法人员、期限、可执行操作、执法环节、流转记录',
            params: IdParams,
            response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (req) => viewOf(deps, req.params.id, viewerOf(req)),
      );
      app.post(
        '/api/cases/:id/transitions',
        {
          config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'case' } },
          schema: {
            tags,
            summary: '案件流转（告知、决定、送达、执行、结案……）；不允许的流转返回 409 并列出可执行的操作',
            params: IdParams,
            body: TransitionBodySchema,
            response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
          },
        },
        async (req) =>
          fullView(deps, cases.transitionCase(deps, actorOf(req), req.params.id, req.body, viewerOf(req))),
      );
      app.post(
        '/api/cases/:id/extension',
        {
          config: {
            access: 'case.approveExtension',
            caseAccess: { action: 'case.approveExtension', of: 'case' },
          },
          schema: {
            tags,
            summary: '批准延长决定期限（行政处罚法第六十条；行政许可法第四十二条），留痕',
            params: IdParams,
            body: ExtensionBodySchema,
            response: { 200: CaseViewSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (req) =>
          fullView(deps, cases.approveExtension(deps, actorOf(req), req.params.id, req.body, viewerOf(req))),
      );
      app.get(
        '/api/cases/:id/records',
        {
          config: { access: 'case.read', caseAccess: { action: 'case.read', of: 'case' } },
          schema: {
            tags,
            summary: '案件的记录资料（含各版本；受限级别对无权限者只显示存在）',
            params: IdParams,
            querystring: Obj({ limit: Type.Optional(Limit), cursor: Type.Optional(Id) }),
            response: { 200: CaseRecordPageSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (req) => {
          await cases.getCaseRow(deps, req.params.id);
          return caseRecords(deps, req.params.id, viewerOf(req), {
            limit: req.query.limit ?? 200,
            ...(req.query.cursor && { cursor: req.query.cursor }),
          });
        },
      );
      app.get(
        '/api/cases/:id/ledger',
        {
          config: { access: 'case.read', caseAccess: { action: 'case.read', of: 'case' } },
          schema: {
            tags,
            summary: '案件的留痕记录（案件、环节、记录资料的全部账本条目）',
            params: IdParams,
            response: { 200: Type.Array(CaseLedgerEntrySchema), ...errors(400, 401, 403, 404) },
          },
        },
        async (req) => caseLedgerView(deps, req.params.id, viewerOf(req)),
      );
      app.post(
        '/api/cases/:id/steps',
        {
          config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'case' } },
          schema: {
            tags,
            summary: '记录执法环节（现场执法须两名持有效证件的执法人员；按规则判断是否须同步音像记录）',
            params: IdParams,
            body: StepBodySchema,
            response: { 201: StepSchema, ...errors(400, 401, 403, 404, 409, 422) },
          },
        },
        async (req, reply) =>
          reply.status(201).send(await steps.recordStep(deps, actorOf(req), req.params.id, req.body)),
      );
      app.post(
        '/api/steps/:id/complete',
        {
          config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'step' } },
          schema: {
            tags,
            summary: '完成执法环节（须同步音像记录而没有的，须书面说明理由，并报监督人员）',
            params: IdParams,
            body: CompleteStepBodySchema,
            response: { 200: StepSchema, ...errors(400, 401, 403, 404, 409, 422) },
          },
        },
        async (req) => steps.completeStep(deps, actorOf(req), req.params.id, req.body),
      );
    }

    // ---- recorders ----
    {
      const tags = ['执法记录仪'];
      app.get(
        '/api/recorders',
        {
          config: { access: 'recorder.read' },
          schema: {
            tags,
            summary: '执法记录仪登记表',
            response: { 200: Type.Array(RecorderSchema), ...errors(401, 403) },
          },
        },
        async () => recorders.listRecorders(deps),
      );
      app.post(
        '/api/recorders',
        {
          config: { access: 'recorder.manage' },
          schema: {
            tags,
            summary: '登记执法记录仪',
            body: RecorderBodySchema,
            response: { 201: RecorderSchema, ...errors(400, 401, 403, 409) },
          },
        },
        async (req, reply) =>
          reply.status(201).send(await recorders.registerRecorder(deps, actorOf(req), req.body)),
      );
      app.post(
        '/api/recorders/:id/check-out',
        {
          config: { access: 'recorder.manage' },
          schema: {
            tags,
            summary: '领用（交给执法人员）',
            params: IdParams,
            body: Obj({ officerId: Id }),
            response: { 200: RecorderSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (req) => recorders.checkOut(deps, actorOf(req), req.params.id, req.body.officerId),
      );
      app.post(
        '/api/recorders/:id/return',
        {
          config: { access: 'recorder.manage' },
          schema: {
            tags,
            summary: '归还',
            params: IdParams,
            response: { 200: RecorderSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (req) => recorders.checkIn(deps, actorOf(req), req.params.id),
      );
      app.post(
        '/api/recorders/:id/status',
        {
          config: { access: 'recorder.manage' },
          schema: {
            tags,
            summary: '设置状态（在库、维修中、已报废）',
            params: IdParams,
            body: RecorderStatusBodySchema,
            response: { 200: RecorderSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (req) => recorders.setStatus(deps, actorOf(req), req.params.id, req.body.status),
      );
      app.get(
        '/api/recorders/:id/loans',
        {
          config: { access: 'recorder.read' },
          schema: {
            tags,
            summary: '领用归还记录',
            params: IdParams,
            response: { 200: Type.Array(RecorderLoanSchema), ...errors(400, 401, 403, 404) },
          },
        },
        async (req) => recorders.loans(deps, req.params.id),
      );
    }

    // ---- supervision, alerts, settings ----
    app.get(
      '/api/flags',
      {
        config: { access: 'flag.read' },
        schema: {
          tags: ['监督'],
          summary:
            '监督清单：应同步音像记录而未记录的环节、被拒绝的修改或删除记录的企图（默认未处理的；state=handled 为已处理的）',
          querystring: FlagQuerySchema,
          response: { 200: PageOf(FlagSchema), ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        supervision.listFlags(deps, {
          limit: req.query.limit ?? 50,
          ...(req.query.kind && { kind: req.query.kind }),
          ...(req.query.cursor && { cursor: req.query.cursor }),
          ...(req.query.state && { state: req.query.state }),
        }),
    );
    app.post(
      '/api/flags/:id/handle',
      {
        config: { access: 'flag.handle' },
        schema: {
          tags: ['监督'],
          summary: '监督人员将监督事项标记为已处理（须填写处理情况，记入留痕）',
          params: IdParams,
          body: FlagHandleBodySchema,
          response: { 200: FlagSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => handleFlag(deps, actorOf(req), req.params.id, req.body.note),
    );
    app.get(
      '/api/alerts',
      {
        config: { access: 'alert.read' },
        schema: {
          tags: ['期限提醒'],
          summary: '期限提醒（执法人员看到本人承办案件的提醒）',
          querystring: Obj({ limit: Type.Optional(Limit), cursor: Type.Optional(Id) }),
          response: { 200: PageOf(AlertSchema), ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const onlyOwn = p.roles.every((r) => r === 'officer');
        return supervision.listAlerts(deps, {
          limit: req.query.limit ?? 50,
          scope: readableScope(viewerOf(req)),
          ...(onlyOwn && { officerId: p.officerId ?? '00000000-0000-0000-0000-000000000000' }),
          ...(req.query.cursor && { cursor: req.query.cursor }),
        });
      },
    );
    app.get(
      '/api/settings/av-rules',
      {
        config: { access: 'settings.read' },
        schema: {
          tags: ['设置'],
          summary: '须同步音像记录的情形（规则表）',
          response: { 200: Type.Array(AvRuleViewSchema), ...errors(401, 403) },
        },
      },
      async () => settings.avRules(deps.db),
    );
    app.put(
      '/api/settings/av-rules',
      {
        config: { access: 'settings.write' },
        schema: {
          tags: ['设置'],
          summary: '修改须同步音像记录的情形（留痕）',
          body: AvRulesBodySchema,
          response: { 200: Type.Array(AvRuleViewSchema), ...errors(400, 401, 403) },
        },
      },
      async (req) => settings.saveAvRules(deps, actorOf(req), req.body.rules),
    );
  };
