// What a refused gate answers. Its own file because both the case machine (which reports it) and
// the gate registry (whose gates make it) need it: the two modules then import it, not each other.
import type { DomainErrorCode } from './error-codes';

export interface GateRefusal {
  /**
   * Stable error code of the capability, e.g. LEGAL_REVIEW_REQUIRED: declared in the capability's
   * files by extending `CapabilityErrorCodes` (error-codes.ts).
   */
  code: DomainErrorCode;
  /** Chinese: what is missing and what to do. */
  message: string;
  field?: string;
}

/** A refusal with the gate that made it. */
export interface GateBlock extends GateRefusal {
  gate: string;
}
