/**
 * The record API's request and response shapes (记录资料: uploads, case records, retrievals). Routes
 * declare them; the workbench reads their static types.
 */
import { Type, type Static } from 'typebox';
import { RECORD_KINDS } from '../../domain/case-types';
import { PROTECTIONS } from '../../domain/policy';
import { Id, Limit, MultiLine, Name, Obj, OneOf, Text, Timestamp } from '../schemas';

const Str = Type.String();
const Who = Obj({ id: Str, name: Str });
const NullStr = Type.Union([Str, Type.Null()]);

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', maxLength: 64 });
/** A tus upload id (tus names uploads with 32 hex digits): nothing that could name another file. */
export const UPLOAD_ID = '[0-9a-zA-Z_-]{8,64}';
export const UploadId = Type.String({ pattern: `^${UPLOAD_ID}$`, maxLength: 64 });

/** Metadata of an audio or video record (REC-04), as stored with it. */
export const AvMetaSchema = Obj({
  recorderId: Str,
  recorderNumber: Type.Optional(Str),
  officerIds: Type.Array(Str),
  startedAt: Str,
  endedAt: Str,
  place: Str,
});
export type AvMeta = Static<typeof AvMetaSchema>;

/**
 * A record: a stored file, with its case, step, kind, protection class and version when it is a
 * case record. A restricted record the viewer may not see keeps only that it exists (REC-09): file
 * name masked, digests empty, size, correction reason and AV metadata null.
 */
export const RecordSchema = Obj({
  id: Id,
  fileName: Str,
  mediaType: Str,
  size: Type.Union([Type.Integer(), Type.Null()], { description: '无权查看的受限记录为 null' }),
  sha256: Str,
  sm3: Str,
  createdAt: Str,
  createdBy: Who,
  caseId: NullStr,
  stepId: NullStr,
  kind: Type.Union([OneOf(RECORD_KINDS), Type.Null()]),
  protection: OneOf(PROTECTIONS),
  protectionLabel: Str,
  versionOf: NullStr,
  rootId: Str,
  version: Type.Integer(),
  correctionReason: NullStr,
  av: Type.Union([AvMetaSchema, Type.Null()]),
  /** A protected record the viewer may not see: only that it exists. */
  restricted: Type.Boolean(),
});
export type RecordView = Static<typeof RecordSchema>;
export const RecordPageSchema = Obj({ items: Type.Array(RecordSchema), nextCursor: NullStr });
/** The case a listed record belongs to, as the record list shows it (number links to the case). */
export const RecordCaseSchema = Obj({ id: Id, number: Str, title: Str });
/** An entry of the record list (记录资料): the record and its case (null: not a case record). */
export const RecordListItemSchema = Obj({
  ...RecordSchema.properties,
  case: Type.Union([RecordCaseSchema, Type.Null()]),
});
export type RecordListItem = Static<typeof RecordListItemSchema>;
export const RecordListPageSchema = Obj({ items: Type.Array(RecordListItemSchema), nextCursor: NullStr });
/** A case's records (all versions). */
export const CaseRecordPageSchema = RecordPageSchema;
export const RecordListQuerySchema = Obj({ limit: Type.Optional(Limit), cursor: Type.Optional(Id) });

/** One read of a record's bytes (调阅), with the purpose the reader gave. */
export const RetrievalSchema = Obj({
  id: Id,
  at: Str,
  user: Who,
  purpose: Str,
  /** The byte range asked for; null when the whole file was read. */
  range: NullStr,
});
export type RecordRetrieval = Static<typeof RetrievalSchema>;
export const RetrievalPageSchema = Obj({ items: Type.Array(RetrievalSchema), nextCursor: NullStr });

/** A finished resumable upload to register as a record. */
export const FromUploadBodySchema = Obj({
  uploadId: UploadId,
  fileName: Type.Optional(Name(255)),
  sha256: Type.Optional(Sha256),
});
export type FromUploadBody = Static<typeof FromUploadBodySchema>;

/** AV metadata as an officer enters it. */
export const AvInputSchema = Obj({
  recorderId: Id,
  officerIds: Type.Array(Id, { minItems: 1, maxItems: 20 }),
  startedAt: Timestamp,
  endedAt: Timestamp,
  place: Text(200),
});
export type AvInput = Static<typeof AvInputSchema>;
/** What a step's record is, sent with the finished upload. */
export const StepRecordBodySchema = Obj({
  uploadId: UploadId,
  fileName: Type.Optional(Name(255)),
  sha256: Type.Optional(Sha256),
  kind: OneOf(RECORD_KINDS),
  protection: OneOf(PROTECTIONS),
  versionOf: Type.Optional(Id),
  reason: Type.Optional(MultiLine(1000)),
  av: Type.Optional(AvInputSchema),
});
export type StepRecordBody = Static<typeof StepRecordBodySchema>;
