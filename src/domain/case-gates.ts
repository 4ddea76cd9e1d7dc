/**
 * Gates: conditions that apply across the lifecycles' own rules, added by a capability (legal
 * review, publication, …) without touching the machine's tables. A capability registers
 * `{ id, actions, guard }`; the machine asks every gate for an action after the rule's own guard
 * and input checks pass. A refusal carries the capability's own stable code and a Chinese reason;
 * the service answers it with 409, like the machine's guards.
 *
 * Gates are pure. Whatever a gate needs beyond the case's stored facts is loaded by the
 * capability's fact source (services) into `CapabilityFacts`, which each capability extends by
 * declaration merging:
 *
 *   declare module './case-gates' {
 *     interface CapabilityFacts { legalReview?: { opinion: 'agree' | … } }
 *   }
 */
import type { CaseFacts, CaseState, Lifecycle, TransitionAction, TransitionInput } from './case-machine';
import type { ActType, Procedure } from './case-types';
import type { GateBlock, GateRefusal } from './gate-refusal';

/** Facts capabilities contribute to a case; empty until a capability declares its own. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface CapabilityFacts {}

/** What a gate sees: the case, its facts as of the act, and the act. */
export interface GateContext {
  case: { id: string; actType: ActType; procedure: Procedure; major: boolean };
  lifecycle: Lifecycle;
  state: CaseState;
  action: TransitionAction;
  /** The act's input; absent when the case view asks which actions to offer. */
  input?: TransitionInput;
  facts: CaseFacts & CapabilityFacts;
}

export interface CaseGate {
  /** Unique name, e.g. `legalReview.beforeDecision`. */
  id: string;
  /** The transitions it guards. */
  actions: readonly TransitionAction[];
  /** Only in these lifecycles (default: every lifecycle that has the action). */
  lifecycles?: readonly Lifecycle[];
  /** null: the act may go ahead. */
  guard(ctx: GateContext): GateRefusal | null;
}

/** The gates in force, in registration order. */
export class CaseGateRegistry {
  readonly #gates: CaseGate[] = [];

  register(gate: CaseGate): this {
    if (this.#gates.some((g) => g.id === gate.id)) throw new Error(`gate ${gate.id} is registered twice`);
    if (gate.actions.length === 0) throw new Error(`gate ${gate.id} guards no action`);
    this.#gates.push(gate);
    return this;
  }

  get ids(): string[] {
    return this.#gates.map((g) => g.id);
  }

  /** The first gate that refuses this act, or null. */
  check(ctx: GateContext): GateBlock | null {
    for (const g of this.#gates) {
      if (!g.actions.includes(ctx.action)) continue;
      if (g.lifecycles !== undefined && !g.lifecycles.includes(ctx.lifecycle)) continue;
      const r = g.guard(ctx);
      if (r) return { gate: g.id, ...r };
    }
    return null;
  }
}

/** No gates: the machine's own rules only. */
export const NO_GATES = new CaseGateRegistry();
