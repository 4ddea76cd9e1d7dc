import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../services/deps';
import * as users from '../../services/user-service';
import { actorOf } from '../auth';
import { errors, IdParams, NoContent } from '../schemas';
import {
  ApiTokenListSchema,
  CreatedTokenSchema,
  ManagedUserListSchema,
  ManagedUserSchema,
  NewTokenSchema,
  NewUserSchema,
  PasswordResetSchema,
  UserPatchSchema,
} from './users.schema';

export const userRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['用户与角色'];

    app.get(
      '/users',
      {
        config: { access: 'user.read' },
        schema: {
          tags,
          summary: '用户列表',
          response: { 200: ManagedUserListSchema, ...errors(401, 403) },
        },
      },
      async () => ({ items: await users.listUsers(deps) }),
    );
    app.post(
      '/users',
      {
        config: { access: 'user.write' },
        schema: {
          tags,
          summary: '新建用户',
          body: NewUserSchema,
          response: { 201: ManagedUserSchema, ...errors(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await users.createUser(deps, actorOf(req), req.body)),
    );
    app.patch(
      '/users/:id',
      {
        config: { access: 'user.write' },
        schema: {
          tags,
          summary: '修改用户（姓名、角色、关联执法人员、停用）',
          params: IdParams,
          body: UserPatchSchema,
          response: { 200: ManagedUserSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => users.updateUser(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/users/:id/password',
      {
        config: { access: 'user.write' },
        schema: {
          tags,
          summary: '重置密码（结束该用户所有会话；该用户下次登录须先修改密码）',
          params: IdParams,
          body: PasswordResetSchema,
          response: { 204: NoContent, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await users.resetPassword(deps, actorOf(req), req.params.id, req.body.password);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/users/:id/unlock',
      {
        config: { access: 'user.write' },
        schema: {
          tags,
          summary: '解除登录锁定（所有来源地址）',
          params: IdParams,
          response: { 200: ManagedUserSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => users.unlockUser(deps, actorOf(req), req.params.id),
    );

    app.get(
      '/users/:id/tokens',
      {
        config: { access: 'token.manage' },
        schema: {
          tags,
          summary: '用户的 API 令牌',
          params: IdParams,
          response: { 200: ApiTokenListSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await users.listTokens(deps, req.params.id) }),
    );
    app.post(
      '/users/:id/tokens',
      {
        config: { access: 'token.manage' },
        schema: {
          tags,
          summary: '创建 API 令牌（令牌只显示这一次）',
          params: IdParams,
          body: NewTokenSchema,
          response: { 201: CreatedTokenSchema, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await users.createToken(deps, actorOf(req), req.params.id, req.body.name)),
    );
    app.post(
      '/tokens/:id/revoke',
      {
        config: { access: 'token.manage' },
        schema: {
          tags,
          summary: '撤销 API 令牌',
          params: IdParams,
          response: { 204: NoContent, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await users.revokeToken(deps, actorOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
