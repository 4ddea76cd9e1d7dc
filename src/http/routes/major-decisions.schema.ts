import { Type, type Static } from 'typebox';
import { ACT_TYPES, PARTY_KINDS } from '../../domain/case-types';
import {
  COMPULSION_KINDS,
  COMPULSION_METHODS,
  LICENCE_ACTIONS,
  MAJOR_CATEGORIES,
  MANUAL_CATEGORIES,
  NO_PENALTY_REASONS,
  REVIEW_OUTCOMES,
  SANCTION_KINDS_FOR_REVIEW,
} from '../../domain/major-decision';
import { MultiLine, Obj, OneOf, Text } from '../schemas';

/** An integer that is one of `values`, typed as their union. */
const IntOf = <const T extends readonly number[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'integer', enum: [...values] });

/**
 * The facts of a prospective decision (REV-01), in the vocabularies of `domain/major-decision.ts`.
 * Blank texts pass the schema so that the classification's own check names them
 * (`MAJOR_DECISION_INPUT_INVALID`).
 */
export const MajorDecisionInputSchema = Obj({
  actType: OneOf(ACT_TYPES),
  partyKind: Type.Optional(OneOf(PARTY_KINDS)),
  sanctions: Type.Optional(
    Type.Array(
      Obj({
        kind: OneOf(SANCTION_KINDS_FOR_REVIEW),
        amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
      }),
      { maxItems: 20 },
    ),
  ),
  reduced: Type.Optional(Type.Boolean()),
  outcome: Type.Optional(OneOf(REVIEW_OUTCOMES)),
  noPenaltyReason: Type.Optional(OneOf(NO_PENALTY_REASONS)),
  basisOutsideCivilDefence: Type.Optional(Type.Boolean()),
  firstUseOfBasis: Type.Optional(Type.Boolean()),
  licence: Type.Optional(Obj({ kind: Text(100, 0), action: OneOf(LICENCE_ACTIONS) })),
  compulsion: Type.Optional(Obj({ kind: OneOf(COMPULSION_KINDS), method: OneOf(COMPULSION_METHODS) })),
  manual: Type.Optional(
    Type.Array(Obj({ category: IntOf(MANUAL_CATEGORIES), reason: MultiLine(500, 0) }), { maxItems: 2 }),
  ),
});
export type MajorDecisionInputBody = Static<typeof MajorDecisionInputSchema>;

/** Whether the decision is major, and each category it falls in (sorted, once) with its reason. */
export const MajorClassificationSchema = Obj({
  major: Type.Boolean(),
  categories: Type.Array(Obj({ category: IntOf(MAJOR_CATEGORIES), reason: Type.String() })),
});

/**
 * The thresholds (fen, inclusive), the listed licences and the legal-review periods (working days).
 * Values are checked by the domain (`MAJOR_DECISION_SETTINGS_INVALID` with the field).
 */
export const MajorDecisionSettingsSchema = Obj({
  thresholds: Obj({
    person: Type.Integer({ maximum: Number.MAX_SAFE_INTEGER }),
    organisation: Type.Integer({ maximum: Number.MAX_SAFE_INTEGER }),
    confiscation: Type.Integer({ maximum: Number.MAX_SAFE_INTEGER }),
  }),
  licenceKinds: Type.Array(Text(100, 0), { maxItems: 50 }),
  reviewPeriods: Obj({
    reviewWorkingDays: Type.Integer(),
    extensionWorkingDays: Type.Integer(),
  }),
});
