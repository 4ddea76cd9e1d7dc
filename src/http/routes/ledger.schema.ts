import { Type, type Static } from 'typebox';
import { Limit, Obj } from '../schemas';

/** One ledger entry as people read it: the acting user's display name beside their id. */
export const LedgerItemSchema = Obj({
  seq: Type.Integer(),
  recordedAt: Type.String(),
  actor: Obj({ type: Type.String(), id: Type.String(), name: Type.Optional(Type.String()) }),
  action: Type.String(),
  subject: Obj({ type: Type.String(), id: Type.String() }),
  data: Type.Unknown(),
  leafHash: Type.String(),
});
export type LedgerItem = Static<typeof LedgerItemSchema>;

/** Newest first; the cursor is the sequence number to continue below. */
export const LedgerPageSchema = Obj({
  items: Type.Array(LedgerItemSchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type LedgerPage = Static<typeof LedgerPageSchema>;
export const LedgerQuerySchema = Obj({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
});
