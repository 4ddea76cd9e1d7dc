import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { computeDeadline, importSchedule, yearView } from '../../services/calendar-service';
import type { Deps } from '../../services/deps';
import { actorOf } from '../auth';
import { errors, Id, IsoDate, Obj, Text } from '../schemas';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Dates = Type.Array(IsoDate, { maxItems: 366 });
const YearSchema = Obj({
  year: Type.Integer(),
  confirmed: Type.Boolean(),
  origin: Type.Union([Type.String(), Type.Null()]),
  holidays: Type.Array(Type.String()),
  workdays: Type.Array(Type.String()),
});
export const ScheduleBody = Obj({
  year: Year,
  holidays: Dates,
  workdays: Dates,
  note: Type.Optional(Text(200, 0)),
});

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
          querystring: Obj({
            date: IsoDate,
            days: Type.Integer({ minimum: 0, maximum: 3660 }),
            kind: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('natural')])),
          }),
          response: {
            200: Obj({ date: Type.String(), confirmed: Type.Boolean() }),
            ...errors(400, 401, 403),
          },
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
          params: Obj({ year: Year }),
          response: { 200: YearSchema, ...errors(400, 401, 403) },
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
          body: ScheduleBody,
          response: { 201: Obj({ id: Id }), ...errors(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await importSchedule(deps, actorOf(req), req.body)),
    );
  };
