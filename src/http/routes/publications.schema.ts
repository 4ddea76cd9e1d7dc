/**
 * The publication API's request and response shapes (事后公示, issue 14): items by state, the
 * masking review, publishing, changes and withdrawal, entry and import of decisions made outside
 * the platform. Routes declare them; the workbench reads their static types.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { ACT_TYPES, ID_TYPES, PARTY_KINDS } from '../../domain/case-types';
import {
  DECISION_CHANGE_KINDS,
  PUBLICATION_STATES,
  PUBLICATION_VIEWS,
  PUBLISHED_TEXT_FIELDS,
} from '../../domain/publication-items';
import { PUBLISHERS } from '../../domain/publication-rules';
import { Id, IsoDate, Limit, MultiLine, Name, Obj, OneOf, Text } from '../schemas';

const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Who = Obj({ id: Str, name: Str });
/** Money in fen (分). */
const Fen = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });

// ---- lists ----

export const PublicationListQuerySchema = Obj({
  view: Type.Optional(OneOf(PUBLICATION_VIEWS)),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Id),
});
export type PublicationListQuery = Static<typeof PublicationListQuerySchema>;

export const PublicationSummarySchema = Obj({
  id: Id,
  caseId: Nullable(Str),
  caseNumber: Nullable(Str),
  actType: OneOf(ACT_TYPES),
  actTypeLabel: Str,
  /** 文号; null until known. */
  number: Nullable(Str),
  decisionDate: Str,
  unit: Who,
  /** 谁执法谁公示谁负责: the person answerable for this item. */
  responsibleName: Str,
  partyKind: OneOf(PARTY_KINDS),
  /** The party's name as it will be published (masked for a natural person). */
  partyName: Str,
  state: OneOf(PUBLICATION_STATES),
  stateLabel: Str,
  /** The list it is in today: the state, or `overdue` for a pending item past its due date. */
  view: OneOf(PUBLICATION_VIEWS),
  due: Str,
  /** Every calendar year the due date touched has a confirmed holiday schedule. */
  dueConfirmed: Type.Boolean(),
  /** Working days from today to the due date (0 on the day, negative when overdue); null once published. */
  workingDaysLeft: Nullable(Type.Integer()),
  withdrawalDue: Nullable(Str),
  displayEnd: Nullable(Str),
  publishedAt: Nullable(Str),
});
export type PublicationSummary = Static<typeof PublicationSummarySchema>;
export const PublicationPageSchema = Obj({
  items: Type.Array(PublicationSummarySchema),
  nextCursor: Nullable(Str),
});
export type PublicationPage = Static<typeof PublicationPageSchema>;

// ---- one item: the masking review ----

/** The published text fields, as made (original) or as they will be published (masked). */
export const PublicationTextSchema = Obj({
  partyName: Str,
  legalRepresentative: Nullable(Str),
  facts: Str,
  basis: Str,
  resultContent: Str,
});
export type PublicationText = Static<typeof PublicationTextSchema>;

/** One change masking made: where in the original field, what it was, what replaced it. */
export const MaskChangeSchema = Obj({
  field: OneOf(PUBLISHED_TEXT_FIELDS),
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
  original: Str,
  replacement: Str,
  kind: Str,
});
export type MaskChange = Static<typeof MaskChangeSchema>;

export const PublicationDetailSchema = Obj({
  ...PublicationSummarySchema.properties,
  decision: Str,
  decisionLabel: Str,
  creditCode: Nullable(Str),
  resultKind: Str,
  fineAmount: Nullable(Type.Integer()),
  original: PublicationTextSchema,
  masked: PublicationTextSchema,
  changes: Type.Array(MaskChangeSchema),
  /** What the preparer masked beyond the automatic masking. */
  extraMasks: Type.Array(Str),
  maskingConfirmed: Nullable(Obj({ by: Who, at: Str })),
  publishedBy: Nullable(Who),
  change: Nullable(Obj({ kind: OneOf(DECISION_CHANGE_KINDS), kindLabel: Str, reason: Str, recordedAt: Str })),
  withdrawalDueConfirmed: Nullable(Type.Boolean()),
  withdrawalReason: Nullable(Str),
  withdrawnAt: Nullable(Str),
  expiredAt: Nullable(Str),
  /** The public row and the ledger entry of its publication, once published. */
  publicId: Nullable(Str),
  ledger: Nullable(Obj({ seq: Type.Integer(), leafHash: Str })),
  /** What this viewer may do with the item now. */
  permissions: Obj({
    prepare: Type.Boolean(),
    publish: Type.Boolean(),
    recordChange: Type.Boolean(),
    withdraw: Type.Boolean(),
  }),
});
export type PublicationDetail = Static<typeof PublicationDetailSchema>;

// ---- acts ----

/** The preparer's review: strings to mask beyond the automatic ones, and the 文号 if still missing. */
export const ConfirmMaskingBodySchema = Obj({
  extraMasks: Type.Array(Text(200), { maxItems: 100 }),
  number: Type.Optional(Text(100)),
});
export type ConfirmMaskingBody = Static<typeof ConfirmMaskingBodySchema>;

/** Preview the masking with extra strings without confirming it. */
export const MaskPreviewBodySchema = Obj({ extraMasks: Type.Array(Text(200), { maxItems: 100 }) });

export const RecordChangeBodySchema = Obj({
  kind: OneOf(DECISION_CHANGE_KINDS),
  /** Internal reason (the decision that changed, revoked or found it unlawful). */
  reason: MultiLine(1000),
  /** The day of that decision: the 3 working days to withdraw count from it. */
  on: IsoDate,
});
export type RecordChangeBody = Static<typeof RecordChangeBodySchema>;

/** The reason shown publicly in place of the withdrawn content. */
export const WithdrawBodySchema = Obj({ publicReason: MultiLine(500) });
export type WithdrawBody = Static<typeof WithdrawBodySchema>;

// ---- decisions made outside the platform ----

export const ExternalPartySchema = Obj({
  kind: OneOf(PARTY_KINDS),
  name: Name(200),
  creditCode: Type.Optional(Text(30)),
  idType: Type.Optional(OneOf(ID_TYPES)),
  idNumber: Type.Optional(Text(40)),
  phone: Type.Optional(Text(40)),
  address: Type.Optional(Text(200)),
  legalRepresentative: Type.Optional(Name(100)),
  /** The party is a minor: the decision is never published. */
  minor: Type.Optional(Type.Boolean()),
});
export type ExternalParty = Static<typeof ExternalPartySchema>;

export const CreatePublicationBodySchema = Obj({
  actType: OneOf(ACT_TYPES),
  number: Text(100),
  decisionDate: IsoDate,
  unitId: Id,
  /** The responsible person; the caller when left out. */
  responsibleUserId: Type.Optional(Id),
  party: ExternalPartySchema,
  /** Other natural persons the text may name (witnesses, …): masked wherever they appear. */
  otherPersons: Type.Optional(Type.Array(Name(100), { maxItems: 50 })),
  facts: MultiLine(5000),
  basis: MultiLine(2000),
  resultKind: Text(100),
  resultContent: MultiLine(2000),
  fineAmount: Type.Optional(Fen),
});
export type CreatePublicationBody = Static<typeof CreatePublicationBodySchema>;

export const CreatedPublicationSchema = Obj({ id: Id, published: Type.Boolean() });

/** An import: every row or none. */
export const ImportResultSchema = Obj({ imported: Type.Integer({ minimum: 0 }), ids: Type.Array(Str) });
export type ImportResult = Static<typeof ImportResultSchema>;
/**
 * One refused row of an import (in the 422 answer's `error.details.rows`): the row as the
 * spreadsheet numbers it (the header is row 1), the column's header, and the problem in Chinese.
 */
export const ImportRowErrorSchema = Obj({ row: Type.Integer({ minimum: 1 }), field: Str, message: Str });
export type ImportRowError = Static<typeof ImportRowErrorSchema>;
export const ImportQuerySchema = Obj({ format: Type.Optional(OneOf(['xlsx', 'csv'] as const)) });

/** Who publishes and withdraws (PUB-11): a leader (default), or also an officer of the item's unit. */
export const PublisherSettingsSchema = Obj({ publisher: OneOf(PUBLISHERS) });
export type PublisherSettings = Static<typeof PublisherSettingsSchema>;
