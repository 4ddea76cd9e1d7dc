import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { nextIdState, uuidv7, type IdState } from '../domain/ids';
import type { DialectName } from '../storage/database';
import type { DB } from '../storage/schema';
import type { Actor } from '../domain/ledger-entry';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What services use; passed in, never reached for. */
export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  adjustedWorkdaysCount: boolean;
}

let idState: IdState = { ms: 0, counter: 0 };

/** A new UUIDv7; ids made by this process are strictly increasing. */
export function newId(clock: Clock): string {
  idState = nextIdState(idState, clock.now().getTime());
  return uuidv7(idState.ms, randomBytes(10), idState.counter);
}

export type Tx = Transaction<DB>;

export const SYSTEM: Actor = { type: 'system', id: 'system' };
export const CLI: Actor = { type: 'system', id: 'cli' };
