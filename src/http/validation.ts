import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { validationBody, type ErrorBody } from './errors';
import { normaliseText, TEXT_KEYWORD, TEXT_KINDS, type TextKind } from '../domain/text';

/**
 * Request validation. Bodies are checked strictly: no type coercion (a number sent as a string is
 * an error) and unknown fields are refused, not silently dropped. Query strings and path
 * parameters arrive as text, so there numbers and booleans are coerced.
 */
const base: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };

interface DataCxt {
  parentData?: Record<string | number, unknown>;
  parentDataProperty?: string | number;
}

function addTextKeyword(ajv: Ajv) {
  const validate = (kind: TextKind, data: string, _schema?: unknown, cxt?: DataCxt): boolean => {
    const r = normaliseText(data, kind);
    if (!r.ok) {
      validate.errors = [
        {
          keyword: TEXT_KEYWORD,
          params: { rule: r.rule, position: r.position, codePoint: r.codePoint },
        },
      ];
      return false;
    }
    if (r.value !== data && cxt?.parentData && cxt.parentDataProperty !== undefined)
      cxt.parentData[cxt.parentDataProperty] = r.value;
    return true;
  };
  validate.errors = [] as Array<{ keyword: string; params: Record<string, unknown> }>;
  ajv.addKeyword({
    keyword: TEXT_KEYWORD,
    type: 'string',
    schemaType: 'string',
    metaSchema: { enum: [...TEXT_KINDS] },
    modifying: true,
    errors: true,
    before: 'maxLength',
    validate,
  });
}

function make(coerce: boolean) {
  const ajv = new Ajv({ ...base, coerceTypes: coerce ? 'array' : false });
  addFormats(ajv);
  addTextKeyword(ajv);
  return ajv;
}

const strictAjv = make(false);
const coercingAjv = make(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

/**
 * A body schema's check outside a request (each row of an import is the body of a single entry):
 * the same strict validator as request bodies, its first violation worded as `validationBody`
 * words it (field path and Chinese message), so each rule is stated and worded once.
 */
export function bodyCheck(schema: object): (data: unknown) => ErrorBody['error'] | null {
  const validate = strictAjv.compile(schema);
  return (data) =>
    validate(data)
      ? null
      : validationBody((validate.errors ?? []) as Parameters<typeof validationBody>[0], 'body').error;
}
