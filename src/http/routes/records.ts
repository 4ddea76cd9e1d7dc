import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Server as TusServer } from '@tus/server';
import { parseRange } from '../../domain/byte-range';
import { DomainError, invalid, notFound } from '../../domain/errors';
import * as records from '../../services/record-service';
import {
  finishedUploadDigests,
  openUploadStore,
  removeUpload,
  type UploadLocks,
} from '../../services/upload-store';
import { attachSignedScan } from '../../services/case-file-service';
import { actorOf, principalOf, viewerOf } from '../auth';
import { errors, ErrorSchema, IdParams, MultiLine, Obj } from '../schemas';
import {
  FromUploadBodySchema,
  RecordListQuerySchema,
  RecordListPageSchema,
  RecordSchema,
  RetrievalPageSchema,
  Sha256,
  StepRecordBodySchema,
  UPLOAD_ID,
  UploadId,
} from './records.schema';
import { getStep } from '../../services/step-service';

const Binary = Type.Unsafe<Readable | Buffer>({ type: 'string', format: 'binary' });
const OWNER_HEADER = 'x-zhifa-upload-owner';
const UPLOAD_PATH = new RegExp(`^/api/uploads/(${UPLOAD_ID})$`);

/**
 * The request as the tus server sees it. The owner header is set by us from the authenticated user;
 * whatever the client sent under that name is dropped.
 */
function tusRequest(req: FastifyRequest, owner: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && name !== OWNER_HEADER)
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  headers.set(OWNER_HEADER, owner);
  const hasBody = req.method === 'PATCH' || req.method === 'POST';
  return new Request(new URL(req.url, 'http://localhost'), {
    method: req.method,
    headers,
    ...(hasBody && { body: Readable.toWeb(req.raw) as ReadableStream<Uint8Array>, duplex: 'half' }),
  });
}

function decodeFileName(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || raw === '')
    throw invalid('FILE_NAME_REQUIRED', '请在 x-file-name 头中给出文件名（URL 编码）', 'fileName');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalid('FILE_NAME_INVALID', '文件名的 URL 编码有误', 'fileName');
  }
}

/**
 * Records (REC-01, REC-06): plain uploads for small files, the tus resumable protocol for large
 * ones (body-camera video), and the one retrieval path with purpose, Range and logging.
 */
export const recordRoutes =
  (
    deps: records.RecordDeps,
    uploads: { dir: string; plainMaxBytes: number; expireHours: number },
    locks: UploadLocks,
  ): FastifyPluginAsync =>
  async (base) => {
    // Unfinished uploads are removed by the upload-expiry job (src/jobs), not by this plugin.
    const store = openUploadStore(uploads);
    const tus = new TusServer({
      path: '/api/uploads',
      datastore: store,
      // Shared by every node on PostgreSQL: the client's next PATCH may reach another node.
      locker: locks,
      relativeLocation: true,
      respectForwardedHeaders: false,
      maxSize: deps.uploads.maxBytes,
      // The owner is set by us from the authenticated user, never taken from the client.
      onUploadCreate: async (req, upload) => {
        const owner = req.headers.get(OWNER_HEADER) ?? '';
        const type = upload.metadata?.filetype ?? '';
        try {
          records.checkMediaType(deps, type);
        } catch (e) {
          // tus answers a thrown { status_code, body } with that status: that is its protocol for refusals.
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw { status_code: 415, body: (e as Error).message };
        }
        // A bad file name is refused now, not after gigabytes have been sent.
        const name = upload.metadata?.filename;
        try {
          if (name) records.checkFileName(name);
        } catch (e) {
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw { status_code: 400, body: (e as Error).message };
        }
        return { metadata: { ...upload.metadata, owner } };
      },
      // The route has checked the owner already (ownUpload); this is the second lock on the same
      // door, and it fails closed: an upload that cannot be read is nobody's to touch.
      onIncomingRequest: async (req, uploadId) => {
        if (req.method === 'POST' || req.method === 'OPTIONS') return;
        const upload = await store.getUpload(uploadId).catch(() => null);
        if (!upload || upload.metadata?.owner !== req.headers.get(OWNER_HEADER))
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw { status_code: 403, body: '只能继续自己的上传' };
      },
      // tus reads the id from the URL's last segment itself; it must be the one the route checked.
      getFileIdFromRequest: (req) => UPLOAD_PATH.exec(new URL(req.url).pathname)?.[1],
      // An unforeseen failure is logged here and answered without its details (no paths, no ids).
      onResponseError: (_req, err) => {
        if (!(err instanceof Error)) return undefined;
        base.log.error({ err }, 'resumable upload failed');
        return { status_code: 500, body: '服务器内部错误，请稍后再试' };
      },
    });
    /**
     * Only its owner may look at, continue or cancel an upload: anyone else is refused before tus
     * sees the request, so nothing about the upload changes.
     */
    const ownUpload = async (uploadId: string, userId: string) => {
      const upload = await store.getUpload(uploadId).catch(() => null);
      if (!upload) throw notFound('UPLOAD_NOT_FOUND', '上传不存在或已过期');
      if (upload.metadata?.owner !== userId)
        throw new DomainError('forbidden', 'UPLOAD_NOT_OWNER', '只能查询、继续或取消自己的上传');
    };
    base.addHook('onClose', async () => {
      // The store's constructor creates its folder asynchronously: let that finish before the app is
      // closed, since a caller may remove the data directory next (an uncaught ENOENT otherwise).
      await fs.promises.mkdir(uploads.dir, { recursive: true });
    });

    // Raw bodies: these routes stream what arrives; no parser may buffer it.
    await base.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', (_req, _payload, done) => done(null));

      raw.post(
        '/api/records',
        {
          config: { access: 'record.create' },
          schema: {
            tags: ['记录资料'],
            summary:
              '上传小文件为记录（请求体为文件本身，x-file-name 为 URL 编码的文件名，可选 x-content-sha256）',
            headers: Type.Object({
              'x-file-name': Type.Optional(Type.String({ maxLength: 1000 })),
              'x-content-sha256': Type.Optional(Sha256),
            }),
            response: { 201: RecordSchema, ...errors(400, 401, 403, 413, 415, 422) },
          },
        },
        async (req, reply) => {
          const length = Number(req.headers['content-length'] ?? NaN);
          if (Number.isFinite(length) && length > uploads.plainMaxBytes)
            throw new DomainError(
              'tooLarge',
              'UPLOAD_TOO_LARGE',
              `文件超过 ${Math.round(uploads.plainMaxBytes / 1024 / 1024)} MiB，请使用断点续传上传`,
              'file',
            );
          const r = await records.createRecord(deps, actorOf(req), {
            content: req.raw,
            fileName: decodeFileName(req.headers['x-file-name']),
            mediaType: req.headers['content-type'] ?? '',
            ...(typeof req.headers['x-content-sha256'] === 'string' && {
              expectedSha256: req.headers['x-content-sha256'],
            }),
            maxBytes: uploads.plainMaxBytes,
          });
          return reply.status(201).send(r);
        },
      );

      // tus answers through Fastify's reply like every other route (not a hijacked raw response), so
      // the same hooks set the same security headers on it.
      const tusHandler = async (req: FastifyRequest, reply: FastifyReply) => {
        const userId = principalOf(req).userId;
        const { uploadId } = req.params as { uploadId?: string };
        if (uploadId !== undefined && req.method !== 'OPTIONS') await ownUpload(uploadId, userId);
        const res = await tus.handleWeb(tusRequest(req, userId));
        // The workbench is same-origin: none of the CORS headers tus adds for any origin go out.
        for (const [name, value] of res.headers)
          if (!name.startsWith('access-control-')) reply.header(name, value);
        // Only short status texts: on these routes tus never sends file content.
        const body = Buffer.from(await res.arrayBuffer());
        return reply.status(res.status).send(body.length > 0 ? body : undefined);
      };
      const tusRoute = { config: { access: 'record.create' as const }, schema: { hide: true } };
      raw.route({ method: ['POST', 'OPTIONS'], url: '/api/uploads', ...tusRoute, handler: tusHandler });
      raw.route({
        method: ['PATCH', 'HEAD', 'DELETE', 'OPTIONS'],
        url: '/api/uploads/:uploadId',
        ...tusRoute,
        schema: { hide: true, params: Obj({ uploadId: UploadId }) },
        handler: tusHandler,
      });
    });

    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['记录资料'];
    /** A finished resumable upload of this user, or a 404/409 that says why not. */
    const completedUpload = async (uploadId: string, userId: string) => {
      const upload = await store.getUpload(uploadId).catch(() => null);
      if (!upload || upload.metadata?.owner !== userId)
        throw notFound('UPLOAD_NOT_FOUND', '上传不存在或已过期');
      if (upload.size === undefined || upload.offset !== upload.size)
        throw new DomainError(
          'conflict',
          'UPLOAD_INCOMPLETE',
          `上传尚未完成（${upload.offset}/${upload.size ?? '?'} 字节）`,
        );
      return {
        path: `${uploads.dir}/${upload.id}`,
        ...(upload.metadata?.filename != null && { fileName: upload.metadata.filename }),
        ...(upload.metadata?.filetype != null && { mediaType: upload.metadata.filetype }),
        remove: () => removeUpload(store, upload.id),
        digests: () => finishedUploadDigests(store, upload.id, upload.offset),
      } satisfies records.FinishedUpload;
    };
    /**
     * Makes a record from a finished upload while holding the upload's lock: a second request for
     * the same upload (a retry reaching another node) waits, then finds it gone, so one upload never
     * becomes two records.
     */
    const adopt = async <T>(
      uploadId: string,
      userId: string,
      make: (upload: records.FinishedUpload) => Promise<T>,
    ): Promise<T> => {
      const lock = locks.newLock(uploadId);
      await lock
        .lock(new AbortController().signal, () => undefined)
        .catch(() => {
          throw new DomainError('conflict', 'UPLOAD_BUSY', '该上传正在处理中，请稍后再试');
        });
      try {
        return await make(await completedUpload(uploadId, userId));
      } finally {
        await lock.unlock();
      }
    };

    app.post(
      '/api/records/from-upload',
      {
        config: { access: 'record.create' },
        schema: {
          tags,
          summary: '断点续传完成后，将上传的文件登记为记录',
          body: FromUploadBodySchema,
          response: { 201: RecordSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (req, reply) => {
        const r = await adopt(req.body.uploadId, principalOf(req).userId, (upload) =>
          records.recordFromUpload(upload, req.body, (content) =>
            records.createRecord(deps, actorOf(req), content),
          ),
        );
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/api/steps/:id/records',
      {
        config: { access: 'case.act', caseAccess: { action: 'case.act', of: 'step' } },
        schema: {
          tags: ['案件'],
          summary:
            '为执法环节登记记录资料（先以断点续传上传文件）；更正记录时指明被更正的版本并说明理由；音像记录须填写记录仪、人员、起止时间、地点',
          params: IdParams,
          body: StepRecordBodySchema,
          response: { 201: RecordSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (req, reply) => {
        const step = await getStep(deps, req.params.id);
        const { uploadId, fileName, sha256, ...meta } = req.body;
        const r = await adopt(uploadId, principalOf(req).userId, (upload) =>
          records.recordFromUpload(upload, { fileName, sha256 }, (content) =>
            records.createRecord(deps, actorOf(req), {
              ...content,
              meta: { ...meta, caseId: step.caseId, stepId: step.id },
            }),
          ),
        );
        return reply.status(201).send(r);
      },
    );
    app.post(
      '/api/documents/:id/signed-scan',
      {
        config: { access: 'document.write', caseAccess: { action: 'document.write', of: 'document' } },
        schema: {
          tags: ['执法文书'],
          summary:
            '附当事人签名的文书扫描件（笔录、送达回证、清单；先以断点续传上传）：登记为本案记录并标记文书已签名；结案后、归档前仍可附',
          params: IdParams,
          body: FromUploadBodySchema,
          response: { 201: RecordSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (req, reply) => {
        const r = await adopt(req.body.uploadId, principalOf(req).userId, (upload) =>
          records.recordFromUpload(
            upload,
            req.body,
            (content) => attachSignedScan(deps, actorOf(req), req.params.id, content),
            'scan',
          ),
        );
        return reply.status(201).send(r);
      },
    );
    // Records are never changed or deleted (REC-07): the attempt is refused and reported (REC-11).
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const)
      app.route({
        method,
        url: '/api/records/:id',
        // No case check: every attempt, by anyone, is refused and reported to the supervisor (REC-11).
        config: { access: 'record.read' },
        schema: {
          tags,
          summary: '（不允许）修改或删除记录资料：一律拒绝（409），并记入监督清单',
          params: IdParams,
          response: { ...errors(400, 401, 403, 404, 409) },
        },
        handler: async (req) =>
          records.refuseAlteration(
            deps,
            actorOf(req),
            req.params.id,
            method === 'DELETE' ? 'delete' : 'alter',
          ),
      });

    app.get(
      '/api/records',
      {
        config: { access: 'record.read' },
        schema: {
          tags,
          summary: '记录列表（新在前，游标分页；含所属案件的案号与案由）',
          querystring: RecordListQuerySchema,
          response: { 200: RecordListPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        records.listRecords(deps, viewerOf(req), {
          limit: req.query.limit ?? 50,
          ...(req.query.cursor !== undefined && { cursor: req.query.cursor }),
        }),
    );
    app.get(
      '/api/records/:id',
      {
        config: { access: 'record.read', caseAccess: { action: 'case.read', of: 'record' } },
        schema: {
          tags,
          summary: '记录详情',
          params: IdParams,
          response: { 200: RecordSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => records.getRecord(deps, req.params.id, viewerOf(req)),
    );
    app.get(
      '/api/records/:id/content',
      {
        config: { access: 'record.read', caseAccess: { action: 'case.read', of: 'record' } },
        schema: {
          tags,
          summary: '调阅记录内容（须说明调阅事由；支持 Range；每次调阅均留痕）',
          params: IdParams,
          querystring: Obj({
            purpose: Type.Optional(MultiLine(200, 0)),
            download: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
          }),
          response: { 200: Binary, 206: Binary, 416: ErrorSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const meta = await records.getRecord(deps, req.params.id, viewerOf(req));
        const range = parseRange(req.headers.range, records.visibleSize(meta));
        if (range === 'unsatisfiable') {
          return reply
            .status(416)
            .header('content-range', `bytes */${meta.size}`)
            .send({
              error: { code: 'RANGE_NOT_SATISFIABLE', message: '请求的字节范围超出文件大小', field: 'range' },
            });
        }
        const { record, stream } = await records.retrieve(deps, actorOf(req), viewerOf(req), meta.id, {
          ...(req.query.purpose !== undefined && { purpose: req.query.purpose }),
          ...(range && { range }),
        });
        const disposition = req.query.download === '1' ? 'attachment' : 'inline';
        reply
          .header('content-type', record.mediaType)
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, no-store')
          // The workbench shows PDFs in a frame of its own; nobody else may frame content.
          .header('x-frame-options', 'SAMEORIGIN')
          .header(
            'content-disposition',
            `${disposition}; filename*=UTF-8''${encodeURIComponent(record.fileName)}`,
          )
          // Content is shown by the browser, never run: no scripts; framing only by the workbench.
          .header(
            'content-security-policy',
            record.mediaType === 'application/pdf'
              ? "frame-ancestors 'self'"
              : "default-src 'none'; frame-ancestors 'self'",
          );
        if (range) {
          reply
            .status(206)
            .header('content-range', `bytes ${range.start}-${range.end}/${record.size}`)
            .header('content-length', range.end - range.start + 1);
        } else reply.header('content-length', record.size);
        return reply.send(stream);
      },
    );
    app.get(
      '/api/records/:id/retrievals',
      {
        config: { access: 'retrieval.read', caseAccess: { action: 'case.read', of: 'record' } },
        schema: {
          tags,
          summary: '某记录的调阅记录（谁、何时、事由、范围）',
          params: IdParams,
          querystring: RecordListQuerySchema,
          response: { 200: RetrievalPageSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) =>
        records.listRetrievals(deps, {
          recordId: req.params.id,
          limit: req.query.limit ?? 50,
          ...(req.query.cursor !== undefined && { cursor: req.query.cursor }),
        }),
    );
  };
