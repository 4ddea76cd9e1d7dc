import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../domain/ids';
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

export function newId(clock: Clock): string {
  return uuidv7(clock.now().getTime(), randomBytes(10));
}

export type Tx = Transaction<DB>;

export const SYSTEM: Actor = { type: 'system', id: 'system' };
export const CLI: Actor = { type: 'system', id: 'cli' };
