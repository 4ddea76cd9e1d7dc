import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../services/deps';
import { listLedger } from '../../services/ledger-query';
import { viewerOf } from '../auth';
import { errors, Limit, Obj } from '../schemas';

const EntrySchema = Obj({
  seq: Type.Integer(),
  recordedAt: Type.String(),
  actor: Obj({ type: Type.String(), id: Type.String(), name: Type.Optional(Type.String()) }),
  action: Type.String(),
  subject: Obj({ type: Type.String(), id: Type.String() }),
  data: Type.Unknown(),
  leafHash: Type.String(),
});

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
          querystring: Obj({
            limit: Type.Optional(Limit),
            cursor: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
          response: {
            200: Obj({
              items: Type.Array(EntrySchema),
              nextCursor: Type.Union([Type.Integer(), Type.Null()]),
            }),
            ...errors(400, 401, 403),
          },
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
