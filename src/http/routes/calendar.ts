import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { computeDeadline, importSchedule, yearView } from '../../services/calendar-service';
import type { Deps } from '../../services/deps';
import { actorOf } from '../auth';
import { errors } from '../schemas';
import {
  CalendarYearParamsSchema,
  CalendarYearSchema,
  DeadlineQuerySchema,
  DeadlineResultSchema,
  ScheduleCreatedSchema,
  ScheduleInputSchema,
} from './calendar.schema';

export const calendarRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['工作日历'];

    app.get(
      '/calendar/deadline',
      {
        config: { access: 'calendar.read' },
        schema: {
          tags,
          summary: '计算期限：自某日起 N 个工作日或自然日（起算日不计入）',
          querystring: DeadlineQuerySchema,
          response: { 200: DeadlineResultSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) =>
        computeDeadline(deps, {
          date: req.query.date,
          days: req.query.days,
          kind: req.query.kind ?? 'working',
        }),
    );
    app.get(
      '/calendar/:year',
      {
        config: { access: 'calendar.read' },
        schema: {
          tags,
          summary: '某年的节假日与调休上班日，以及是否已确认',
          params: CalendarYearParamsSchema,
          response: { 200: CalendarYearSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => yearView(deps, req.params.year),
    );
    app.post(
      '/calendar/schedules',
      {
        config: { access: 'calendar.import' },
        schema: {
          tags,
          summary: '导入某年的节假日安排（覆盖该年原有安排，原安排保留在历史中）',
          body: ScheduleInputSchema,
          response: { 201: ScheduleCreatedSchema, ...errors(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await importSchedule(deps, actorOf(req), req.body)),
    );
  };
