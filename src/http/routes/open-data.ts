import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { atomFeed } from '../../domain/atom-feed';
import { ACT_TYPE_LABELS } from '../../domain/case-types';
import { CSV_BOM, csvLine } from '../../domain/csv';
import { dcatCatalog } from '../../domain/dcat-catalog';
import {
  OPEN_DATA_FIELDS,
  OPEN_DATA_HEADERS,
  openDataRecord,
  openDataRow,
} from '../../domain/open-data-fields';
import { parseDecisionQuery, type PublicDecision } from '../../domain/public-decision';
import type { Deps } from '../../services/deps';
import * as org from '../../services/org-service';
import * as decisions from '../../services/public-decision-service';
import { errors } from '../schemas';
import {
  OpenDecisionPageQuerySchema,
  OpenDecisionPageSchema,
  OpenDecisionQuerySchema,
  type OpenDecisionPage,
} from './open-data.schema';

const FEED_SIZE = 50;

/**
 * Open data (PUB-03): the published decisions as JSON pages, one streamed CSV, an Atom feed and a
 * DCAT 3 catalogue. Everything comes from the public table, which holds only masked data; the
 * filters are the portal's.
 */
export const openDataRoutes =
  (deps: Deps, config: Config): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['公开数据'];
    const access = {
      access: 'public' as const,
      rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 },
    };
    const baseUrl = config.publicUrl;
    const record = (d: PublicDecision, agency: string) => ({
      id: d.id,
      ...openDataRecord(d, agency, baseUrl),
    });

    app.get(
      '/open/decisions.json',
      {
        config: access,
        schema: {
          tags,
          summary: '公示决定（JSON，按决定日期从新到旧，游标分页；下一页见 Link: rel="next"）',
          querystring: OpenDecisionPageQuerySchema,
          response: { 200: OpenDecisionPageSchema, ...errors(400) },
        },
      },
      async (req, reply) => {
        const { cursor, limit, ...filters } = req.query;
        const found = await decisions.searchDecisions(deps, parseDecisionQuery(filters), {
          cursor: cursor || undefined,
          limit: limit ?? 100,
        });
        const agency = (await org.currentAgency(deps)).name;
        if (found.nextCursor) {
          const next = new URLSearchParams();
          for (const [k, v] of Object.entries(filters)) if (v) next.set(k, v);
          if (limit !== undefined) next.set('limit', String(limit));
          next.set('cursor', found.nextCursor);
          reply.header('link', `<${baseUrl}/open/decisions.json?${next.toString()}>; rel="next"`);
        }
        reply.header('cache-control', 'public, max-age=60');
        return {
          fields: OPEN_DATA_FIELDS.map(([key, label]) => ({ key, label })),
          items: found.items.map((d) => record(d, agency)),
          nextCursor: found.nextCursor,
        } satisfies OpenDecisionPage;
      },
    );

    app.get(
      '/open/decisions.csv',
      {
        config: access,
        schema: {
          tags,
          summary: '全部公示决定（CSV，UTF-8 带 BOM，流式输出，不限行数）',
          querystring: OpenDecisionQuerySchema,
          response: { 200: Type.String({ description: 'text/csv' }), ...errors(400) },
        },
      },
      async (req, reply) => {
        const filters = parseDecisionQuery(req.query);
        decisions.checkFilters(filters); // refuse bad input with 400 before the first byte
        const agency = (await org.currentAgency(deps)).name;
        async function* lines() {
          yield CSV_BOM + csvLine(OPEN_DATA_HEADERS);
          for await (const batch of decisions.everyDecision(deps, filters))
            yield batch.map((d) => csvLine(openDataRow(openDataRecord(d, agency, baseUrl)))).join('');
        }
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              `attachment; filename="decisions.csv"; filename*=UTF-8''${encodeURIComponent('执法决定公示.csv')}`,
            )
            .header('cache-control', 'no-cache')
            // The declared 200 is text for the OpenAPI document; the payload is a stream of it.
            .send(Readable.from(lines(), { objectMode: false }) as unknown as string)
        );
      },
    );

    app.get(
      '/open/decisions.atom',
      {
        config: access,
        schema: {
          tags,
          summary: `最新公示决定订阅（Atom，RFC 4287，最新 ${FEED_SIZE} 条）`,
          querystring: OpenDecisionQuerySchema,
          response: { 200: Type.String({ description: 'application/atom+xml' }), ...errors(400) },
        },
      },
      async (req, reply) => {
        const filters = parseDecisionQuery(req.query);
        const found = await decisions.searchDecisions(deps, filters, { limit: FEED_SIZE });
        const agency = await org.currentAgency(deps);
        const updatedOf = (d: PublicDecision) => d.withdrawnAt ?? d.publishedAt;
        const newest = found.items.map(updatedOf).sort().pop() ?? (await decisions.lastPublishedAt(deps));
        const query = new URLSearchParams(
          Object.entries(req.query).filter((e): e is [string, string] => Boolean(e[1])),
        ).toString();
        const xml = atomFeed({
          id: `${baseUrl}/open/decisions.atom`,
          title: `${agency.name}执法决定公示`,
          subtitle: '依法公示的行政执法决定（个人信息已脱敏）',
          updated: newest ?? new Date(0).toISOString(),
          selfLink: `${baseUrl}/open/decisions.atom${query ? `?${query}` : ''}`,
          alternateLink: `${baseUrl}/decisions${query ? `?${query}` : ''}`,
          authorName: agency.name,
          entries: found.items.map((d) => ({
            id: `urn:uuid:${d.id}`,
            title:
              `${d.withdrawn ? '【已撤回】' : ''}${ACT_TYPE_LABELS[d.actType]}决定 ${d.documentNumber}`.trim(),
            updated: updatedOf(d),
            published: d.publishedAt,
            link: `${baseUrl}/decisions/${d.id}`,
            summary: d.withdrawn
              ? `本决定已撤回。撤回原因：${d.withdrawalReason ?? ''}`
              : `当事人：${d.partyName ?? ''}。决定日期：${d.decisionDate}。承办机构：${d.unitName}。决定内容：${d.result ?? ''}`,
          })),
        });
        return reply
          .type('application/atom+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(xml);
      },
    );

    app.get(
      '/open/catalog.jsonld',
      {
        config: access,
        schema: {
          tags,
          summary: '开放数据目录（DCAT 3，JSON-LD）',
          response: { 200: Type.String({ description: 'application/ld+json' }) },
        },
      },
      async (_req, reply) => {
        const agency = await org.currentAgency(deps);
        const catalog = dcatCatalog({
          baseUrl,
          agencyName: agency.name,
          agencyPhone: agency.phone,
          modified: await decisions.lastPublishedAt(deps),
          fields: OPEN_DATA_HEADERS,
        });
        return reply
          .type('application/ld+json; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(JSON.stringify(catalog));
      },
    );
  };
