import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import type { Deps } from '../../services/deps';
import * as org from '../../services/org-service';
import { actorOf } from '../auth';
import { errors, IdParams, NoContent } from '../schemas';
import {
  AgencyPatchSchema,
  AgencySchema,
  CertificatePatchSchema,
  CertificateReasonSchema,
  CertificateSchema,
  NewCertificateSchema,
  NewOfficerSchema,
  NewUnitSchema,
  OfficerPageSchema,
  OfficerPatchSchema,
  OfficerQuerySchema,
  OfficerSchema,
  UnitListSchema,
  UnitPatchSchema,
  UnitSchema,
} from './org.schema';

export const orgRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['组织机构'];

    app.get(
      '/agency',
      {
        config: { access: 'org.read' },
        schema: { tags, summary: '执法主体信息', response: { 200: AgencySchema, ...errors(401, 403, 404) } },
      },
      async () => org.agencyView(await org.currentAgency(deps)),
    );
    app.patch(
      '/agency',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '修改执法主体信息',
          body: AgencyPatchSchema,
          response: { 200: AgencySchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => org.updateAgency(deps, actorOf(req), req.body),
    );

    app.get(
      '/units',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '科室列表',
          response: { 200: UnitListSchema, ...errors(401, 403) },
        },
      },
      async () => ({ items: await org.listUnits(deps) }),
    );
    app.post(
      '/units',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '新建科室',
          body: NewUnitSchema,
          response: { 201: UnitSchema, ...errors(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await org.createUnit(deps, actorOf(req), req.body)),
    );
    app.patch(
      '/units/:id',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '修改科室（名称、是否为法制审核机构）',
          params: IdParams,
          body: UnitPatchSchema,
          response: { 200: UnitSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => org.updateUnit(deps, actorOf(req), req.params.id, req.body),
    );

    app.get(
      '/officers',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '执法人员列表（游标分页）',
          querystring: OfficerQuerySchema,
          response: { 200: OfficerPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        org.listOfficers(deps, {
          limit: req.query.limit ?? 50,
          ...(req.query.cursor !== undefined && { cursor: req.query.cursor }),
          ...(req.query.q !== undefined && { q: req.query.q }),
          ...(req.query.unitId !== undefined && { unitId: req.query.unitId }),
        }),
    );
    app.post(
      '/officers',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '新增执法人员',
          body: NewOfficerSchema,
          response: { 201: OfficerSchema, ...errors(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const { id } = await org.createOfficer(deps, actorOf(req), req.body);
        return reply.status(201).send(await org.getOfficer(deps, id));
      },
    );
    app.get(
      '/officers/:id',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '执法人员详情',
          params: IdParams,
          response: { 200: OfficerSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => org.getOfficer(deps, req.params.id),
    );
    app.patch(
      '/officers/:id',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '修改执法人员信息',
          params: IdParams,
          body: OfficerPatchSchema,
          response: { 200: OfficerSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => org.updateOfficer(deps, actorOf(req), req.params.id, req.body),
    );

    // Photos arrive as raw image bytes; the type is checked from the bytes, not only the header.
    app.addContentTypeParser(
      ['image/jpeg', 'image/png'],
      { parseAs: 'buffer', bodyLimit: org.PHOTO_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    app.put(
      '/officers/:id/photo',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '上传执法人员照片（JPEG/PNG，≤1 MiB，请求体为图片本身）',
          params: IdParams,
          response: { 204: NoContent, ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new DomainError('unsupportedType', 'PHOTO_TYPE', '照片须为 JPEG 或 PNG 图片', 'photo');
        await org.setOfficerPhoto(deps, actorOf(req), req.params.id, req.body);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/officers/:id/photo',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '执法人员照片',
          params: IdParams,
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
            ...errors(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const p = await org.officerPhoto(deps, req.params.id);
        return reply.type(p.mediaType).header('etag', `"${p.sha256}"`).send(p.content);
      },
    );

    app.post(
      '/officers/:id/certificates',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '为执法人员登记执法证',
          params: IdParams,
          body: NewCertificateSchema,
          response: { 201: CertificateSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await org.createCertificate(deps, actorOf(req), req.params.id, req.body)),
    );
    app.patch(
      '/certificates/:id',
      {
        config: { access: 'org.write' },
        schema: {
          tags,
          summary: '修改执法证（执法领域、有效期）',
          params: IdParams,
          body: CertificatePatchSchema,
          response: { 200: CertificateSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => org.updateCertificate(deps, actorOf(req), req.params.id, req.body),
    );
    for (const transition of ['suspend', 'reinstate', 'revoke'] as const) {
      const label = { suspend: '暂停', reinstate: '恢复', revoke: '吊销' }[transition];
      app.post(
        `/certificates/:id/${transition}`,
        {
          config: { access: 'org.write' },
          schema: {
            tags,
            summary: `${label}执法证（须说明原因）`,
            params: IdParams,
            body: CertificateReasonSchema,
            response: { 200: CertificateSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (req) =>
          org.changeCertificateState(deps, actorOf(req), req.params.id, transition, req.body.reason),
      );
    }
  };
