import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const routes = path.join(root, 'src/http/routes');

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : filesUnder(p, keep);
    return keep(p) ? [p] : [];
  });
}

/**
 * The names of the server's API shapes: every `XSchema` (and its `X`), type and interface exported
 * by a route's `<area>.schema.ts` or by `http/schemas.ts`. New schema files are picked up as they come.
 */
function serverShapeNames(): Map<string, string> {
  const files = [
    path.join(root, 'src/http/schemas.ts'),
    ...fs
      .readdirSync(routes)
      .filter((f) => f.endsWith('.schema.ts'))
      .map((f) => path.join(routes, f)),
  ];
  const names = new Map<string, string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(root, file);
    for (const m of text.matchAll(/export\s+const\s+(\w+)Schema\b/g)) {
      names.set(`${m[1]}Schema`, where);
      names.set(m[1]!, where);
    }
    for (const m of text.matchAll(/export\s+(?:type|interface)\s+(\w+)/g)) names.set(m[1]!, where);
  }
  return names;
}

describe('the workbench is typed from the server', () => {
  it('collects the server schema names (the check below has something to check)', () => {
    const names = serverShapeNames();
    for (const n of ['CaseView', 'CaseViewSchema', 'Step', 'RecordView', 'DocumentView'])
      expect(names.has(n)).toBe(true);
  });

  it('web/src declares no interface or type named like a server schema: it imports the server type', () => {
    const names = serverShapeNames();
    const copies: string[] = [];
    for (const file of filesUnder(path.join(root, 'web/src'), (f) => /\.tsx?$/.test(f))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(?:export\s+)?(?:declare\s+)?(?:interface|type)\s+(\w+)/gm))
        if (names.has(m[1]!))
          copies.push(`${path.relative(root, file)}: ${m[1]} (server: ${names.get(m[1]!)})`);
    }
    expect(copies).toEqual([]);
  });
});
