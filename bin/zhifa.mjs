#!/usr/bin/env node
// Entry point of the `zhifa` command. Runs the compiled CLI (dist/cli.js, from `npm run build:server`)
// when it is at least as new as every source file; otherwise — in development, or before a build —
// registers the TypeScript loader and runs the sources, so an edit is never shadowed by a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const compiled = path.join(root, 'dist', 'cli.js');

/** Latest modification time of the sources under dir (tests excluded: they are not in the build). */
function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (!e.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function compiledIsFresh() {
  let built;
  try {
    built = fs.statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  // An installation without sources runs what it has.
  return !fs.existsSync(path.join(root, 'src')) || built >= newestSource(path.join(root, 'src'));
}

if (compiledIsFresh()) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
