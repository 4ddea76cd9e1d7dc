import {
  canonicalJson,
  entryLeafHash,
  isActionName,
  type ActionName,
  type Actor,
  type LedgerEntry,
  type Subject,
} from '../domain/ledger-entry';
import { lockLedger } from '../storage/database';
import { insertEntry, lastSeq } from '../repositories/ledger-repository';
import type { Deps, Tx } from './deps';

/**
 * Appends one ledger entry inside the caller's transaction, so the change and its entry commit or
 * roll back together (PLT-04). The sequence is taken under the ledger lock: gapless, commit-ordered.
 */
export async function appendEntry(
  trx: Tx,
  deps: Pick<Deps, 'dialect' | 'clock'>,
  actor: Actor,
  action: ActionName,
  subject: Subject,
  data: unknown,
): Promise<LedgerEntry> {
  if (!isActionName(action)) throw new Error(`bad action name ${String(action)}`);
  await lockLedger(trx, deps.dialect);
  const canonicalData = canonicalJson(data ?? null);
  const entry: LedgerEntry = {
    seq: (await lastSeq(trx)) + 1,
    recordedAt: deps.clock.now().toISOString(),
    actor,
    action,
    subject,
    // Round-trip so the entry holds exactly what is stored (e.g. no undefined members).
    data: JSON.parse(canonicalData) as unknown,
  };
  await insertEntry(trx, entry, canonicalData, entryLeafHash(entry));
  return entry;
}
