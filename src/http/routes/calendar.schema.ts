import { Type, type Static } from 'typebox';
import { CALENDAR_ORIGINS, DAY_KINDS, MAX_PERIOD_DAYS } from '../../domain/calendar';
import { Id, IsoDate, Obj, OneOf, Text } from '../schemas';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Dates = Type.Array(IsoDate, { maxItems: 366 });

/** A year's holidays and adjusted working days, and whether they are known (confirmed). */
export const CalendarYearSchema = Obj({
  year: Type.Integer(),
  confirmed: Type.Boolean(),
  origin: Type.Union([OneOf(CALENDAR_ORIGINS), Type.Null()]),
  holidays: Type.Array(Type.String()),
  workdays: Type.Array(Type.String()),
});
export type CalendarYear = Static<typeof CalendarYearSchema>;
export const CalendarYearParamsSchema = Obj({ year: Year });

export const ScheduleInputSchema = Obj({
  year: Year,
  holidays: Dates,
  workdays: Dates,
  note: Type.Optional(Text(200, 0)),
});
export type ScheduleInput = Static<typeof ScheduleInputSchema>;
export const ScheduleCreatedSchema = Obj({ id: Id });
export type ScheduleCreated = Static<typeof ScheduleCreatedSchema>;

export const DeadlineQuerySchema = Obj({
  date: IsoDate,
  days: Type.Integer({ minimum: 0, maximum: MAX_PERIOD_DAYS }),
  kind: Type.Optional(OneOf(DAY_KINDS)),
});
export type DeadlineQuery = Static<typeof DeadlineQuerySchema>;
/** A period's last day, and whether every year it touched has a known schedule. */
export const DeadlineResultSchema = Obj({ date: Type.String(), confirmed: Type.Boolean() });
export type DeadlineResult = Static<typeof DeadlineResultSchema>;
