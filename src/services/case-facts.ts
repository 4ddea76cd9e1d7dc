import type { WorkCalendar } from '../domain/calendar';
import type { CaseDates } from '../domain/case-deadlines';
import { derivedFacts, parseDates, parseFacts, type StoredFacts } from '../domain/case-facts';
import { NO_GATES, type CapabilityFacts, type CaseGateRegistry } from '../domain/case-gates';
import {
  lifecycleOf,
  type CaseState,
  type GateCheck,
  type PresetInput,
  type Lifecycle,
  type TransitionAction,
  type TransitionInput,
} from '../domain/case-machine';
import type { Actor } from '../domain/ledger-entry';
import type { ActType, Procedure } from '../domain/case-types';
import type { IsoDate } from '../domain/dates';
import { hasCompletedStep } from '../repositories/step-repository';
import type { Executor } from '../storage/database';
import type { Deps, Tx } from './deps';

/** The columns of a case row the facts are read from. */
export interface CaseFactsRow {
  id: string;
  act_type: string;
  procedure: string;
  state: string;
  major: number;
  facts: string;
  dates: string;
}

/**
 * Loads what a capability's gate needs beyond the stored facts (e.g. the legal review's opinion),
 * inside the caller's transaction. Registered with the gate in `src/capabilities.ts`.
 */
export interface CaseFactSource {
  id: string;
  load(ex: Executor, c: CaseFactsRow): Promise<Partial<CapabilityFacts>>;
}

/**
 * What a capability does when a case is filed or moves on, inside the same transaction and after
 * the case's own rows and ledger entry are written (e.g. publication: a decision creates the item
 * to publish; legal review: the case is classified again). Throwing rolls the act back.
 */
export interface CaseEffect {
  id: string;
  run(trx: Tx, deps: Deps, event: CaseEvent): Promise<void>;
}

/** A case filed (`action: 'file'`) or transitioned, as it stands after the act. */
export interface CaseEvent {
  actor: Actor;
  caseId: string;
  action: TransitionAction | 'file';
  from: CaseState | null;
  to: CaseState;
  /** The act's date. */
  on: IsoDate;
  facts: StoredFacts;
  dates: CaseDates;
  calendar: WorkCalendar;
}

/** What capabilities add to cases: gates on transitions and the facts those gates read. */
export interface CaseCapabilities {
  gates: CaseGateRegistry;
  factSources: readonly CaseFactSource[];
  /** What the server fills into an act from the capabilities' facts (e.g. an approved outcome). */
  preset?: (facts: StoredFacts & CapabilityFacts) => PresetInput;
  /** Run, in registration order, after a case is filed or transitioned (same transaction). */
  effects?: readonly CaseEffect[];
}

export const NO_CAPABILITIES: CaseCapabilities = { gates: NO_GATES, factSources: [] };

export interface LoadedCaseFacts {
  lifecycle: Lifecycle;
  state: CaseState;
  /** As kept on the case. */
  stored: StoredFacts;
  dates: CaseDates;
  /**
   * Stored + time-dependent + capabilities' facts, as of the act's date. The transition may add
   * to this object (the waiver, the sanction checked); the gate reads it as it then stands.
   */
  facts: StoredFacts & CapabilityFacts;
  /** Asks the registered gates about an act on this case. */
  gate: GateCheck;
  /** What the server fills into an act on this case. */
  preset: PresetInput;
}

/**
 * The one place the facts of a case are gathered, for a transition (as of its date, inside its
 * transaction) and for the case view (as of today): what the machine, the gates and the view's
 * flags read.
 */
export async function loadCaseFacts(
  ex: Executor,
  deps: Deps & { capabilities?: CaseCapabilities },
  row: CaseFactsRow,
  on: IsoDate,
  calendar: WorkCalendar,
): Promise<LoadedCaseFacts> {
  const capabilities = deps.capabilities ?? NO_CAPABILITIES;
  const lifecycle = lifecycleOf(row.act_type as ActType, row.procedure as Procedure)!;
  const state = row.state as CaseState;
  const stored = parseFacts(row);
  const dates = parseDates(row);
  const hearingHeld = await hasCompletedStep(ex, row.id, 'hearing');
  const facts: StoredFacts & CapabilityFacts = {
    ...stored,
    ...derivedFacts(calendar, dates, on, deps.clock.now(), hearingHeld),
  };
  for (const source of capabilities.factSources) Object.assign(facts, await source.load(ex, row));
  const caseInfo = {
    id: row.id,
    actType: row.act_type as ActType,
    procedure: row.procedure as Procedure,
    major: row.major === 1,
  };
  const gate: GateCheck = (action, input?: TransitionInput) =>
    capabilities.gates.check({
      case: caseInfo,
      lifecycle,
      state,
      action,
      facts,
      ...(input && { input }),
    });
  const preset: PresetInput = capabilities.preset ? capabilities.preset(facts) : () => undefined;
  return { lifecycle, state, stored, dates, facts, gate, preset };
}
