import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RetentionPeriod } from '../../domain/retention';
import { writePackage } from '../../services/archive-zip';
import * as caseFiles from '../../services/case-file-service';
import type { RecordDeps } from '../../services/record-service';
import * as retention from '../../services/retention-service';
import * as settings from '../../services/settings-service';
import type { Transparency } from '../../services/transparency-service';
import { assertCaseAccess, authorizeCaseObject, readableScope } from '../../services/case-access-service';
import { actorOf, principalOf, viewerOf } from '../auth';
import { errors, IdParams, Obj } from '../schemas';
import {
  CaseFileAcceptSchema,
  CaseFilePageSchema,
  CaseFileQuerySchema,
  CaseFileViewSchema,
  DisposalCancelSchema,
  HoldReleaseSchema,
  LegalHoldPageSchema,
  LegalHoldQuerySchema,
  LegalHoldSchema,
  NewLegalHoldSchema,
  PackageQuerySchema,
  RecordMarkSchema,
  RetentionItemSchema,
  RetentionPageSchema,
  RetentionQuerySchema,
  RetentionSettingsSchema,
} from './archives.schema';

/**
 * Case files and archive packages (REC-08, REC-09), retention and disposal, legal holds and
 * evidence marks (REC-10).
 */
export const archiveRoutes =
  (deps: RecordDeps, transparency: Transparency): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['档案'];

    app.get(
      '/api/case-files',
      {
        config: { access: 'caseFile.read' },
        schema: {
          tags,
          summary: '案卷列表：待接收（pending）与已归档（archived）；按档号、案号或当事人前缀及年度查找',
          querystring: CaseFileQuerySchema,
          response: { 200: CaseFilePageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        caseFiles.listCaseFiles(
          deps,
          {
            ...(req.query.state && { state: req.query.state }),
            ...(req.query.q && { q: req.query.q }),
            ...(req.query.year !== undefined && { year: req.query.year }),
            ...(req.query.cursor && { cursor: req.query.cursor }),
            limit: req.query.limit ?? 50,
          },
          readableScope(viewerOf(req)),
        ),
    );
    app.get(
      '/api/case-files/:id',
      {
        config: { access: 'caseFile.read', caseAccess: { action: 'case.read', of: 'caseFile' } },
        schema: {
          tags,
          summary: '案卷：封面、卷内目录（正卷、副卷）、缺失事项、未签名文书',
          params: IdParams,
          response: { 200: CaseFileViewSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => caseFiles.getCaseFile(deps, req.params.id, viewerOf(req)),
    );
    app.get(
      '/api/cases/:id/case-file',
      {
        config: { access: 'caseFile.read', caseAccess: { action: 'case.read', of: 'case' } },
        schema: {
          tags,
          summary: '案件的案卷（结案后生成）',
          params: IdParams,
          response: { 200: CaseFileViewSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => caseFiles.caseFileOfCase(deps, req.params.id, viewerOf(req)),
    );
    app.post(
      '/api/case-files/:id/accept',
      {
        config: { access: 'caseFile.accept', caseAccess: { action: 'caseFile.accept', of: 'caseFile' } },
        schema: {
          tags,
          summary:
            '综合科检查并接收归档：取得档号（结案年度 + 4 位顺序号），案件及其资料此后只读；有缺失事项时须在备注中说明',
          params: IdParams,
          body: CaseFileAcceptSchema,
          response: { 200: CaseFileViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) =>
        caseFiles.acceptCaseFile(
          deps,
          actorOf(req),
          req.params.id,
          { ...(req.body.note !== undefined && { note: req.body.note }) },
          viewerOf(req),
        ),
    );
    app.get(
      '/api/case-files/:id/package',
      {
        config: { access: 'caseFile.read', caseAccess: { action: 'case.read', of: 'caseFile' } },
        schema: {
          tags,
          summary:
            '导出归档包（ZIP：manifest.json、index.html、文件；含留痕条目、包含证明和签名检查点，可离线核验）；须说明用途；完整包由综合科、办领导、监督人员导出（含国家秘密、商业秘密材料的还须有相应权限），其他人员可导出脱敏包（redacted=true）',
          params: IdParams,
          querystring: PackageQuerySchema,
          response: {
            200: Type.Unsafe({ type: 'string', format: 'binary' }),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      async (req, reply) => {
        const plan = await caseFiles.planPackage(
          deps,
          transparency,
          actorOf(req),
          viewerOf(req),
          req.params.id,
          { purpose: req.query.purpose, redacted: req.query.redacted === true },
        );
        const out = new PassThrough();
        writePackage(out, plan.manifest, caseFiles.packageOpener(deps)).catch((err: unknown) => {
          req.log.error({ err }, 'archive package failed while streaming');
          out.destroy(err instanceof Error ? err : new Error(String(err)));
        });
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(plan.fileName)}`)
          .header('cache-control', 'private, no-store')
          .send(out);
      },
    );

    // ---- retention ----
    app.get(
      '/api/retention',
      {
        config: { access: 'retention.read' },
        schema: {
          tags,
          summary: '保管期限：已到期、待审批、撤销期内、待执行、冻结中、已处置的记录',
          querystring: RetentionQuerySchema,
          response: { 200: RetentionPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        retention.listRetention(
          deps,
          {
            ...(req.query.status && { status: req.query.status }),
            ...(req.query.cursor && { cursor: req.query.cursor }),
            limit: req.query.limit ?? 50,
          },
          viewerOf(req),
        ),
    );
    app.get(
      '/api/records/:id/retention',
      {
        config: { access: 'record.read', caseAccess: { action: 'case.read', of: 'record' } },
        schema: {
          tags,
          summary: '记录的保管期限类别、到期日、标记、处置与冻结情况',
          params: IdParams,
          response: { 200: RetentionItemSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => retention.recordStanding(deps, req.params.id, viewerOf(req)),
    );
    app.post(
      '/api/records/:id/disposal/approve',
      {
        config: { access: 'retention.approve', caseAccess: { action: 'retention.approve', of: 'record' } },
        schema: {
          tags,
          summary: '批准处置到期记录（综合科、办领导两人分别批准；批准后进入撤销期，期满删除内容并留痕）',
          params: IdParams,
          body: Obj({}),
          response: { 200: RetentionItemSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) =>
        retention.approveDisposal(deps, actorOf(req), principalOf(req).roles, req.params.id, viewerOf(req)),
    );
    app.post(
      '/api/records/:id/disposal/cancel',
      {
        config: { access: 'retention.approve', caseAccess: { action: 'retention.approve', of: 'record' } },
        schema: {
          tags,
          summary: '撤销处置（内容删除之前）',
          params: IdParams,
          body: DisposalCancelSchema,
          response: { 200: RetentionItemSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) =>
        retention.cancelDisposal(deps, actorOf(req), req.params.id, req.body.reason, viewerOf(req)),
    );
    app.post(
      '/api/records/:id/marks',
      {
        config: { access: 'record.mark', caseAccess: { action: 'record.mark', of: 'record' } },
        schema: {
          tags,
          summary: '标记记录为证据或引起争议：随案卷保管，不再按检查音像期限处置',
          params: IdParams,
          body: RecordMarkSchema,
          response: { 200: RetentionItemSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => retention.markRecord(deps, actorOf(req), req.params.id, req.body, viewerOf(req)),
    );

    // ---- legal holds ----
    app.get(
      '/api/legal-holds',
      {
        config: { access: 'retention.read' },
        schema: {
          tags,
          summary: '法律冻结列表',
          querystring: LegalHoldQuerySchema,
          response: { 200: LegalHoldPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        retention.listHolds(
          deps,
          {
            ...(req.query.active !== undefined && { active: req.query.active }),
            ...(req.query.cursor && { cursor: req.query.cursor }),
            limit: req.query.limit ?? 50,
          },
          viewerOf(req),
        ),
    );
    app.post(
      '/api/legal-holds',
      {
        config: { access: 'legalHold.manage' },
        schema: {
          tags,
          summary: '对案件或记录设置法律冻结（说明理由）：解除前不得处置',
          body: NewLegalHoldSchema,
          response: { 201: LegalHoldSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        // PLT-07: a hold is placed on a case, or a record of a case, the user may hold.
        const user = viewerOf(req);
        if (req.body.caseId) await assertCaseAccess(deps.db, user, 'legalHold.manage', req.body.caseId);
        if (req.body.recordId)
          await authorizeCaseObject(deps.db, user, 'legalHold.manage', 'record', req.body.recordId);
        return reply.status(201).send(await retention.placeHold(deps, actorOf(req), req.body));
      },
    );
    app.post(
      '/api/legal-holds/:id/release',
      {
        config: { access: 'legalHold.manage', caseAccess: { action: 'legalHold.manage', of: 'legalHold' } },
        schema: {
          tags,
          summary: '解除法律冻结（说明理由）',
          params: IdParams,
          body: HoldReleaseSchema,
          response: { 200: LegalHoldSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => retention.releaseHold(deps, actorOf(req), req.params.id, req.body.reason),
    );

    // ---- settings ----
    app.get(
      '/api/settings/retention',
      {
        config: { access: 'settings.read' },
        schema: {
          tags,
          summary: '保管期限设置（按程序的案卷保管期限、检查音像保存月数、处置撤销期天数）',
          response: { 200: RetentionSettingsSchema, ...errors(401, 403) },
        },
      },
      async () => settings.retentionSettings(deps.db),
    );
    app.put(
      '/api/settings/retention',
      {
        config: { access: 'retention.settings' },
        schema: {
          tags,
          summary: '修改保管期限设置（检查音像不少于 12 个月）',
          body: RetentionSettingsSchema,
          response: { 200: RetentionSettingsSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        settings.saveRetentionSettings(deps, actorOf(req), {
          byProcedure: req.body.byProcedure,
          default: req.body.default as RetentionPeriod,
          inspectionAvMonths: req.body.inspectionAvMonths,
          undoDays: req.body.undoDays,
        }),
    );
  };
