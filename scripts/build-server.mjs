#!/usr/bin/env node
// Compiles the server and the `zhifa` command to plain JavaScript under dist/ (or --outdir DIR),
// so production starts without the TypeScript loader. Packages stay external: they are resolved
// from node_modules at run time, as in development.
//
// dist/ sits one level below the project root, like src/, so paths the code builds from
// import.meta.url (../web/dist/) resolve the same; files the code reads beside itself are copied.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
const outdir = path.resolve(root, values.outdir);

/** Files read at run time with `new URL(name, import.meta.url)`: source path → name in outdir. */
const ASSETS = { 'src/http/portal/portal.css': 'portal.css' };

const started = performance.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // cli.js runs the command; the server (main.ts) is split into chunks it loads only for `serve`.
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  // Chunks stay in outdir itself so import.meta.url-relative paths match the entry's.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const [from, to] of Object.entries(ASSETS))
  fs.copyFileSync(path.join(root, from), path.join(outdir, to));
// Marks the directory as ES modules wherever it is copied to.
fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
console.log(
  `build:server → ${path.relative(root, outdir) || '.'} in ${Math.round(performance.now() - started)} ms`,
);
