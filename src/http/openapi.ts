import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from './auth';
import { ErrorSchema } from './schemas';

/**
 * The OpenAPI document, written for the client generators integrators use: every operation has a
 * stable, unique `operationId` and states how it is authenticated. Both are derived here, in one
 * place, from what each route already declares (method, URL, `config.access`), so a new route needs
 * nothing extra to be documented properly.
 */

/** Security requirements; one object = schemes required together, several = alternatives. */
type Security = readonly Record<string, readonly string[]>[];
export const PUBLIC: Security = [];
/** A read: the session cookie, or a bearer token. */
export const READ_SECURITY: Security = [{ session: [] }, { bearer: [] }];
/** A change: the session cookie with its CSRF header (see auth.ts), or a bearer token. */
export const WRITE_SECURITY: Security = [{ session: [], csrf: [] }, { bearer: [] }];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** `from-upload` → `FromUpload`; `:id` → `ById`. */
const wordsOf = (segment: string) =>
  (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(capitalize)
    .join('');

/**
 * `POST /api/cases/:id/steps` → `postCasesByIdSteps`. Mechanical on purpose: the same route always
 * gets the same name, so generated clients do not change when routes are added or reordered. The
 * `/api` prefix is dropped (every operation has it but the transparency log's).
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean);
  return method.toLowerCase() + (segments.map(wordsOf).join('') || 'Root');
}

/** What a route's `config.access` means for the document: public routes need nothing. */
export function securityOf(method: string, access: string | undefined): Security {
  if (access === 'public') return PUBLIC;
  return SAFE_METHODS.has(method.toUpperCase()) ? READ_SECURITY : WRITE_SECURITY;
}

function describeRoute(route: RouteOptions): void {
  const schema = (route.schema ?? {}) as {
    hide?: boolean;
    operationId?: string;
    security?: Security;
    response?: Record<string, unknown>;
  };
  if (schema.hide) return;
  // A rate-limited route may answer 429 (errors.ts), whether or not its author listed it.
  const response =
    route.config?.rateLimit && schema.response && !('429' in schema.response)
      ? { ...schema.response, 429: ErrorSchema }
      : schema.response;
  // A route answering several methods is documented once per method by the generator, which would
  // repeat one id; such routes (tus) are hidden, so one method is the case to describe.
  const method = Array.isArray(route.method) ? route.method.join('') : route.method;
  route.schema = {
    ...schema,
    ...(response && { response }),
    operationId: schema.operationId ?? operationIdOf(method, route.url),
    security: schema.security ?? securityOf(method, route.config?.access),
  };
}

/** Registers the document, its browser at /api/docs and its JSON at /api/openapi.json. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', describeRoute);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'zhifa 执法三项制度平台 API',
        version: '0.1.0',
        description: '错误格式：{ "error": { "code", "message", "field" } }',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: '登录（POST /api/auth/login）后设置的会话 Cookie',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: '会话方式下，修改类请求须带上登录时返回的 csrfToken',
          },
          bearer: { type: 'http', scheme: 'bearer', description: '管理员签发的 API 令牌' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}
