/**
 * What capabilities add to cases, in one place: each capability that gates a transition registers
 * its gate (pure, `src/domain/…`) and the fact source its gate reads (`src/services/…`) here.
 * None is registered yet; legal review and publication will be (ARCHITECTURE.md, "How to add a
 * capability that gates a transition").
 */
import { CaseGateRegistry } from './domain/case-gates';
import type { CaseCapabilities } from './services/case-facts';

export function caseCapabilities(): CaseCapabilities {
  const gates = new CaseGateRegistry();
  return { gates, factSources: [] };
}
