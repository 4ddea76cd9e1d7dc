import { Type, type Static } from 'typebox';
import { ACT_TYPES } from '../../domain/case-types';
import { PUBLICATION_DUE_KINDS } from '../../domain/publication-deadlines';
import { IsoDate, Obj, OneOf } from '../schemas';

export const PublicationDeadlineQuerySchema = Obj({
  kind: OneOf(PUBLICATION_DUE_KINDS),
  actType: OneOf(ACT_TYPES),
  from: IsoDate,
});
export type PublicationDeadlineQuery = Static<typeof PublicationDeadlineQuerySchema>;

/** The last day to publish (or withdraw), the period in working days, and whether the calendar is confirmed. */
export const PublicationDeadlineSchema = Obj({
  due: Type.String(),
  workingDays: Type.Integer(),
  confirmed: Type.Boolean(),
});
export type PublicationDeadline = Static<typeof PublicationDeadlineSchema>;
