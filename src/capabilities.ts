/**
 * What capabilities add to cases, in one place: each capability that gates a transition registers
 * its gate (pure, `src/domain/…`) and the fact source its gate reads (`src/services/…`) here
 * (ARCHITECTURE.md, "How to add a capability that gates a transition"). Registered: the procedure
 * the law implies (approvals, evidence, issued documents, performance; issue 12) and legal review of
 * major decisions (issue 13).
 */
import { CaseGateRegistry } from './domain/case-gates';
import { registerLegalReviewGates } from './domain/legal-review-gates';
import { procedurePreset, registerProcedureGates } from './domain/procedure-gates';
import type { CaseCapabilities } from './services/case-facts';
import { classificationEffect } from './services/case-classification';
import { legalReviewFactSource } from './services/legal-review-facts';
import { procedureFactSource } from './services/procedure-facts';
import { publicationEffect } from './services/publication-service';

export function caseCapabilities(): CaseCapabilities {
  // Legal review first: a major case is told it needs the review before the approval it waits for.
  const gates = registerProcedureGates(registerLegalReviewGates(new CaseGateRegistry()));
  return {
    gates,
    factSources: [procedureFactSource, legalReviewFactSource],
    preset: (facts) => procedurePreset(facts.proceeding),
    // The case is classified again on its facts (REV-01); a decision made creates its publication
    // item (事后公示, issue 14).
    effects: [classificationEffect, publicationEffect],
  };
}
