import { request } from './api';
import type { Todo } from '../../src/http/routes/todo.schema';

/** Development builds check the answer against the server's schema (`api-check.ts`). */
const todoSchema = () => import('../../src/http/routes/todo.schema').then((m) => m.TodoSchema);

/** 待办: what waits for each of the user's roles (counts and the first few items). */
export const todoApi = {
  todo: (limit = 5) => request<Todo>('GET', '/api/todo', { query: { limit }, schema: todoSchema }),
};
