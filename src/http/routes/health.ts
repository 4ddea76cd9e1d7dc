import type { FastifyPluginAsync } from 'fastify';
import { can } from '../../domain/policy';
import type { Deps } from '../../services/deps';
import { jobHealth, type JobSchedule } from '../../services/health-service';
import { optionalPrincipal } from '../auth';

/**
 * `/healthz`: `{ ok: true }` for load balancers and anyone else; an administrator (`system.health`)
 * also gets each scheduled job's last run, last failure and next due time.
 */
export const healthRoutes =
  (deps: Deps, schedule: readonly JobSchedule[]): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const p = await optionalPrincipal(deps, req);
      if (!p || !can(p.roles, 'system.health')) return { ok: true };
      // The detail is for this administrator only: no shared cache may keep it.
      void reply.header('cache-control', 'private, no-store');
      return { ok: true, jobs: await jobHealth(deps.db, schedule) };
    });
  };
