import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation. Bodies are checked strictly: no type coercion (a number sent as a string is
 * an error) and unknown fields are refused, not silently dropped. Query strings and path
 * parameters arrive as text, so there numbers and booleans are coerced.
 */
const base: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };

function make(coerce: boolean) {
  const ajv = new Ajv({ ...base, coerceTypes: coerce ? 'array' : false });
  addFormats(ajv);
  return ajv;
}

const strictAjv = make(false);
const coercingAjv = make(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
