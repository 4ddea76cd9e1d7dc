// The shape of src/, checked by `npm run lint` and by test/architecture.test.ts: no module imports
// itself through others (a cycle makes load order matter and hides which layer owns what), and the
// domain stays pure. A lint rule of its own: the eslint import plugins are not installed here, and
// this walk needs nothing but the file system.
import fs from 'node:fs';
import path from 'node:path';

export const SRC = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports of a module, type-only ones included: they tie modules together just the same. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1]!);
    const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
    if (hit) out.push(hit);
  }
  return out;
}

export const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');
export const files = sourceFiles(SRC);
export const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
export function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

/** Imports from src/domain to an outer layer, as `from → to`. */
export function domainOutward(): string[] {
  return files
    .filter((f) => rel(f).startsWith('domain/'))
    .flatMap((f) =>
      graph
        .get(f)!
        .map(rel)
        .filter((to) => /^(storage|repositories|http|services|cli)\//.test(to))
        .map((to) => `${rel(f)} → ${to}`),
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const problems = [
    ...cycles().map((c) => `import cycle: ${c.join(' ↔ ')}`),
    ...domainOutward().map((d) => `domain imports an outer layer: ${d}`),
  ];
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);
  console.log(`src/: ${files.length} modules, no import cycle, the domain pure`);
}
