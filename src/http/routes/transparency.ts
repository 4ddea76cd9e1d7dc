import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config';
import type { Deps } from '../../services/deps';
import * as tr from '../../services/transparency-service';
import { errors } from '../schemas';
import {
  CheckpointPageSchema,
  CheckpointQuerySchema,
  CheckpointSchema,
  ConsistencyProofSchema,
  ConsistencyQuerySchema,
  InclusionProofSchema,
  InclusionQuerySchema,
} from './transparency.schema';

/**
 * Public transparency endpoints (PLT-04): the signed checkpoint, its history, and proofs, so that
 * anyone can hold the office to one history. Answers are plain data; nothing personal is in them.
 */
export const transparencyRoutes =
  (deps: Deps, config: Config, t: tr.Transparency): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['透明度（公开）'];
    const access = {
      access: 'public' as const,
      rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 },
    };

    app.get(
      '/transparency/checkpoint',
      {
        config: access,
        schema: {
          tags,
          summary: '最新签名检查点（C2SP signed note，text/plain）',
          response: { 200: Type.String(), ...errors(409) },
        },
      },
      async (_req, reply) => {
        const c = (await tr.latestCheckpoint(deps)) ?? (await tr.makeCheckpoint(deps, t));
        return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(c.note);
      },
    );
    app.get(
      '/transparency/key',
      {
        config: access,
        schema: {
          tags,
          summary: '检查点验证公钥（<name>+<key id>+<key>）',
          response: { 200: Type.String() },
        },
      },
      async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`${t.verifierKey}\n`),
    );
    app.get(
      '/transparency/checkpoints',
      {
        config: access,
        schema: {
          tags,
          summary: '检查点历史（新在前，游标分页）',
          querystring: CheckpointQuerySchema,
          response: { 200: CheckpointPageSchema, ...errors(400) },
        },
      },
      async (req) =>
        tr.listCheckpoints(deps, {
          limit: req.query.limit ?? 50,
          ...(req.query.cursor !== undefined && { beforeSize: req.query.cursor }),
        }),
    );
    app.get(
      '/transparency/proof/inclusion',
      {
        config: access,
        schema: {
          tags,
          summary: '包含证明：第 index 条留痕（从 0 起）包含在大小为 size 的树中',
          querystring: InclusionQuerySchema,
          response: { 200: InclusionProofSchema, ...errors(400) },
        },
      },
      async (req) => tr.inclusion(deps, req.query.index, req.query.size),
    );
    app.get(
      '/transparency/proof/consistency',
      {
        config: access,
        schema: {
          tags,
          summary: '一致性证明：大小为 from 的树是大小为 to 的树的前缀',
          querystring: ConsistencyQuerySchema,
          response: { 200: ConsistencyProofSchema, ...errors(400) },
        },
      },
      async (req) => tr.consistency(deps, req.query.from, req.query.to),
    );
    app.post(
      '/api/transparency/checkpoints',
      {
        config: { access: 'checkpoint.sign' },
        schema: {
          tags: ['留痕'],
          summary: '立即签名一个检查点',
          response: { 201: CheckpointSchema, ...errors(401, 403, 409) },
        },
      },
      async (_req, reply) => reply.status(201).send(await tr.makeCheckpoint(deps, t)),
    );
  };
