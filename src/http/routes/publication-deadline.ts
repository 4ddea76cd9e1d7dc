import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { publicationDeadline } from '../../services/publication-deadline-service';
import type { Deps } from '../../services/deps';
import { errors } from '../schemas';
import { PublicationDeadlineQuerySchema, PublicationDeadlineSchema } from './publication-deadline.schema';

export const publicationDeadlineRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/publications/deadline',
      {
        // Any staff member: it is the calendar applied to the publication periods.
        config: { access: 'calendar.read' },
        schema: {
          tags: ['事后公示'],
          summary: '公示（或撤回）期限：处罚、许可决定 7 个工作日，其他决定 20 个工作日，撤回 3 个工作日',
          querystring: PublicationDeadlineQuerySchema,
          response: { 200: PublicationDeadlineSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => publicationDeadline(deps, req.query),
    );
  };
