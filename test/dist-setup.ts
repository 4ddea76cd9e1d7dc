import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled build (`cli.js` …) that tests about the `zhifa` process run. */
    zhifaDist: string;
  }
}

/**
 * Compiles the server and the command once per test run, so tests that need `zhifa` as a process
 * start plain JavaScript (well under a second) instead of the TypeScript loader (several seconds),
 * and test what production runs. Each run builds its own copy: parallel runs do not share one.
 */
export default function setup(project: TestProject): () => void {
  const root = path.resolve(import.meta.dirname, '..');
  const outdir = path.join(root, 'test-output', `dist-${process.pid}`);
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('zhifaDist', outdir);
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
