import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config';
import { ROLES, ROLE_LABELS } from '../../domain/policy';
import { failureKeyFrom, login, logout, me } from '../../services/auth-service';
import type { Deps } from '../../services/deps';
import { changeOwnPassword } from '../../services/user-service';
import { loadOrCreateFieldKey } from '../../storage/keys';
import { principalOf, SESSION_COOKIE } from '../auth';
import { errors, NoContent } from '../schemas';
import { LoginBodySchema, PasswordChangeBodySchema, RoleListSchema, SessionSchema } from './auth.schema';

export const authRoutes =
  (deps: Deps, config: Config): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    // Failed logins are counted under a keyed hash of (name, client address) (PLT-03, PLT-08).
    const authDeps = { ...deps, failureKey: failureKeyFrom(loadOrCreateFieldKey(config.fieldKeyFile)) };

    app.post(
      '/auth/login',
      {
        config: { access: 'public', rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ['认证'],
          summary: '用户名密码登录，设置会话 Cookie',
          body: LoginBodySchema,
          response: { 200: SessionSchema, ...errors(400, 401, 429) },
        },
      },
      async (req, reply) => {
        const r = await login(authDeps, req.body.username, req.body.password, { ip: req.ip });
        reply.setCookie(SESSION_COOKIE, r.sessionId, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.cookieSecure,
        });
        return { user: r.user, csrfToken: r.csrfToken, permissions: r.permissions };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'authenticated', passwordChange: true },
        schema: { tags: ['认证'], summary: '退出登录', response: { 204: NoContent, ...errors(401, 403) } },
      },
      async (req, reply) => {
        await logout(deps, principalOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/password',
      {
        config: {
          access: 'authenticated',
          passwordChange: true,
          // Guessing the current password through a stolen session is held to the login pace.
          rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['认证'],
          summary: '修改本人密码（需当前密码；结束本人的其他会话）',
          body: PasswordChangeBodySchema,
          response: { 204: NoContent, ...errors(400, 401, 403, 429) },
        },
      },
      async (req, reply) => {
        await changeOwnPassword(deps, principalOf(req), req.body.currentPassword, req.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'authenticated', passwordChange: true },
        schema: {
          tags: ['认证'],
          summary: '当前用户、权限与 CSRF 令牌',
          response: { 200: SessionSchema, ...errors(401) },
        },
      },
      async (req) => me(deps, principalOf(req)),
    );

    app.get(
      '/meta/roles',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['认证'],
          summary: '角色及其中文名称',
          response: {
            200: RoleListSchema,
            ...errors(401),
          },
        },
      },
      () => ({ items: ROLES.map((role) => ({ role, label: ROLE_LABELS[role] })) }),
    );
  };
