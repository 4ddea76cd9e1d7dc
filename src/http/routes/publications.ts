import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IMPORT_MAX_BYTES } from '../../domain/publication-import';
import { DomainError } from '../../domain/errors';
import * as pub from '../../services/publication-service';
import { importPublications, importTemplate } from '../../services/publication-import-service';
import { publicationSettings, savePublisher } from '../../services/settings-service';
import { actorOf, viewerOf } from '../auth';
import { errors, IdParams } from '../schemas';
import { bodyCheck } from '../validation';
import {
  ConfirmMaskingBodySchema,
  CreatedPublicationSchema,
  CreatePublicationBodySchema,
  ImportQuerySchema,
  ImportResultSchema,
  PublisherSettingsSchema,
  PublicationDetailSchema,
  PublicationListQuerySchema,
  PublicationPageSchema,
  RecordChangeBodySchema,
  WithdrawBodySchema,
} from './publications.schema';

/**
 * 公示管理 (事后公示, issue 14): items by state, the masking review, publishing, changes and
 * withdrawal, decisions entered from outside. Roles gate each route (`publication.*`); which items
 * a user may touch is decided per item in the service (an officer: their unit's; publishing and
 * withdrawing: a leader). Each act answers with the item as the workbench shows it.
 */
export const publicationRoutes =
  (deps: pub.PublicationDeps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['公示'];
    const detail = (req: Parameters<typeof viewerOf>[0], id: string) =>
      pub.getPublication(deps, viewerOf(req), id);

    app.get(
      '/api/publications',
      {
        config: { access: 'publication.read' },
        schema: {
          tags,
          summary: '公示事项列表（待公示、逾期、已公示、待撤回、已撤回、已到期），按生成时间倒序分页',
          querystring: PublicationListQuerySchema,
          response: { 200: PublicationPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => pub.listPublications(deps, viewerOf(req), req.query),
    );
    app.get(
      '/api/publications/:id',
      {
        config: { access: 'publication.read' },
        schema: {
          tags,
          summary: '公示事项：原文与脱敏稿对照、脱敏之处、期限与责任人',
          params: IdParams,
          response: { 200: PublicationDetailSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => detail(req, req.params.id),
    );
    app.post(
      '/api/publications',
      {
        config: { access: 'publication.prepare' },
        schema: {
          tags,
          summary: '录入平台外作出的执法决定，生成公示事项（涉及未成年人的不公示）',
          body: CreatePublicationBodySchema,
          response: { 201: CreatedPublicationSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await pub.createExternal(deps, actorOf(req), viewerOf(req), req.body)),
    );
    app.get(
      '/api/publications/import/template',
      {
        config: { access: 'publication.prepare' },
        schema: {
          tags,
          summary: '下载导入平台外决定的模板（.xlsx，或 UTF-8 带 BOM 的 .csv），栏目与逐条录入相同',
          querystring: ImportQuerySchema,
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
            ...errors(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const t = await importTemplate(deps, viewerOf(req), req.query.format ?? 'xlsx');
        return reply
          .type(t.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(t.fileName)}`)
          .header('cache-control', 'no-store')
          .send(t.content);
      },
    );

    // The import's body is the file itself (any type, ≤ 5 MiB), read here as bytes: a parser of
    // this route alone, the other routes keep JSON.
    const checkEntry = bodyCheck(CreatePublicationBodySchema);
    await base.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) =>
        done(null, body),
      );
      raw.withTypeProvider<TypeBoxTypeProvider>().post(
        '/api/publications/import',
        {
          bodyLimit: IMPORT_MAX_BYTES,
          config: { access: 'publication.prepare' },
          schema: {
            tags,
            summary:
              '导入平台外作出的决定（请求体为按模板填写的 .xlsx 或 .csv 文件本身，≤5 MiB、≤1000 行）：任何一行有误则整个文件不导入，422 的 details.rows 列出行号、栏目和问题',
            querystring: ImportQuerySchema,
            response: { 200: ImportResultSchema, ...errors(400, 401, 403, 413, 415, 422) },
          },
        },
        async (req) => {
          if (!Buffer.isBuffer(req.body) || req.body.length === 0)
            throw new DomainError(
              'unsupportedType',
              'PUBLICATION_IMPORT_UNREADABLE',
              '请上传按模板填写的 .xlsx 或 .csv 文件',
              'file',
            );
          return importPublications(
            deps,
            actorOf(req),
            viewerOf(req),
            req.query.format ?? 'xlsx',
            req.body,
            checkEntry,
          );
        },
      );
    });

    app.get(
      '/api/settings/publication',
      {
        config: { access: 'settings.read' },
        schema: {
          tags: ['设置'],
          summary: '公示设置：由谁公示（默认办领导；可设为承办科室）',
          response: { 200: PublisherSettingsSchema, ...errors(401, 403) },
        },
      },
      async () => ({ publisher: (await publicationSettings(deps.db)).publisher }),
    );
    app.put(
      '/api/settings/publication',
      {
        config: { access: 'settings.write' },
        schema: {
          tags: ['设置'],
          summary: '修改由谁公示（新版本生效并留痕）',
          body: PublisherSettingsSchema,
          response: { 200: PublisherSettingsSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => savePublisher(deps, actorOf(req), req.body.publisher),
    );

    app.post(
      '/api/publications/:id/masking',
      {
        config: { access: 'publication.prepare' },
        schema: {
          tags,
          summary: '承办人员审核脱敏（可补充需隐去的内容、填写文号）并确认',
          params: IdParams,
          body: ConfirmMaskingBodySchema,
          response: { 200: PublicationDetailSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await pub.confirmMasking(deps, actorOf(req), viewerOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/api/publications/:id/publish',
      {
        config: { access: 'publication.publish' },
        schema: {
          tags,
          summary: '公示：脱敏后的决定信息写入公示库并留痕',
          params: IdParams,
          response: { 200: PublicationDetailSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await pub.publish(deps, actorOf(req), viewerOf(req), req.params.id);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/api/publications/:id/change',
      {
        config: { access: 'publication.prepare' },
        schema: {
          tags,
          summary: '登记已公示决定被变更、撤销或确认违法（3 个工作日内撤回）',
          params: IdParams,
          body: RecordChangeBodySchema,
          response: { 200: PublicationDetailSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await pub.recordChange(deps, actorOf(req), viewerOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/api/publications/:id/withdraw',
      {
        config: { access: 'publication.publish' },
        schema: {
          tags,
          summary: '撤回公示，并公开撤回理由',
          params: IdParams,
          body: WithdrawBodySchema,
          response: { 200: PublicationDetailSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await pub.withdraw(deps, actorOf(req), viewerOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
  };
