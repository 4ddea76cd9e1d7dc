/**
 * What capabilities add to cases, in one place: each capability that gates a transition registers
 * its gate (pure, `src/domain/…`) and the fact source its gate reads (`src/services/…`) here
 * (ARCHITECTURE.md, "How to add a capability that gates a transition"). Registered: the procedure
 * the law implies (approvals, evidence, issued documents, performance; issue 12).
 */
import { CaseGateRegistry } from './domain/case-gates';
import { procedurePreset, registerProcedureGates } from './domain/procedure-gates';
import type { CaseCapabilities } from './services/case-facts';
import { procedureFactSource } from './services/procedure-facts';

export function caseCapabilities(): CaseCapabilities {
  const gates = registerProcedureGates(new CaseGateRegistry());
  return {
    gates,
    factSources: [procedureFactSource],
    preset: (facts) => procedurePreset(facts.proceeding),
  };
}
