/**
 * Shapes the workbench reads that have no server schema of their own yet. Server responses are
 * typed from `src/http/routes/*.schema.ts` (import type), never copied here.
 */

/** Opaque to the workbench: sent back as it came (the ledger's is a number, officers' a string). */
export type Cursor = string | number;

export interface Page<T> {
  items: T[];
  nextCursor: Cursor | null;
}
