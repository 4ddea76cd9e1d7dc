import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../services/deps';
import { listLedger } from '../../services/ledger-query';
import { viewerOf } from '../auth';
import { errors } from '../schemas';
import { LedgerPageSchema, LedgerQuerySchema } from './ledger.schema';

export const ledgerRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/ledger',
      {
        config: { access: 'ledger.read' },
        schema: {
          tags: ['留痕'],
          summary: '留痕记录（最新在前，游标分页）',
          querystring: LedgerQuerySchema,
          response: { 200: LedgerPageSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        listLedger(
          deps,
          {
            limit: req.query.limit ?? 50,
            ...(req.query.cursor !== undefined && { beforeSeq: req.query.cursor }),
          },
          viewerOf(req),
        ),
    );
  };
