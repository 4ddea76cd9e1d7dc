import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../services/deps';
import { todoFor } from '../../services/todo-service';
import { viewerOf } from '../auth';
import { errors } from '../schemas';
import { TodoQuerySchema, TodoSchema } from './todo.schema';

/** How many items a section lists unless asked otherwise. */
const DEFAULT_ITEMS = 5;

export const todoRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/todo',
      {
        config: { access: 'todo.read' },
        schema: {
          tags: ['待办'],
          summary: '待办：按本人的每个角色列出待办事项的数量和前几项（只含本人有权查看或办理的案件）',
          querystring: TodoQuerySchema,
          response: { 200: TodoSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => todoFor(deps, viewerOf(req), req.query.limit ?? DEFAULT_ITEMS),
    );
  };
