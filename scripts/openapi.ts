/**
 * Writes the API's OpenAPI document to a file, for linters and client generators:
 *   node --import tsx scripts/openapi.ts [out.json]   (default: openapi.json)
 * The app is built over an empty in-memory database in a temporary data directory; nothing listens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { buildApp } from '../src/http/app';
import { openDatabase } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';

const out = path.resolve(process.argv[2] ?? 'openapi.json');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-openapi-'));
// Removed when the process exits, not earlier: the upload store creates its folder asynchronously.
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
const config = loadConfig({ LOG_LEVEL: 'silent', ZHIFA_DATA_DIR: dataDir });
const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
await migrateToLatest(database);
const app = await buildApp({ config, database });
await app.ready();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(app.swagger(), null, 2) + '\n');
await app.close();
await database.destroy();
process.stdout.write(`OpenAPI document written to ${path.relative(process.cwd(), out) || out}\n`);
