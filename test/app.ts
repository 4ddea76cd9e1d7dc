import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../src/config';
import { creditCodeCheckChar } from '../src/domain/identity';
import { buildApp } from '../src/http/app';
import { syncPackageCalendar } from '../src/services/calendar-service';
import type { Clock, Deps } from '../src/services/deps';
import type { CaseCapabilities } from '../src/services/case-facts';
import { DEMO_PASSWORD, seedDemo } from '../src/services/seed-service';
import type { DialectName } from '../src/storage/database';
import { freshDatabase, type TestDatabase } from './db';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-25T02:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    ZHIFA_RATE_LIMIT_LOGIN: '100000',
    ZHIFA_RATE_LIMIT_PUBLIC: '100000',
    ZHIFA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-test-')),
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  deps: Deps;
  clock: TestClock;
  close(): Promise<void>;
}

/** A fresh database with the demo office, and the app over it. */
export async function makeTestApp(
  dialect: DialectName,
  opts: {
    env?: Record<string, string>;
    seed?: boolean;
    logStream?: NodeJS.WritableStream;
    capabilities?: CaseCapabilities;
  } = {},
): Promise<TestApp> {
  const db = await freshDatabase(dialect);
  const clock = new TestClock();
  const config = testConfig(opts.env);
  const deps: Deps = {
    db: db.db,
    dialect: db.dialect,
    clock,
    adjustedWorkdaysCount: config.adjustedWorkdaysCount,
  };
  await syncPackageCalendar(deps);
  if (opts.seed !== false) await seedDemo(deps);
  const app = await buildApp({
    config,
    database: db,
    clock,
    ...(opts.logStream && { logStream: opts.logStream }),
    ...(opts.capabilities && { capabilities: opts.capabilities }),
  });
  await app.ready();
  return {
    app,
    db,
    deps,
    clock,
    close: async () => {
      await app.close();
      await db.cleanup();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'zhifa_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `zhifa_session=${setCookie.value}`;
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** The app, or a function giving it (for an app a `beforeAll` makes). */
type AppRef = FastifyInstance | (() => FastifyInstance);

/**
 * The one HTTP client of the tests: requests through `app.inject` as a signed-in session (its
 * cookie and CSRF header). `as(session)` binds a session, given or read when each request is sent.
 */
export function httpClient(ref: AppRef) {
  const app = () => (typeof ref === 'function' ? ref() : ref);
  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    s: Session,
    url: string,
    payload?: unknown,
  ) =>
    app().inject({
      method,
      url,
      headers: s.headers,
      ...(payload !== undefined && { payload: payload as object }),
    });
  const client = {
    get: (s: Session, url: string) => send('GET', s, url),
    post: (s: Session, url: string, payload: unknown = {}) => send('POST', s, url, payload),
    put: (s: Session, url: string, payload: unknown) => send('PUT', s, url, payload),
    patch: (s: Session, url: string, payload: unknown) => send('PATCH', s, url, payload),
    del: (s: Session, url: string) => send('DELETE', s, url),
  };
  return {
    ...client,
    as(session: Session | (() => Session)) {
      const s = () => (typeof session === 'function' ? session() : session);
      return {
        get: (url: string) => client.get(s(), url),
        post: (url: string, payload: unknown = {}) => client.post(s(), url, payload),
        put: (url: string, payload: unknown) => client.put(s(), url, payload),
        patch: (url: string, payload: unknown) => client.patch(s(), url, payload),
        del: (url: string) => client.del(s(), url),
      };
    },
  };
}

/** Waits for a response, expects its status (200 unless given) and returns its JSON body. */
export async function ok<T>(
  p: Promise<{ statusCode: number; body: string; json<U>(): U }>,
  status = 200,
): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

export function errorOf(res: LightMyRequestResponse): { code: string; message: string; field?: string } {
  return res.json<{ error: { code: string; message: string; field?: string } }>().error;
}

/** A resumable (tus) upload through the app, in one PATCH; returns the upload id. */
export async function tusUpload(
  app: FastifyInstance,
  s: Session,
  content: Buffer,
  fileName: string,
  mediaType: string,
): Promise<string> {
  const b64 = (v: string) => Buffer.from(v).toString('base64');
  const created = await app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      ...s.headers,
      'tus-resumable': '1.0.0',
      'upload-length': String(content.length),
      'upload-metadata': `filename ${b64(fileName)},filetype ${b64(mediaType)}`,
    },
  });
  if (created.statusCode !== 201) throw new Error(`tus create: ${created.statusCode} ${created.body}`);
  const id = String(created.headers.location).split('/').pop()!;
  const patched = await app.inject({
    method: 'PATCH',
    url: `/api/uploads/${id}`,
    headers: {
      ...s.headers,
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    payload: content,
  });
  if (patched.statusCode !== 204) throw new Error(`tus patch: ${patched.statusCode} ${patched.body}`);
  return id;
}

/** The demo office as the API shows it: officers by name, power items by code, recorders by
 *  number, and the id of 执法科. */
export async function demoOffice(app: FastifyInstance, s: Session) {
  const get = async <T>(url: string) => (await app.inject({ url, headers: s.headers })).json<T>();
  const officers = new Map(
    (await get<{ items: Array<{ id: string; name: string }> }>('/api/officers')).items.map((o) => [
      o.name,
      o.id,
    ]),
  );
  const items = new Map(
    (await get<Array<{ id: string; code: string }>>('/api/power-items')).map((i) => [i.code, i.id]),
  );
  const recorders = new Map(
    (await get<Array<{ id: string; number: string }>>('/api/recorders')).map((r) => [r.number, r.id]),
  );
  const unitId = (await get<{ items: Array<{ id: string; name: string }> }>('/api/units')).items.find(
    (u) => u.name === '执法科',
  )!.id;
  return { officers, items, recorders, unitId };
}

/**
 * A signed-in account for one of the demo office's officers (the demo has accounts for two): made
 * by the administrator, so a test can act as the officers a case is assigned to (PLT-07).
 */
export async function officerSession(
  app: FastifyInstance,
  admin: Session,
  officerId: string | null,
  username: string,
  roles: readonly string[] = ['officer'],
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin.headers,
    payload: { username, displayName: username, password: DEMO_PASSWORD, roles, officerId },
  });
  if (res.statusCode !== 201) throw new Error(`creating ${username} failed: ${res.statusCode} ${res.body}`);
  return login(app, username);
}

/** The demo office's organisation party (a valid credit code), for filings in tests. */
export const DEMO_ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');
export const demoOrgParty = (over: Record<string, unknown> = {}) => ({
  kind: 'organisation',
  name: '上海某某置业有限公司',
  idType: 'creditCode',
  idNumber: DEMO_ORG_CODE,
  legalRepresentative: '钱某',
  phone: '021-59721234',
  address: '上海市青浦区华新镇华志路100号',
  ...over,
});

/** An ordinary-procedure penalty filing by 王建国 and 李明 of 执法科 (override any field). */
export function demoFiling(
  office: { officers: Map<string, string>; items: Map<string, string>; unitId: string },
  over: Record<string, unknown> = {},
) {
  return {
    actType: 'penalty',
    procedure: 'ordinary',
    title: '擅自改变人防工程用途案',
    powerItemId: office.items.get('QPMF-CF-002'),
    party: demoOrgParty(),
    unitId: office.unitId,
    officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
    ...over,
  };
}
