import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/http/auth';
import { operationIdOf, securityOf } from '../../src/http/openapi';
import { makeTestApp, type TestApp } from '../app';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}
interface Spec {
  components: { securitySchemes: Record<string, Record<string, string>> };
  paths: Record<string, Record<string, Operation>>;
}

describe('operation names and security, derived from the route', () => {
  it('names an operation from its method and URL, camelCase, without the /api prefix', () => {
    expect(operationIdOf('GET', '/api/auth/me')).toBe('getAuthMe');
    expect(operationIdOf('POST', '/api/cases/:id/steps')).toBe('postCasesByIdSteps');
    expect(operationIdOf('POST', '/api/records/from-upload')).toBe('postRecordsFromUpload');
    expect(operationIdOf('GET', '/transparency/proof/inclusion')).toBe('getTransparencyProofInclusion');
    expect(operationIdOf('GET', '/api')).toBe('getRoot');
  });

  it('public needs nothing; a read takes the session or a bearer token; a change needs the CSRF header too', () => {
    expect(securityOf('POST', 'public')).toEqual([]);
    expect(securityOf('GET', 'authenticated')).toEqual([{ session: [] }, { bearer: [] }]);
    expect(securityOf('PATCH', 'case.update')).toEqual([{ session: [], csrf: [] }, { bearer: [] }]);
  });
});

describe('the OpenAPI document fits client generators', () => {
  let t: TestApp;
  let spec: Spec;
  let ops: Array<{ method: string; path: string; op: Operation }>;

  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    spec = (await t.app.inject({ url: '/api/openapi.json' })).json<Spec>();
    ops = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t?.close());

  it('declares the session cookie, the CSRF header and the bearer token', () => {
    expect(spec.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      bearer: { type: 'http', scheme: 'bearer' },
    });
  });

  it('every operation has a unique camelCase operationId', () => {
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map((o) => o.op.operationId);
    for (const [i, id] of ids.entries())
      expect(id, `${ops[i]!.method} ${ops[i]!.path}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every operation declares its security, and only schemes the document defines', () => {
    for (const { method, path, op } of ops) {
      expect(Array.isArray(op.security), `${method} ${path}`).toBe(true);
      for (const requirement of op.security!)
        for (const scheme of Object.keys(requirement))
          expect(spec.components.securitySchemes, `${method} ${path}`).toHaveProperty(scheme);
      if (op.security!.length > 0 && method !== 'GET')
        expect(op.security, `${method} ${path}`).toContainEqual({ session: [], csrf: [] });
    }
  });

  it('public operations declare `security: []` and are exactly those an anonymous caller may reach', async () => {
    const publicOps: string[] = [];
    for (const { method, path, op } of ops) {
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => (n === 'year' ? '2026' : randomUUID()));
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      if (op.security!.length === 0) {
        publicOps.push(`${method} ${path}`);
        expect(res.statusCode, `${method} ${path}`).not.toBe(401);
      } else expect(res.statusCode, `${method} ${path}`).toBe(401);
    }
    expect(publicOps).toContain('POST /api/auth/login');
    expect(publicOps).toContain('GET /transparency/checkpoint');
  });

  it('a rate-limited operation documents its 429 answer', () => {
    const key = spec.paths['/transparency/key']!.get!;
    expect(Object.keys(key.responses ?? {})).toContain('429');
  });
});
