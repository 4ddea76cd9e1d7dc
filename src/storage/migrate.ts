import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import type { Database, DialectName } from './database';
import * as m20261125 from './migrations/2026-11-25-001-foundation';
import * as m20261125b from './migrations/2026-11-25-002-merkle-tree';
import * as m20261125c from './migrations/2026-11-25-003-records';
import * as m20261125d from './migrations/2026-11-25-004-cases';
import * as m20261125e from './migrations/2026-11-25-005-documents';
import * as m20261125f from './migrations/2026-11-25-006-case-list-index';
import * as m20261125g from './migrations/2026-11-25-007-archives';
import * as m20261204h from './migrations/2026-12-04-008-party-lookups';
import * as m20261204i from './migrations/2026-12-04-009-account-safety';
import * as m20261205j from './migrations/2026-12-05-010-jobs';
import * as m20261205k from './migrations/2026-12-05-011-approvals';
import * as m20261205l from './migrations/2026-12-05-012-flag-handling';
import * as m20261205m from './migrations/2026-12-05-013-party-name-search';
import * as m20261205n from './migrations/2026-12-05-014-legal-review';
import * as m20261205o from './migrations/2026-12-05-015-publication';
import * as m20261205p from './migrations/2026-12-05-016-outbox';
import * as m20261206q from './migrations/2026-12-06-017-decision-search';
import * as m20261206r from './migrations/2026-12-06-018-case-classification';
import * as m20261206s from './migrations/2026-12-06-019-legal-review-timers';

/** A migration step; `dialect` tells it which column types to use. Never edit one once landed. */
export interface Step {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** In order. Add a new dated file and list it here. */
const STEPS: Record<string, Step> = {
  '2026-11-25-001-foundation': m20261125,
  '2026-11-25-002-merkle-tree': m20261125b,
  '2026-11-25-003-records': m20261125c,
  '2026-11-25-004-cases': m20261125d,
  '2026-11-25-005-documents': m20261125e,
  '2026-11-25-006-case-list-index': m20261125f,
  '2026-11-25-007-archives': m20261125g,
  '2026-12-04-008-party-lookups': m20261204h,
  '2026-12-04-009-account-safety': m20261204i,
  '2026-12-05-010-jobs': m20261205j,
  '2026-12-05-011-approvals': m20261205k,
  '2026-12-05-012-flag-handling': m20261205l,
  '2026-12-05-013-party-name-search': m20261205m,
  '2026-12-05-014-legal-review': m20261205n,
  '2026-12-05-015-publication': m20261205o,
  '2026-12-05-016-outbox': m20261205p,
  '2026-12-06-017-decision-search': m20261206q,
  '2026-12-06-018-case-classification': m20261206r,
  '2026-12-06-019-legal-review-timers': m20261206s,
};

class StepProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(STEPS)) out[name] = { up: (db) => step.up(db, this.dialect) };
    return Promise.resolve(out);
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.dialect === 'postgres' ? scopedToOwnSchema(database.db as Kysely<unknown>) : database.db,
    provider: new StepProvider(database.dialect),
    // Name the schema of the bookkeeping tables: Kysely finds them by introspecting every schema,
    // so the same tables in another schema of the database would otherwise confuse it.
    ...(database.pgSchema && { migrationTableSchema: database.pgSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrator only asks "does my bookkeeping table exist?", but Kysely's PostgreSQL introspector
 * answers by reading every column of every schema in the database. That read fails when another
 * schema is dropped at the same moment and grows with every schema the database holds. This handle
 * answers from the search path's own schema only; everything else is the handle itself.
 */
function scopedToOwnSchema(db: Kysely<unknown>): Kysely<unknown> {
  const introspection: DatabaseIntrospector = {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
      return rows.filter((r) => r.name !== null);
    },
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string; schema: string; kind: string }>`
        select c.relname as name, n.nspname as schema, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')`.execute(db);
      return rows.map((r) => ({
        name: r.name,
        schema: r.schema,
        isView: r.kind === 'v' || r.kind === 'm',
        columns: [],
      }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
