/**
 * The document API's request and response shapes (执法文书、文书模板). Routes declare them; the
 * workbench reads their static types.
 */
import { Type, type Static } from 'typebox';
import { ACT_TYPES } from '../../domain/case-types';
import { CONDITIONS, DOCUMENT_KINDS, NOTICES, PLACEHOLDERS, type Placeholder } from '../../domain/documents';
import { Id, MultiLine, Obj, OneOf, Text } from '../schemas';
import { Labels } from './cases.schema';

const Str = Type.String();
const NullStr = Type.Union([Str, Type.Null()]);
const Who = Obj({ id: Str, name: Str });

/** A document kind in the path: an unknown one is a resource that does not exist (404). */
export const KindParamsSchema = Obj({
  kind: Type.String({ pattern: '^[0-9A-Za-z-]+$', maxLength: 40, description: DOCUMENT_KINDS.join(', ') }),
});
export const TemplateVersionQuerySchema = Obj({
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

// ---- templates ----

const paragraph = <T extends typeof Str>(text: T) =>
  Obj({ text, when: Type.Optional(OneOf(CONDITIONS)), plain: Type.Optional(Type.Boolean()) });
export const TemplateInputSchema = Obj({
  title: Text(50),
  code: Type.Optional(Text(4)),
  sections: Type.Array(
    Obj({
      heading: Type.Optional(Text(100)),
      paragraphs: Type.Array(paragraph(MultiLine(2000)), { minItems: 1, maxItems: 50 }),
    }),
    { minItems: 1, maxItems: 30 },
  ),
});
export type TemplateInput = Static<typeof TemplateInputSchema>;
/** A section of a template as stored (`when`: the condition that includes a paragraph). */
export const TemplateSectionSchema = Obj({
  heading: Type.Optional(Str),
  paragraphs: Type.Array(paragraph(Str)),
});
export type TemplateSection = Static<typeof TemplateSectionSchema>;
export type TemplateParagraph = TemplateSection['paragraphs'][number];

/** One kind in `GET /api/document-templates`, with its template in force. */
export const TemplateKindSchema = Obj({
  kind: OneOf(DOCUMENT_KINDS),
  kindLabel: Str,
  numbered: Type.Boolean(),
  actTypes: Type.Unsafe<ReadonlyArray<(typeof ACT_TYPES)[number]>>(Type.Array(OneOf(ACT_TYPES))),
  current: Type.Union([Obj({ id: Id, version: Type.Integer(), title: Str, createdAt: Str }), Type.Null()]),
});
export type TemplateKind = Static<typeof TemplateKindSchema>;
/** The kinds and the names a template editor needs. */
export const TemplateListSchema = Obj({
  kinds: Type.Array(TemplateKindSchema),
  /** `{{name}}` → what it is filled with. */
  placeholders: Labels(Object.keys(PLACEHOLDERS) as Placeholder[]),
  conditions: Labels(CONDITIONS),
  notices: Labels(NOTICES),
});
export type TemplateList = Static<typeof TemplateListSchema>;

export const TemplateVersionSchema = Obj({
  id: Id,
  version: Type.Integer(),
  title: Str,
  /** The user id of whoever saved it. */
  createdBy: Str,
  createdAt: Str,
});
export type TemplateVersion = Static<typeof TemplateVersionSchema>;
const templateProps = {
  id: Id,
  kind: OneOf(DOCUMENT_KINDS),
  kindLabel: Str,
  version: Type.Integer(),
  title: Str,
  /** 文号 code (机关代字), only for numbered kinds. */
  code: NullStr,
  sections: Type.Array(TemplateSectionSchema),
  numbered: Type.Boolean(),
  sealed: Type.Boolean(),
  partySigns: Type.Boolean(),
  requiredNotices: Type.Array(Obj({ notice: OneOf(NOTICES), label: Str })),
  createdBy: Str,
  createdAt: Str,
};
/** A template as saved (the answer of `PUT`). */
export const TemplateSchema = Obj(templateProps);
export type Template = Static<typeof TemplateSchema>;
/** `GET /api/document-templates/:kind`: a template with every version of its kind. */
export const TemplateWithVersionsSchema = Obj({
  ...templateProps,
  versions: Type.Array(TemplateVersionSchema),
});
export type TemplateWithVersions = Static<typeof TemplateWithVersionsSchema>;

// ---- documents ----

export const GenerateDocumentBodySchema = Obj({
  kind: OneOf(DOCUMENT_KINDS),
  stepId: Type.Optional(Id),
  facts: Type.Optional(MultiLine(5000)),
});
export type GenerateDocumentBody = Static<typeof GenerateDocumentBodySchema>;
export const ReissueBodySchema = Obj({ reason: MultiLine(1000), facts: Type.Optional(MultiLine(5000)) });
export type ReissueBody = Static<typeof ReissueBodySchema>;
export const DocxQuerySchema = Obj({ purpose: Type.Optional(MultiLine(200, 0)) });

/** The filled values and the conditions that hold: what a document stores as its data. */
export const DocumentDataSchema = Obj({
  values: Type.Unsafe<Partial<Record<string, string>>>(Type.Record(Type.String(), Str)),
  conditions: Type.Array(OneOf(CONDITIONS)),
});
export type DocumentData = Static<typeof DocumentDataSchema>;
/** The scan of the copy the party signed (笔录, 送达回证, 清单). */
export const SignedScanSchema = Obj({
  recordId: Str,
  attachedAt: NullStr,
  attachedBy: Obj({ id: NullStr, name: NullStr }),
});
/** An enforcement document of a case: a draft, or final with its 文号 and record. */
export const DocumentSchema = Obj({
  id: Id,
  caseId: Id,
  stepId: NullStr,
  kind: OneOf(DOCUMENT_KINDS),
  kindLabel: Str,
  title: Str,
  templateId: Str,
  templateVersion: Type.Integer(),
  state: OneOf(['draft', 'final'] as const),
  number: NullStr,
  recordId: NullStr,
  version: Type.Integer(),
  versionOf: NullStr,
  /** Why it was re-issued (version > 1). */
  reason: NullStr,
  partySigns: Type.Boolean(),
  signedScan: Type.Union([SignedScanSchema, Type.Null()]),
  data: DocumentDataSchema,
  createdBy: Who,
  createdAt: Str,
  finalisedBy: Type.Union([Who, Type.Null()]),
  finalisedAt: NullStr,
});
export type DocumentView = Static<typeof DocumentSchema>;

/** The account fines are paid into (指定银行); empty members print as blanks to fill in. */
export const PaymentBankSchema = Obj({
  bankName: Text(60, 0),
  accountName: Text(60, 0),
  accountNumber: Text(40, 0),
});
export type PaymentBank = Static<typeof PaymentBankSchema>;
