import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isDocumentKind, type DocumentKind } from '../../domain/documents';
import { notFound } from '../../domain/errors';
import * as documents from '../../services/document-service';
import * as settings from '../../services/settings-service';
import { actorOf, viewerOf } from '../auth';
import { errors, IdParams } from '../schemas';
import {
  DocumentSchema,
  DocxQuerySchema,
  GenerateDocumentBodySchema,
  KindParamsSchema as KindParams,
  PaymentBankSchema,
  ReissueBodySchema,
  TemplateInputSchema,
  TemplateListSchema,
  TemplateSchema,
  TemplateVersionQuerySchema,
  TemplateWithVersionsSchema,
} from './documents.schema';

const Binary = Type.Unsafe<Readable | Buffer>({ type: 'string', format: 'binary' });
function kindOf(s: string): DocumentKind {
  if (!isDocumentKind(s)) throw notFound('DOCUMENT_KIND_NOT_FOUND', `没有这类执法文书：${s}`);
  return s;
}
function sendDocx(reply: FastifyReply, fileName: string, content: Readable | Buffer, size?: number) {
  reply
    .header('content-type', documents.DOCX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'private, no-store');
  if (size !== undefined) reply.header('content-length', size);
  return reply.send(content);
}

/** Enforcement documents (REC-02): templates, drafts from a case, issuing with 文号, .docx downloads. */
export const documentRoutes =
  (deps: documents.DocumentDeps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['执法文书'];

    app.get(
      '/api/settings/payment-bank',
      {
        config: { access: 'settings.read' },
        schema: {
          tags: ['设置'],
          summary: '缴纳罚款的指定银行（开户银行、户名、账号），行政处罚决定书写明',
          response: { 200: PaymentBankSchema, ...errors(401, 403) },
        },
      },
      async () => settings.paymentBank(deps.db),
    );
    app.put(
      '/api/settings/payment-bank',
      {
        config: { access: 'settings.write' },
        schema: {
          tags: ['设置'],
          summary: '修改缴纳罚款的指定银行（留痕）',
          body: PaymentBankSchema,
          response: { 200: PaymentBankSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => settings.savePaymentBank(deps, actorOf(req), req.body),
    );
    app.get(
      '/api/document-templates',
      {
        config: { access: 'document.read' },
        schema: {
          tags,
          summary: '文书模板：各类文书及其现行版本；占位符、段落条件、应告知事项的名称表',
          response: { 200: TemplateListSchema, ...errors(401, 403) },
        },
      },
      async () => documents.listTemplates(deps),
    );
    app.get(
      '/api/document-templates/:kind',
      {
        config: { access: 'document.read' },
        schema: {
          tags,
          summary: '某类文书的模板（现行版本或指定版本）及其历次版本',
          params: KindParams,
          querystring: TemplateVersionQuerySchema,
          response: { 200: TemplateWithVersionsSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => documents.getTemplate(deps, kindOf(req.params.kind), req.query.version),
    );
    app.put(
      '/api/document-templates/:kind',
      {
        config: { access: 'documentTemplate.write' },
        schema: {
          tags,
          summary: '修改文书模板：保存为新版本并留痕；删去应当告知当事人的事项的，拒绝（400）',
          params: KindParams,
          body: TemplateInputSchema,
          response: { 200: TemplateSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => documents.saveTemplate(deps, actorOf(req), kindOf(req.params.kind), req.body),
    );
    app.get(
      '/api/document-templates/:kind/preview',
      {
        config: { access: 'document.read' },
        schema: {
          tags,
          summary: '模板样式预览（以示例数据生成 .docx）',
          params: KindParams,
          querystring: TemplateVersionQuerySchema,
          response: { 200: Binary, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await documents.previewTemplate(
          deps,
          kindOf(req.params.kind),
          req.query.version,
        );
        return sendDocx(reply, fileName, buffer, buffer.length);
      },
    );

    app.post(
      '/api/cases/:id/documents',
      {
        config: { access: 'document.write', caseAccess: { action: 'document.write', of: 'case' } },
        schema: {
          tags,
          summary: '按现行模板为案件制作文书草稿（以案件信息填充，记录所用模板版本）',
          params: IdParams,
          body: GenerateDocumentBodySchema,
          response: { 201: DocumentSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await documents.generateDocument(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/api/cases/:id/documents',
      {
        config: { access: 'document.read', caseAccess: { action: 'case.read', of: 'case' } },
        schema: {
          tags,
          summary: '案件的执法文书（草稿与已签发，含各版本）',
          params: IdParams,
          response: { 200: Type.Array(DocumentSchema), ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => documents.listCaseDocuments(deps, req.params.id),
    );
    app.get(
      '/api/documents/:id',
      {
        config: { access: 'document.read', caseAccess: { action: 'case.read', of: 'document' } },
        schema: {
          tags,
          summary: '执法文书',
          params: IdParams,
          response: { 200: DocumentSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => documents.getDocument(deps, req.params.id),
    );
    app.post(
      '/api/documents/:id/finalise',
      {
        config: { access: 'document.write', caseAccess: { action: 'document.write', of: 'document' } },
        schema: {
          tags,
          summary: '签发文书：编定文号（按机关、代字、年度连续编号），生成 .docx 并存为本案记录，留痕',
          params: IdParams,
          response: { 200: DocumentSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => documents.finaliseDocument(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/documents/:id/reissue',
      {
        config: { access: 'document.write', caseAccess: { action: 'document.write', of: 'document' } },
        schema: {
          tags,
          summary: '重新出具已签发的文书：生成新版本草稿（签发后沿用原文号，记录为原记录的新版本）',
          params: IdParams,
          body: ReissueBodySchema,
          response: { 201: DocumentSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await documents.reissueDocument(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/api/documents/:id/docx',
      {
        config: { access: 'document.read', caseAccess: { action: 'case.read', of: 'document' } },
        schema: {
          tags,
          summary: '下载文书 .docx：已签发的经记录调阅（须说明调阅事由，留痕）；草稿即时生成',
          params: IdParams,
          querystring: DocxQuerySchema,
          response: { 200: Binary, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const d = await documents.documentDocx(deps, actorOf(req), viewerOf(req), req.params.id, {
          ...(req.query.purpose !== undefined && { purpose: req.query.purpose }),
        });
        return sendDocx(reply, d.fileName, d.content, d.size);
      },
    );
  };
