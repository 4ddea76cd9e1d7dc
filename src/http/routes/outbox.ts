import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as outbox from '../../services/outbox-service';
import * as platforms from '../../services/platform-service';
import type { PlatformDeps } from '../../services/platform-service';
import { actorOf } from '../auth';
import { errors, IdParams } from '../schemas';
import {
  DeadQuerySchema,
  DeliveryListSchema,
  DeliveryPageSchema,
  DeliveryQuerySchema,
  DeliverySchema,
  NewPlatformSchema,
  PlatformListSchema,
  PlatformPatchSchema,
  PlatformSchema,
  RetriedSchema,
} from './outbox.schema';

/** The publication outbox (PUB-03): receiving platforms, delivery status, the dead-letter list. */
export const outboxRoutes =
  (deps: PlatformDeps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['公示推送'];

    app.get(
      '/outbox/platforms',
      {
        config: { access: 'outbox.manage' },
        schema: { tags, summary: '接收平台列表', response: { 200: PlatformListSchema, ...errors(401, 403) } },
      },
      async () => ({ items: await platforms.listPlatforms(deps) }),
    );
    app.post(
      '/outbox/platforms',
      {
        config: { access: 'outbox.manage' },
        schema: {
          tags,
          summary: '新增接收平台（签名密钥只写入，不再返回）',
          body: NewPlatformSchema,
          response: { 201: PlatformSchema, ...errors(400, 401, 403, 409) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await platforms.createPlatform(deps, actorOf(req), req.body)),
    );
    app.patch(
      '/outbox/platforms/:id',
      {
        config: { access: 'outbox.manage' },
        schema: {
          tags,
          summary: '修改接收平台（名称、地址、更换密钥、启用或停用）',
          params: IdParams,
          body: PlatformPatchSchema,
          response: { 200: PlatformSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => platforms.updatePlatform(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/outbox',
      {
        config: { access: 'outbox.read' },
        schema: {
          tags,
          summary: '公示事项的推送状态（每个接收平台、每次公示、撤回或撤下各一条）',
          querystring: DeliveryQuerySchema,
          response: { 200: DeliveryListSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => outbox.deliveriesOfItem(deps, req.query.itemId),
    );
    app.get(
      '/outbox/dead',
      {
        config: { access: 'outbox.manage' },
        schema: {
          tags,
          summary: '投递失败的推送（死信），新的在前',
          querystring: DeadQuerySchema,
          response: { 200: DeliveryPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        outbox.listDead(deps, {
          limit: req.query.limit ?? 50,
          ...(req.query.cursor && { cursor: req.query.cursor }),
        }),
    );
    app.post(
      '/outbox/dead/retry',
      {
        config: { access: 'outbox.manage' },
        schema: {
          tags,
          summary: '重新推送全部投递失败的记录',
          response: { 200: RetriedSchema, ...errors(401, 403) },
        },
      },
      async (req) => outbox.retryAllDead(deps, actorOf(req)),
    );
    app.post(
      '/outbox/deliveries/:id/retry',
      {
        config: { access: 'outbox.manage' },
        schema: {
          tags,
          summary: '重新推送一条投递失败的记录',
          params: IdParams,
          response: { 200: DeliverySchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => outbox.retryDelivery(deps, actorOf(req), req.params.id),
    );
  };
