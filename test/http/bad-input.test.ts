import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, login, makeTestApp, type Session, type TestApp } from '../app';

/**
 * Bad input across all routes (PLT-05): driven by the OpenAPI document, so every route that
 * is added is covered. Each bad request must get a 4xx with a stable code and, where one input
 * is at fault, its field — never a 500.
 */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxLength?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
}
interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  query: Array<{ name: string; schema: JsonSchema; required?: boolean }>;
  params: Array<{ name: string; schema: JsonSchema }>;
}

/** A value the schema accepts; patterns we use are listed, an unknown one fails loudly. */
function validValue(s: JsonSchema, name: string): unknown {
  if (s.enum) return s.enum[0];
  if (s.anyOf) return validValue(s.anyOf[0]!, name);
  switch (s.type) {
    case 'string': {
      const known: Record<string, string> = {
        '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$': randomUUID(),
        '^\\d{4}-\\d{2}-\\d{2}$': '2026-03-02',
        '^[A-Za-z0-9_.-]+$': `user${Math.floor(Math.random() * 1e9)}`,
        '^[0-9A-Za-z-]+$': String(Math.floor(1e9 + Math.random() * 9e9)),
        '^[0-9a-zA-Z_-]{8,64}$': 'abcdef0123456789',
        '^[0-9a-f]{64}$': 'a'.repeat(64),
        '^(permanent|[1-9]\\d{0,2}[ym])$': '30y',
        '^(\\d{4}-\\d{2}-\\d{2}~)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$':
          randomUUID(),
      };
      if (s.pattern) {
        const v = known[s.pattern];
        if (v === undefined) throw new Error(`no sample for pattern ${s.pattern} (${name})`);
        return v;
      }
      return name === 'password' ? 'a-long-enough-password' : '测'.repeat(Math.max(1, s.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return s.minimum !== undefined ? Math.min(s.maximum ?? Infinity, Math.max(s.minimum, 2026)) : 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => validValue(s.items!, name));
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validValue(v, k)]));
    case undefined:
    default:
      throw new Error(`no sample for ${JSON.stringify(s)}`);
  }
}

function wrongTypeValue(s: JsonSchema): unknown {
  const t = s.type ?? s.anyOf?.[0]?.type;
  return t === 'string'
    ? 12345
    : t === 'array'
      ? 'not-an-array'
      : t === 'object'
        ? [1]
        : 'not-a-number-or-boolean';
}

describe('bad input on every route', () => {
  let t: TestApp;
  let admin: Session;
  let ops: Operation[] = [];
  /** Each route is called by a user allowed to call it, so that validation (not policy) answers. */
  const callers = new Map<Operation, Session>();

  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    admin = await login(t.app, 'admin');
    const others = [
      await login(t.app, 'officer1'),
      await login(t.app, 'leader'),
      await login(t.app, 'keeper'),
      await login(t.app, 'supervisor'),
      await login(t.app, 'reviewer'),
    ];
    type Spec = {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
            parameters?: Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }>;
          }
        >
      >;
    };
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json<Spec>();
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (path === '/api/auth/logout') continue; // would end the session under test
        ops.push({
          method: method.toUpperCase(),
          path,
          body: op.requestBody?.content['application/json']?.schema,
          query: (op.parameters ?? []).filter((p) => p.in === 'query'),
          params: (op.parameters ?? []).filter((p) => p.in === 'path'),
        });
      }
    }
    ops = ops.filter((o) => !o.path.includes('/photo') || o.method === 'GET');
    for (const o of ops) {
      let who = admin;
      for (const s of others) {
        const probe = await t.app.inject({
          method: o.method as 'POST',
          url: urlOf(o),
          headers: { ...who.headers, 'content-type': 'application/json' },
          ...(o.method === 'GET' ? {} : { payload: '{}' }),
        });
        if (probe.statusCode !== 403) break;
        who = s;
      }
      callers.set(o, who);
    }
  });
  afterAll(() => t?.close());

  const urlOf = (o: Operation, params: Record<string, string> = {}) =>
    o.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? (n === 'year' ? '2026' : randomUUID()));
  const call = (o: Operation, payload: unknown, url = urlOf(o)) =>
    t.app.inject({
      method: o.method as 'POST',
      url,
      headers: { ...(callers.get(o) ?? admin).headers, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('PLT-05 every string in every request schema has a length limit, and objects refuse unknown fields', () => {
    const walk = (s: JsonSchema, at: string) => {
      if (s.type === 'string' && s.enum === undefined)
        expect(s.maxLength, `${at} has no maxLength`).toBeDefined();
      if (s.type === 'object') {
        expect(
          (s as { additionalProperties?: boolean }).additionalProperties,
          `${at} allows unknown fields`,
        ).toBe(false);
        for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${at}.${k}`);
      }
      if (s.items) walk(s.items, `${at}[]`);
      for (const a of s.anyOf ?? []) walk(a, at);
    };
    for (const o of ops) {
      if (o.body) walk(o.body, `${o.method} ${o.path} body`);
      for (const q of [...o.query, ...o.params]) walk(q.schema, `${o.method} ${o.path} ${q.name}`);
    }
  });

  it('PLT-05 every free-text string in every request goes through the text rules; a NUL in any body text is a 400 TEXT_INVALID naming the field', async () => {
    const walk = (s: JsonSchema, at: string) => {
      if (s.type === 'string' && s.enum === undefined && s.pattern === undefined && s.format === undefined)
        expect((s as { 'x-text'?: string })['x-text'], `${at} is not checked as text`).toMatch(
          /^(line|multiLine|name)$/,
        );
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${at}.${k}`);
      if (s.items) walk(s.items, `${at}[]`);
      for (const a of s.anyOf ?? []) walk(a, at);
    };
    let checked = 0;
    for (const o of ops) {
      const route = `${o.method} ${o.path}`;
      if (o.body) walk(o.body, `${route} body`);
      for (const q of [...o.query, ...o.params]) walk(q.schema, `${route} ${q.name}`);
      if (!o.body) continue;
      const valid = validValue(o.body, 'body') as Record<string, unknown>;
      for (const [name, prop] of Object.entries(o.body.properties ?? {})) {
        if ((prop as { 'x-text'?: string })['x-text'] === undefined) continue;
        const r = await call(o, { ...valid, [name]: '测\u0000试' });
        expect(r.statusCode, `${route} ${name}`).toBe(400);
        expect(errorOf(r), `${route} ${name}`).toMatchObject({ code: 'TEXT_INVALID', field: name });
        expect(errorOf(r).message).toMatch(/[\u4e00-\u9fa5]/);
        expect(errorOf(r).message).not.toContain('测');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('PLT-05 malformed JSON, non-object bodies, unknown fields, wrong types, over-long strings and missing fields give 400 with code and field', async () => {
    let checked = 0;
    for (const o of ops.filter((x) => x.body)) {
      const route = `${o.method} ${o.path}`;
      const body = o.body!;
      const malformed = await call(o, '{"name": ');
      expect(malformed.statusCode, route).toBe(400);
      expect(errorOf(malformed).code, route).toBe('MALFORMED_JSON');

      for (const notObject of [[], 'text', 42, null]) {
        const r = await call(o, notObject);
        expect(r.statusCode, `${route} ${JSON.stringify(notObject)}`).toBe(400);
        expect(errorOf(r).code).toMatch(/^[A-Z_]+$/);
      }

      const valid = validValue(body, 'body') as Record<string, unknown>;
      const unknown = await call(o, { ...valid, zzUnknown: 1 });
      expect(unknown.statusCode, route).toBe(400);
      expect(errorOf(unknown), route).toMatchObject({
        code: 'VALIDATION_ADDITIONAL_PROPERTIES',
        field: 'zzUnknown',
      });

      for (const [name, prop] of Object.entries(body.properties ?? {})) {
        const wrong = await call(o, { ...valid, [name]: wrongTypeValue(prop) });
        expect(wrong.statusCode, `${route} ${name} wrong type`).toBe(400);
        expect(errorOf(wrong).field, `${route} ${name} wrong type`).toBe(name);
        expect(errorOf(wrong).message).toMatch(/[\u4e00-\u9fa5]/);
        checked++;
        if (prop.type === 'string' && prop.maxLength !== undefined) {
          const long = await call(o, { ...valid, [name]: 'x'.repeat(prop.maxLength + 1) });
          expect(long.statusCode, `${route} ${name} too long`).toBe(400);
          expect(errorOf(long).field, `${route} ${name} too long`).toBe(name);
          checked++;
        }
      }
      for (const name of body.required ?? []) {
        const { [name]: _omit, ...rest } = valid;
        const missing = await call(o, rest);
        expect(missing.statusCode, `${route} missing ${name}`).toBe(400);
        expect(errorOf(missing), `${route} missing ${name}`).toMatchObject({
          code: 'VALIDATION_REQUIRED',
          field: name,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('PLT-05 bad path and query parameters give 400 naming the parameter', async () => {
    for (const o of ops) {
      for (const p of o.params) {
        const r = await t.app.inject({
          method: o.method as 'GET',
          url: urlOf(o, { [p.name]: 'not-valid-%E2%9C%93' }),
          headers: (callers.get(o) ?? admin).headers,
          ...(o.method === 'GET' ? {} : { payload: {} }),
        });
        expect(r.statusCode, `${o.method} ${o.path} ${p.name}`).toBe(400);
        expect(errorOf(r).field).toBe(p.name);
      }
      for (const q of o.query) {
        const bad =
          q.schema.type === 'integer'
            ? 'abc'
            : q.schema.type === 'string'
              ? 'x'.repeat((q.schema.maxLength ?? 10) + 1)
              : 'zz';
        const others = o.query
          .filter((x) => x.required && x.name !== q.name)
          .map((x) => `${x.name}=${String(validValue(x.schema, x.name))}`);
        // With the operation's own method: a GET of a POST route's path may match another route.
        const r = await t.app.inject({
          method: o.method as 'GET',
          url: `${urlOf(o)}?${[...others, `${q.name}=${bad}`].join('&')}`,
          headers: (callers.get(o) ?? admin).headers,
          ...(o.method === 'GET' ? {} : { payload: {} }),
        });
        expect(r.statusCode, `${o.path}?${q.name}=${bad}`).toBe(400);
        expect(errorOf(r).field).toBe(q.name);
      }
    }
  });

  it('PLT-05 arbitrary JSON bodies and query strings never cause a 500 (property test)', async () => {
    const bodyOps = ops.filter((o) => o.body);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyOps), fc.jsonValue({ maxDepth: 3 }), async (o, value) => {
        const r = await call(o, value);
        expect(r.statusCode, `${o.method} ${o.path} ${JSON.stringify(value)}`).toBeLessThan(500);
        if (r.statusCode >= 400) expect(errorOf(r).code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 300 },
    );
    const getOps = ops.filter((o) => o.method === 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...getOps),
        fc.dictionary(
          fc.constantFrom('limit', 'cursor', 'q', 'unitId', 'date', 'days', 'kind', 'x'),
          fc.string({ maxLength: 80 }),
        ),
        async (o, query) => {
          const qs = new URLSearchParams(query).toString();
          const r = await t.app.inject({
            url: `${urlOf(o)}?${qs}`,
            headers: (callers.get(o) ?? admin).headers,
          });
          expect(r.statusCode, `${o.path}?${qs}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('PLT-05 wrong content types and oversized bodies get 415 and 413', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(form.statusCode).toBe(415);
    expect(errorOf(form).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('BODY_TOO_LARGE');
  });
});
