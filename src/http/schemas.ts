import { Type, type TSchema } from 'typebox';
import { UUID_PATTERN } from '../domain/ids';
import { ROLES } from '../domain/policy';

/** Shared schema pieces. Every string has a length limit; every object refuses unknown fields. */
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
export const Obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
/** An object whose every field is optional (for PATCH), still refusing unknown fields. */
export const PartialObj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Partial(Type.Object(props), { additionalProperties: false });
export const Id = Type.String({ pattern: UUID_PATTERN, maxLength: 36 });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const Timestamp = Type.String({ maxLength: 40 });
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
