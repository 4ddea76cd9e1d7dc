import { Type, type Static } from 'typebox';
import { Limit, Obj } from '../schemas';

/** One line of an entry's data as people read it: a Chinese field name and its value. */
export const LedgerDetailSchema = Obj({ label: Type.String(), value: Type.String() });
export type LedgerDetail = Static<typeof LedgerDetailSchema>;

/**
 * How an entry reads (PLT-06), beside its raw fields (kept for integrations and for recomputing
 * the leaf hash): the action's Chinese label, who acted by name, what it is about, the case by
 * number and title where it concerns one, and the data as Chinese label/value pairs.
 */
const Presentation = {
  actionLabel: Type.String(),
  actorName: Type.String(),
  subjectLabel: Type.String(),
  subjectName: Type.Union([Type.String(), Type.Null()]),
  case: Type.Union([Obj({ id: Type.String(), number: Type.String(), title: Type.String() }), Type.Null()]),
  details: Type.Array(LedgerDetailSchema),
};

/** One ledger entry: the stored entry, and how it reads. */
export const LedgerItemSchema = Obj({
  seq: Type.Integer(),
  recordedAt: Type.String(),
  actor: Obj({ type: Type.String(), id: Type.String(), name: Type.Optional(Type.String()) }),
  action: Type.String(),
  subject: Obj({ type: Type.String(), id: Type.String() }),
  data: Type.Unknown(),
  leafHash: Type.String(),
  ...Presentation,
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

/** An entry of the case's trail in the ledger (restricted records' content masked), and how it reads. */
export const CaseLedgerEntrySchema = Obj({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Obj({ type: Type.String(), id: Type.String(), name: Type.String() }),
  action: Type.String(),
  subject: Obj({ type: Type.String(), id: Type.String() }),
  data: Type.Record(Type.String(), Type.Unknown()),
  leafHash: Type.String(),
  ...Presentation,
});
export type CaseLedgerEntry = Static<typeof CaseLedgerEntrySchema>;
