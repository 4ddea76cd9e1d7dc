import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors';
import type { CaseAction } from '../domain/case-access';
import { can, type Action } from '../domain/policy';
import { sessionPrincipal, tokenPrincipal, type Principal } from '../services/auth-service';
import { authorizeCaseObject, type CaseObject } from '../services/case-access-service';
import type { Deps } from '../services/deps';

/** What a route requires: nobody (`public`), any signed-in user, or permission for an action. */
export type Access = 'public' | 'authenticated' | Action;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * For routes about a case or something under it (PLT-07): the object `params.id` names and
     * the case action the user needs on its case. Checked after validation, before the handler.
     */
    caseAccess?: { action: CaseAction; of: CaseObject };
    /** Open to a user who must still change their password (me, logout, the change itself). */
    passwordChange?: boolean;
  }
}

export const SESSION_COOKIE = 'zhifa_session';
/** The header a cookie session echoes its CSRF token in, on every request that changes something. */
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(deps: Deps, req: FastifyRequest): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const p = m?.[1] ? await tokenPrincipal(deps, m[1]) : null;
    if (!p) throw new DomainError('unauthenticated', 'AUTH_TOKEN_INVALID', 'API 令牌无效或已撤销');
    return p;
  }
  const sid = req.cookies[SESSION_COOKIE];
  return sid ? sessionPrincipal(deps, sid) : null;
}

/**
 * Authentication and authorisation for every route, before the body is even parsed, so that
 * 401 and 403 come before 400. Routes without a declared access level are refused: a route that
 * forgot to say who may use it is closed, not open.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access;
    if (access === undefined) {
      if (req.routeOptions.url === undefined) return; // 404: no route matched
      throw new DomainError('forbidden', 'ACCESS_UNDECLARED', '该接口未声明访问权限');
    }
    if (access === 'public') return;
    const p = await authenticate(deps, req);
    if (!p) throw new DomainError('unauthenticated', 'AUTH_REQUIRED', '请先登录');
    req.principal = p;
    // CSRF: a cookie session must echo its token on every change; bearer tokens are not sent by browsers.
    if (p.via === 'session' && !SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== p.csrfToken) {
      throw new DomainError('forbidden', 'CSRF_TOKEN_INVALID', '请求校验失败（CSRF），请刷新页面后重试');
    }
    // A password someone else chose (first administrator, reset) is replaced before any work done
    // with it. API tokens are credentials of their own, issued by an administrator: unaffected.
    if (p.via === 'session' && p.mustChangePassword && req.routeOptions.config.passwordChange !== true) {
      throw new DomainError('forbidden', 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码，再进行其他操作');
    }
    if (access !== 'authenticated' && !can(p.roles, access)) {
      throw new DomainError('forbidden', 'FORBIDDEN', '您没有执行此操作的权限');
    }
  });
  // Object-level access (PLT-07): the role allowed the kind of act; the case decides whether this one.
  app.addHook('preHandler', async (req) => {
    const rule = req.routeOptions.config.caseAccess;
    if (!rule) return;
    const id = (req.params as { id?: string }).id;
    if (id === undefined)
      throw new Error(`route ${req.routeOptions.url ?? ''} declares caseAccess without :id`);
    await authorizeCaseObject(deps.db, viewerOf(req), rule.action, rule.of, id);
  });
}

/**
 * Who is asking, on a public route that answers some callers more (`/healthz`): the signed-in user,
 * or null for anyone else — no credentials, a bad or revoked one, or a password still to change.
 * Never refuses: the public answer stays what it is for everyone.
 */
export async function optionalPrincipal(deps: Deps, req: FastifyRequest): Promise<Principal | null> {
  const p = await authenticate(deps, req).catch(() => null);
  return p && !(p.via === 'session' && p.mustChangePassword) ? p : null;
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new DomainError('unauthenticated', 'AUTH_REQUIRED', '请先登录');
  return req.principal;
}

export function actorOf(req: FastifyRequest) {
  return { type: 'user' as const, id: principalOf(req).userId };
}

/** The signed-in user as services and the access policy see them (roles, officer, unit). */
export function viewerOf(req: FastifyRequest) {
  const p = principalOf(req);
  return { userId: p.userId, roles: p.roles, officerId: p.officerId, unitId: p.unitId };
}
