import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from './error-codes';
import { DomainError, invalid } from './errors';

const SRC = path.resolve(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });

describe('error codes', () => {
  const code = fs.readFileSync(path.join(SRC, 'domain/error-codes.ts'), 'utf8');
  const rest = sources(SRC)
    .filter((f) => !f.endsWith('error-codes.ts'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');

  it('are listed once each, in capitals', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(c).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(code).toContain("'CASE_NOT_FOUND'");
  });

  it('lists no code nothing raises', () => {
    const unused = ERROR_CODES.filter((c) => !rest.includes(`'${c}'`));
    expect(unused).toEqual([]);
  });

  it('error bodies written by hand use listed codes', () => {
    const literal = [...rest.matchAll(/error: \{\s*code: '([A-Z0-9_]+)'/g)].map((m) => m[1]);
    expect(literal.length).toBeGreaterThan(0);
    for (const c of literal) expect(ERROR_CODES as readonly string[]).toContain(c);
  });

  it('a DomainError takes only a listed code (checked by tsc)', () => {
    // @ts-expect-error -- not a code of the union
    const e = new DomainError('invalid', 'NO_SUCH_CODE', '…');
    // @ts-expect-error -- not a code of the union
    invalid('CASE_NOT_FUOND', '…');
    const fromValidation: ErrorCode = 'VALIDATION_MAX_LENGTH';
    expect([e.code, fromValidation]).toEqual(['NO_SUCH_CODE', 'VALIDATION_MAX_LENGTH']);
  });
});
