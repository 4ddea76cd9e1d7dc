import {
  OperationNodeTransformer,
  type Kysely,
  PostgresAdapter,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
} from 'kysely';
import type { DB } from './schema';

/** The locking clauses of a SELECT: `FOR UPDATE`, `FOR SHARE`, … and their `SKIP LOCKED`/`NOWAIT`. */
const LOCKING = new Set(['ForUpdate', 'ForNoKeyUpdate', 'ForShare', 'ForKeyShare', 'SkipLocked', 'NoWait']);

class StripLocking extends OperationNodeTransformer {
  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const out = super.transformSelectQuery(node);
    if (!out.endModifiers?.some((m) => m.modifier && LOCKING.has(m.modifier))) return out;
    const endModifiers = out.endModifiers.filter((m) => !(m.modifier && LOCKING.has(m.modifier)));
    return { ...out, endModifiers: endModifiers.length > 0 ? endModifiers : undefined };
  }
}

/** Whether a locking clause appears anywhere in a query tree (subqueries included), without copying it. */
function hasLocking(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some(hasLocking);
  const n = node as { kind?: unknown; modifier?: unknown };
  // Only operation nodes are walked: a parameter's value (a Buffer, a Date, JSON) is not one.
  if (typeof n.kind !== 'string' || n.kind === 'ValueNode') return false;
  if (n.kind === 'SelectModifierNode' && typeof n.modifier === 'string' && LOCKING.has(n.modifier))
    return true;
  // for…in, not Object.values: this runs for every query, and allocates nothing this way.
  const fields = node as Record<string, unknown>;
  for (const key in fields) if (hasLocking(fields[key])) return true;
  return false;
}

/**
 * Row locking is a capability of the database handle, not a flag passed around: repositories
 * always write `.forUpdate()` (and `.skipLocked()` where several nodes claim work), and a SQLite
 * handle carries this plugin, which drops those clauses — SQLite has no row locks and needs none,
 * its one writer at a time already serialises every transaction that writes.
 */
export class SqliteRowLocks implements KyselyPlugin {
  readonly #strip = new StripLocking();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // The transformer copies the whole tree; most queries lock nothing, so look before copying.
    return hasLocking(args.node) ? this.#strip.transformNode(args.node) : args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * Serialises ledger appends so the sequence is the commit order with no gaps. The lock is not a
 * row lock (there is no row to lock before the first entry), so it asks the handle which database
 * it speaks to: PostgreSQL takes a transaction-level advisory lock, held until commit; SQLite has
 * one writer already.
 */
export async function lockLedger(trx: Kysely<DB>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(7013224)`.execute(trx);
}
