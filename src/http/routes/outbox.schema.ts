import { Type, type Static } from 'typebox';
import { DELIVERY_STATES, OUTBOX_EVENTS } from '../../domain/outbox';
import { Id, Limit, Name, Obj, OneOf, PartialObj, Text } from '../schemas';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A receiving platform as administrators see it: never its secret. */
export const PlatformSchema = Obj({
  id: Id,
  name: Type.String(),
  url: Type.String(),
  enabled: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Platform = Static<typeof PlatformSchema>;
export const PlatformListSchema = Obj({ items: Type.Array(PlatformSchema) });
export type PlatformList = Static<typeof PlatformListSchema>;

/** The HMAC key shared with the platform: written, never read back. */
const Secret = Text(200, 16);
export const NewPlatformSchema = Obj({
  name: Name(50),
  url: Text(500),
  secret: Secret,
  enabled: Type.Optional(Type.Boolean()),
});
export type NewPlatform = Static<typeof NewPlatformSchema>;
export const PlatformPatchSchema = PartialObj({
  name: Name(50),
  url: Text(500),
  secret: Secret,
  enabled: Type.Boolean(),
});
export type PlatformPatch = Static<typeof PlatformPatchSchema>;

/** One delivery of an item's event to one platform, and how it stands. */
export const DeliverySchema = Obj({
  id: Id,
  platformId: Id,
  platformName: Type.String(),
  itemId: Type.String(),
  event: OneOf(OUTBOX_EVENTS),
  eventLabel: Type.String(),
  state: OneOf(DELIVERY_STATES),
  stateLabel: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastAttemptAt: Nullable(Type.String()),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  idempotencyKey: Type.String(),
  createdAt: Type.String(),
});
export type Delivery = Static<typeof DeliverySchema>;
export const DeliveryListSchema = Obj({ items: Type.Array(DeliverySchema) });
export type DeliveryList = Static<typeof DeliveryListSchema>;
export const DeliveryPageSchema = Obj({ items: Type.Array(DeliverySchema), nextCursor: Nullable(Id) });
export type DeliveryPage = Static<typeof DeliveryPageSchema>;

export const DeliveryQuerySchema = Obj({ itemId: Text(100) });
export const DeadQuerySchema = Obj({ cursor: Type.Optional(Id), limit: Type.Optional(Limit) });
export const RetriedSchema = Obj({ retried: Type.Integer() });
export type Retried = Static<typeof RetriedSchema>;
