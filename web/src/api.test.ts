import { Type } from 'typebox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerProblem } from './api-check';
import { ApiError, request } from './api';

const Session = Type.Object({ user: Type.Object({ id: Type.String() }), csrfToken: Type.String() });
const json = 'application/json; charset=utf-8';

describe('answerProblem (development check of an answer)', () => {
  it('accepts JSON of the schema, an empty answer, and any JSON object without a schema', async () => {
    expect(await answerProblem(json, '{"user":{"id":"u1"},"csrfToken":"t"}', Session)).toBeNull();
    expect(await answerProblem(null, '', Session)).toBeNull();
    expect(await answerProblem(json, '{"items":[]}')).toBeNull();
  });

  it('names what is wrong: not JSON, not an object, not the schema’s shape', async () => {
    expect(await answerProblem('text/html', '<!doctype html>')).toMatch(/expected JSON, got text\/html/);
    expect(await answerProblem(json, '{"a":')).toMatch(/not valid JSON/);
    expect(await answerProblem(json, '42')).toMatch(/expected an object or array/);
    expect(await answerProblem(json, '{"user":{},"csrfToken":1}', Session)).toMatch(
      /does not match its schema: .*(user|csrfToken)/,
    );
  });

  it('loads a lazy schema only when it checks', async () => {
    const load = vi.fn(() => Promise.resolve(Session));
    expect(await answerProblem(json, '{"user":{"id":"u1"},"csrfToken":"t"}', load)).toBeNull();
    expect(load).toHaveBeenCalledOnce();
  });
});

describe('request in a development build', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const answer = (body: string, contentType = json) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': contentType } })),
      ),
    );

  it('logs a console error when the answer does not fit the schema, and still returns it', async () => {
    expect(import.meta.env.DEV).toBe(true);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    answer('{"user":{"id":1},"csrfToken":"t"}');
    const got = await request<unknown>('GET', '/api/auth/me', { schema: Session });
    expect(got).toEqual({ user: { id: 1 }, csrfToken: 't' });
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^\[api\] GET \/api\/auth\/me: unexpected answer/);
  });

  it('is silent when the answer fits', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    answer('{"user":{"id":"u1"},"csrfToken":"t"}');
    await request('GET', '/api/auth/me', { schema: Session });
    expect(error).not.toHaveBeenCalled();
  });

  it('reports an answer that is not JSON', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    answer('<!doctype html><p>proxy error</p>', 'text/html');
    await request('GET', '/api/units');
    expect(String(error.mock.calls[0]?.[0])).toMatch(/GET \/api\/units: unexpected answer, expected JSON/);
  });
});

describe('ApiError codes', () => {
  it('are the server’s codes or the workbench’s own (checked by tsc)', () => {
    const known = new ApiError(409, 'CASE_FILE_INCOMPLETE', '…');
    const own = new ApiError(502, 'HTTP_502', '…');
    // @ts-expect-error -- a code neither the server nor the workbench has
    const typo = new ApiError(409, 'CASE_FILE_INCOMPLET', '…');
    expect([known.code, own.code, typo.code]).toEqual([
      'CASE_FILE_INCOMPLETE',
      'HTTP_502',
      'CASE_FILE_INCOMPLET',
    ]);
  });
});
