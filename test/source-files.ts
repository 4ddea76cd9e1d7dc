import fs from 'node:fs';
import path from 'node:path';

/** The repository's root. */
export const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The source files of the server and the workbench (`src/`, `web/src/`; tests and build output
 * left out), as paths relative to the root: what the "one copy only" tests search.
 */
export function productSources(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'dist' ? [] : walk(p);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
    });
  return [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'web/src'))].map((f) =>
    path.relative(ROOT, f),
  );
}

/** The product source files, other than `except`, whose text matches `pattern`. */
export function sourcesMatching(pattern: RegExp, except: string): string[] {
  return productSources().filter(
    (f) => !f.endsWith(except) && pattern.test(fs.readFileSync(path.join(ROOT, f), 'utf8')),
  );
}
