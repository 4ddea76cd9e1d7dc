import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../storage/database';
import { systemClock, type Clock, type Deps } from '../services/deps';
import { registerAuth } from './auth';
import { caseRoutes } from './routes/cases';
import { proceedingRoutes } from './routes/proceeding';
import { majorDecisionRoutes } from './routes/major-decisions';
import { publicationRoutes } from './routes/publications';
import { legalReviewRoutes } from './routes/legal-review';
import { documentRoutes } from './routes/documents';
import { archiveRoutes } from './routes/archives';
import { makeSealer } from '../services/sealer';
import { loadOrCreateFieldKey } from '../storage/keys';
import { errorHandler, type ErrorBody } from './errors';
import { registerOpenApi } from './openapi';
import { validatorCompiler } from './validation';
import { authRoutes } from './routes/auth';
import { orgRoutes } from './routes/org';
import { userRoutes } from './routes/users';
import { calendarRoutes } from './routes/calendar';
import { publicationDeadlineRoutes } from './routes/publication-deadline';
import { ledgerRoutes } from './routes/ledger';
import { portalRoutes } from './portal/pages';
import { decisionPortalRoutes } from './portal/decisions';
import { openDataRoutes } from './routes/open-data';
import { transparencyRoutes } from './routes/transparency';
import { loadTransparency, openBlobStore } from '../bootstrap';
import type { BlobStore } from '../storage/blobs';
import { recordRoutes } from './routes/records';
import { openUploadLocks, type UploadLocks } from '../services/upload-store';
import { healthRoutes } from './routes/health';
import { todoRoutes } from './routes/todo';
import { outboxRoutes } from './routes/outbox';
import { jobSchedule } from '../jobs';
import type { Transparency } from '../services/transparency-service';
import { caseCapabilities } from '../capabilities';
import type { CaseCapabilities } from '../services/case-facts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The configuration the app was built with (read-only). */
    zhifaConfig: Config;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** The checkpoint identity; loaded from the configured key file when not given. */
  transparency?: Transparency;
  /** Where record content lives; opened from the configuration when not given. */
  blobs?: BlobStore;
  /** Where JSON logs go (default: standard output). */
  logStream?: NodeJS.WritableStream;
  /** Gates and facts capabilities add to cases (default: `caseCapabilities()`). */
  capabilities?: CaseCapabilities;
  /** The locks on resumable uploads; opened over the database (and closed with the app) when not given. */
  uploadLocks?: UploadLocks;
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const PORTAL_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const DOCS_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";
const workbenchCsp = (nonce: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** Builds the HTTP application; `main.ts` opens the database and listens. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: opts.clock ?? systemClock,
    adjustedWorkdaysCount: config.adjustedWorkdaysCount,
  };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(opts.logStream && { stream: opts.logStream }),
      // Never log secrets or personal data: credentials, cookies, tokens.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      // PLT-08: a query string may carry a search by a person's name; logs keep the path only. An
      // error keeps its kind, code, message and stack, not the driver's detail (which can quote
      // the values of a row).
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
          remoteAddress: req.ip,
        }),
        err: (err: Error & { code?: unknown }) => ({
          type: err.name,
          message: err.message,
          ...(typeof err.code === 'string' && { code: err.code }),
          stack: err.stack ?? '',
        }),
      },
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Only the configured proxies' X-Forwarded-For is believed (ZHIFA_TRUST_PROXY).
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('zhifaConfig', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);

  // Routes that plugins add (static files, the OpenAPI browser) are public documents.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') || route.url.startsWith('/app/assets')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
  });

  // Every response, tus uploads included, goes through this hook: no route writes the raw response.
  const hsts = config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('content-security-policy')) {
      const url = req.url;
      reply.header(
        'content-security-policy',
        url.startsWith('/api/docs')
          ? DOCS_CSP
          : url.startsWith('/api/') || url.startsWith('/transparency/')
            ? API_CSP
            : PORTAL_CSP,
      );
    }
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app);

  registerAuth(app, deps);

  await app.register(authRoutes(deps, config), { prefix: '/api' });
  await app.register(orgRoutes(deps), { prefix: '/api' });
  await app.register(userRoutes(deps), { prefix: '/api' });
  await app.register(calendarRoutes(deps), { prefix: '/api' });
  await app.register(publicationDeadlineRoutes(deps), { prefix: '/api' });
  await app.register(ledgerRoutes(deps), { prefix: '/api' });
  const transparency = opts.transparency ?? loadTransparency(config);
  await app.register(transparencyRoutes(deps, config, transparency));
  const blobs = opts.blobs ?? (await openBlobStore(config));
  const recordDeps = {
    ...deps,
    blobs,
    uploads: config.uploads,
    retrievalPurposeRequired: config.retrievalPurposeRequired,
    minActDate: config.minActDate,
  };
  let uploadLocks = opts.uploadLocks;
  if (!uploadLocks) {
    const own = openUploadLocks(database);
    app.addHook('onClose', () => own.close());
    uploadLocks = own;
  }
  await app.register(recordRoutes(recordDeps, config.uploads, uploadLocks));
  const sealer = makeSealer(loadOrCreateFieldKey(config.fieldKeyFile));
  const caseDeps = {
    ...recordDeps,
    sealer,
    alertWorkingDaysBefore: config.alertWorkingDaysBefore,
    capabilities: opts.capabilities ?? caseCapabilities(),
  };
  await app.register(caseRoutes(caseDeps, config.rateLimit));
  await app.register(proceedingRoutes(caseDeps));
  await app.register(majorDecisionRoutes(deps));
  await app.register(publicationRoutes(caseDeps));
  await app.register(legalReviewRoutes(caseDeps));
  await app.register(documentRoutes(caseDeps));
  await app.register(archiveRoutes(caseDeps, transparency));
  await app.register(todoRoutes(caseDeps), { prefix: '/api' });
  await app.register(outboxRoutes(caseDeps), { prefix: '/api' });
  await app.register(healthRoutes(deps, jobSchedule(config)));

  await registerWorkbench(app, config);
  await app.register(portalRoutes(deps, config, transparency));
  await app.register(decisionPortalRoutes(deps, config));
  await app.register(openDataRoutes(deps, config));

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: '接口不存在' } } satisfies ErrorBody);
    }
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title><link rel="stylesheet" href="/portal.css"></head><body><main><h1>页面不存在</h1><p><a href="/">返回首页</a></p></main></body></html>',
      );
  });
  return app;
}

/** The workbench SPA: assets as static files; index.html for every /app path, with a CSP nonce. */
async function registerWorkbench(app: FastifyInstance, config: Config): Promise<void> {
  const indexFile = path.join(config.webDistDir, 'index.html');
  const built = fs.existsSync(indexFile);
  const template = built ? fs.readFileSync(indexFile, 'utf8') : null;
  if (built && fs.existsSync(path.join(config.webDistDir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(config.webDistDir, 'assets'),
      prefix: '/app/assets/',
      immutable: true,
      maxAge: '365d',
    });
  }
  const serveIndex = (_req: unknown, reply: FastifyReply) => {
    const nonce = randomBytes(16).toString('base64');
    reply
      .header('content-security-policy', workbenchCsp(nonce))
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8');
    if (!template)
      return reply
        .status(503)
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>工作台未构建</title><p>工作台尚未构建，请先运行 <code>npm run build:web</code>。</p></html>',
        );
    return reply.send(template.replaceAll('__CSP_NONCE__', nonce));
  };
  app.get('/app', { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) =>
    reply.redirect('/app/'),
  );
  app.get('/app/', { config: { access: 'public' }, schema: { hide: true } }, serveIndex);
  app.get('/app/*', { config: { access: 'public' }, schema: { hide: true } }, serveIndex);
}
