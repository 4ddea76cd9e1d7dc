import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, FrameworkCode } from '../domain/error-codes';
import { DomainError, type ErrorKind } from '../domain/errors';
import { TEXT_INVALID, TEXT_KEYWORD, textProblemMessage, type TextProblem } from '../domain/text';

/** The one place where errors become HTTP answers: `{ error: { code, message, field? } }`. */
export const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unsupportedType: 415,
  unprocessable: 422,
  locked: 423,
  tooMany: 429,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; details?: Record<string, unknown> };
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_CN: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
  null: '空值',
};

/** `/roles/0` → `roles[0]`; `/a/b` → `a.b`. */
function fieldOf(path: string, extra?: unknown): string | undefined {
  const parts = path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (typeof extra === 'string') parts.push(extra);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || undefined;
}

/** Turns the first schema violation into a stable code, the field, and a Chinese message. */
export function validationBody(errors: AjvError[], part: string | undefined): ErrorBody {
  const e = errors[0];
  if (!e) return { error: { code: 'VALIDATION', message: '请求格式不正确' } };
  const p = e.params;
  const field = fieldOf(e.instancePath, p.missingProperty ?? p.additionalProperty) ?? part;
  const name = field ?? '请求';
  if (e.keyword === TEXT_KEYWORD) {
    const problem = p as unknown as TextProblem;
    return {
      error: {
        code: TEXT_INVALID,
        message: textProblemMessage(name, problem),
        ...(field && { field }),
        details: { rule: problem.rule, position: problem.position },
      },
    };
  }
  const messages: Record<string, () => string> = {
    required: () => `缺少必填字段“${name}”`,
    additionalProperties: () => `不允许的字段“${name}”`,
    type: () => `字段“${name}”应为${TYPE_CN[String(p.type)] ?? String(p.type)}`,
    maxLength: () => `字段“${name}”不能超过 ${String(p.limit)} 个字符`,
    minLength: () =>
      p.limit === 1 ? `字段“${name}”不能为空` : `字段“${name}”至少 ${String(p.limit)} 个字符`,
    pattern: () => `字段“${name}”格式不正确`,
    format: () => `字段“${name}”格式不正确（应为 ${String(p.format)}）`,
    enum: () => `字段“${name}”的取值不在允许范围内`,
    const: () => `字段“${name}”的取值不在允许范围内`,
    anyOf: () => `字段“${name}”的取值不符合要求`,
    minimum: () => `字段“${name}”不能小于 ${String(p.limit)}`,
    maximum: () => `字段“${name}”不能大于 ${String(p.limit)}`,
    maxItems: () => `字段“${name}”最多 ${String(p.limit)} 项`,
    minItems: () => `字段“${name}”至少 ${String(p.limit)} 项`,
    uniqueItems: () => `字段“${name}”中有重复项`,
  };
  const message = messages[e.keyword]?.() ?? `字段“${name}”不符合要求`;
  return {
    error: {
      code: `VALIDATION_${e.keyword.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
      message,
      ...(field && { field }),
    },
  };
}

const FASTIFY_CODES: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE', '请求内容过大'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'EMPTY_JSON_BODY', '请求内容为空，应为 JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON', '请求内容不是合法的 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_CONTENT_LENGTH', '请求长度与内容不符'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'BAD_CONTENT_TYPE', '请求内容类型不正确'],
};

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof DomainError) {
    return reply.status(STATUS[err.kind]).send({
      error: {
        code: err.code,
        message: err.message,
        ...(err.field && { field: err.field }),
        ...(err.details && { details: err.details }),
      },
    } satisfies ErrorBody);
  }
  if (err.validation) {
    return reply.status(400).send(validationBody(err.validation, err.validationContext));
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known)
    return reply.status(known[0]).send({ error: { code: known[1], message: known[2] } } satisfies ErrorBody);
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return reply
      .status(400)
      .send({ error: { code: 'MALFORMED_JSON', message: '请求内容不是合法的 JSON' } } satisfies ErrorBody);
  }
  if (err.statusCode === 429) {
    return reply
      .status(429)
      .send({ error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } } satisfies ErrorBody);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return reply.status(err.statusCode).send({
      // The framework's own code (FST_ERR_…) for a 4xx we have not named.
      error: { code: (err.code as FrameworkCode | undefined) ?? 'BAD_REQUEST', message: '请求无法处理' },
    } satisfies ErrorBody);
  }
  req.log.error({ err }, 'unhandled error');
  return reply
    .status(500)
    .send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } } satisfies ErrorBody);
}
