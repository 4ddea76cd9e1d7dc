import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config';
import { ed25519Signer, ed25519Verifier, rawEd25519Public, verifierKeyString } from './domain/signed-note';
import type { Transparency } from './services/transparency-service';
import { loadOrCreateSigningKey } from './storage/keys';
// Not the blobs index: it re-exports the S3 driver, whose SDK costs memory when unused.
import type { BlobStore } from './storage/blobs/blob-store';
import { FsBlobStore } from './storage/blobs/fs-blob-store';
import { syncPackageCalendar } from './services/calendar-service';
import { SYSTEM, systemClock, type Deps } from './services/deps';
import { seedTemplates } from './services/document-service';
import { openDatabase, type Database } from './storage/database';
import { migrateToLatest } from './storage/migrate';

/** Opens the database, brings its schema and calendar up to date; used by the server and the CLI. */
export async function openReady(config: Config): Promise<{ database: Database; deps: Deps }> {
  const database = await openDatabase(config.database);
  await migrateToLatest(database);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    adjustedWorkdaysCount: config.adjustedWorkdaysCount,
  };
  await syncPackageCalendar(deps);
  // Default document templates for kinds that have none (a new database, or one from before them).
  await deps.db.transaction().execute((trx) => seedTemplates(trx, deps, SYSTEM));
  return { database, deps };
}

/** The office's checkpoint identity: origin, and the Ed25519 key from its file (created if missing). */
export function loadTransparency(config: Config): Transparency {
  const key = loadOrCreateSigningKey(config.transparency.keyFile);
  const pub = rawEd25519Public(createPublicKey(key));
  const origin = config.transparency.origin;
  return {
    origin,
    signer: ed25519Signer(origin, key),
    verifier: ed25519Verifier(origin, pub),
    verifierKey: verifierKeyString(origin, pub),
    copyFile: path.join(config.dataDir, 'transparency', 'latest-checkpoint.note'),
  };
}

/** The blob store the configuration names: local files (default) or S3-compatible storage. */
export async function openBlobStore(config: Config): Promise<BlobStore> {
  if (config.blobs.kind === 's3') {
    const { S3BlobStore } = await import('./storage/blobs/s3-blob-store');
    const { kind: _kind, ...s3 } = config.blobs;
    return new S3BlobStore(s3);
  }
  const store = new FsBlobStore(config.blobs.root);
  // Temp files of puts cut short by a crash are never blobs; sweep the old ones.
  await store.removeStaleTemp(60 * 60_000);
  return store;
}
