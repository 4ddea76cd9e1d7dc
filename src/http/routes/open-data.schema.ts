import { Type, type Static, type TSchema } from 'typebox';
import { OPEN_DATA_FIELDS } from '../../domain/open-data-fields';
import { Id, Obj, Text } from '../schemas';

/**
 * Open data (PUB-03). The filters are the portal's, empty values meaning "any" so a portal query
 * string works unchanged; the JSON record has one key per 双公示 item (`fields` gives each key's
 * Chinese name), plus the decision's id.
 */
export const OpenDecisionQuerySchema = Type.Object({
  q: Type.Optional(Text(100, 0)),
  actType: Type.Optional(Text(20, 0)),
  unit: Type.Optional(Text(100, 0)),
  partyKind: Type.Optional(Text(20, 0)),
  from: Type.Optional(Text(10, 0)),
  to: Type.Optional(Text(10, 0)),
});
export const OpenDecisionPageQuerySchema = Type.Object({
  ...OpenDecisionQuerySchema.properties,
  cursor: Type.Optional(Text(200, 0)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const fieldSchemas = Object.fromEntries(
  OPEN_DATA_FIELDS.map(([key, label]) => [
    key,
    key === 'ledgerSeq'
      ? Type.Integer({ description: label })
      : Nullable(Type.String({ description: label })),
  ]),
) as unknown as Record<(typeof OPEN_DATA_FIELDS)[number][0], TSchema>;

export const OpenDecisionSchema = Obj({ id: Id, ...fieldSchemas });
export type OpenDecision = Static<typeof OpenDecisionSchema>;

export const OpenDecisionPageSchema = Obj({
  fields: Type.Array(Obj({ key: Type.String(), label: Type.String() })),
  items: Type.Array(OpenDecisionSchema),
  nextCursor: Nullable(Type.String()),
});
export type OpenDecisionPage = Static<typeof OpenDecisionPageSchema>;
