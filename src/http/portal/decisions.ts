import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { DomainError } from '../../domain/errors';
import { parseDecisionQuery } from '../../domain/public-decision';
import type { Deps } from '../../services/deps';
import * as org from '../../services/org-service';
import * as decisions from '../../services/public-decision-service';
import * as tr from '../../services/transparency-service';
import { Text } from '../schemas';
import { decisionDetailBody } from './decision-detail-page';
import {
  decisionListBody,
  searchQuery,
  title,
  type DecisionListData,
  type DecisionSearchForm,
} from './decisions-page';
import { html, page } from './html';

const PAGE_SIZE = 20;

export const DecisionSearchQuery = Type.Object({
  q: Type.Optional(Text(100, 0)),
  actType: Type.Optional(Text(20, 0)),
  unit: Type.Optional(Text(100, 0)),
  partyKind: Type.Optional(Text(20, 0)),
  from: Type.Optional(Text(10, 0)),
  to: Type.Optional(Text(10, 0)),
  cursor: Type.Optional(Text(200, 0)),
  large: Type.Optional(Text(1, 0)),
});
const LargeQuery = Type.Object({ large: Type.Optional(Text(1, 0)) });
const IdParam = Type.Object({ id: Text(64) }, { additionalProperties: false });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * 执法决定公示 on the portal (PUB-04): `/decisions` searches, `/decisions/{id}` shows one. Pages are
 * server-rendered and need no script; the 适老化 large-text mode is the `large=1` flag, carried in
 * every link and in the form.
 */
export const decisionPortalRoutes =
  (deps: Deps, config: Config): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const publicAccess = {
      access: 'public' as const,
      rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 },
    };
    // Revalidated on every visit (no-cache): a withdrawn decision must not be shown from a cache
    // after its withdrawal (PUB-12).
    const send = (reply: FastifyReply, status: number, body: string) =>
      reply
        .status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, no-cache')
        .send(body);

    app.get(
      '/decisions',
      { config: publicAccess, schema: { hide: true, querystring: DecisionSearchQuery } },
      async (req, reply) => {
        const agency = await org.currentAgency(deps);
        const units = (await org.listUnits(deps)).map((u) => ({ id: u.id, name: u.name }));
        const raw = req.query;
        const form: DecisionSearchForm = {
          q: raw.q ?? '',
          actType: raw.actType ?? '',
          unit: raw.unit ?? '',
          partyKind: raw.partyKind ?? '',
          from: raw.from ?? '',
          to: raw.to ?? '',
          large: raw.large === '1',
        };
        const data: DecisionListData = {
          form,
          units,
          items: null,
          nextCursor: null,
          paged: Boolean(raw.cursor),
          total: null,
          problem: null,
        };
        try {
          const found = await decisions.searchDecisions(deps, parseDecisionQuery(raw), {
            cursor: raw.cursor || undefined,
            limit: PAGE_SIZE,
            count: true,
          });
          data.items = found.items;
          data.nextCursor = found.nextCursor;
          data.total = found.total ?? null;
        } catch (e) {
          if (!(e instanceof DomainError) || e.kind !== 'invalid') throw e;
          data.problem = { field: e.field, message: e.message };
        }
        const toggle = `/decisions${searchQuery({ ...form, large: !form.large }, raw.cursor ? { cursor: raw.cursor } : {})}`;
        return send(
          reply,
          data.problem ? 400 : 200,
          page({
            title: '执法决定公示',
            agencyName: agency.name,
            body: decisionListBody(data),
            large: form.large,
            sizeToggle: toggle,
          }),
        );
      },
    );

    app.get(
      '/decisions/:id',
      { config: publicAccess, schema: { hide: true, params: IdParam, querystring: LargeQuery } },
      async (req, reply) => {
        const agency = await org.currentAgency(deps);
        const large = req.query.large === '1';
        const id = req.params.id;
        const decision = UUID.test(id) ? await decisions.getDecision(deps, id) : null;
        const toggle = `/decisions/${encodeURIComponent(id)}${large ? '' : '?large=1'}`;
        if (!decision) {
          const body = html`<h1>未找到该公示决定</h1>
            <p>该决定不存在，或者公示期已经届满、不再公示。</p>
            <p><a href="/decisions${large ? '?large=1' : ''}">返回执法决定公示</a></p>`;
          return send(
            reply,
            404,
            page({ title: '未找到该公示决定', agencyName: agency.name, body, large, sizeToggle: toggle }),
          );
        }
        const checkpoint = await tr.latestCheckpoint(deps);
        const body = decisionDetailBody({
          decision,
          agencyName: agency.name,
          checkpointSize: checkpoint?.size ?? null,
          large,
        });
        return send(
          reply,
          200,
          page({
            title: title(decision),
            agencyName: agency.name,
            body,
            large,
            sizeToggle: toggle,
          }),
        );
      },
    );
  };
