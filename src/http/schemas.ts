import { Type, type TSchema } from 'typebox';
import { UUID_PATTERN } from '../domain/ids';
import { ROLES } from '../domain/policy';
import { TEXT_KEYWORD, type TextKind } from '../domain/text';

const TextOf = (kind: TextKind, max: number, min: number) =>
  Type.String({ minLength: min, maxLength: max, [TEXT_KEYWORD]: kind });

/**
 * Shared schema pieces. Every string has a length limit; every object refuses unknown fields.
 * Text goes through the text rules (`domain/text.ts`): stored in NFC, refused with
 * `TEXT_INVALID` and the field for control characters, noncharacters and broken encoding.
 *
 * `Text` is one line of text: no tab or line break.
 */
export const Text = (max: number, min = 1) => TextOf('line', max, min);
/** Free text of several lines (facts, notes, reasons, opinions): tab and line breaks allowed. */
export const MultiLine = (max: number, min = 1) => TextOf('multiLine', max, min);
/** A name (person, unit, file): one line, and no invisible or direction-changing characters. */
export const Name = (max: number, min = 1) => TextOf('name', max, min);
export const Obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
/** An object whose every field is optional (for PATCH), still refusing unknown fields. */
export const PartialObj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Partial(Type.Object(props), { additionalProperties: false });
export const Id = Type.String({ pattern: UUID_PATTERN, maxLength: 36 });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const Timestamp = Type.String({ maxLength: 40, [TEXT_KEYWORD]: 'line' });
export const IdParams = Obj({ id: Id });
export const RoleSchema = Type.Unsafe<(typeof ROLES)[number]>({ type: 'string', enum: [...ROLES] });
export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });

export const ErrorSchema = Obj({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
});

/** Standard error answers for the OpenAPI document. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorSchema]));
export const NoContent = Type.Null({ description: '无内容' });

/** A string that is one of `values`, typed as their union. */
export const OneOf = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
