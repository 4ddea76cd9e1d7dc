import type { LegalReviewFacts } from '../domain/legal-review-gates';
import type { ReviewStage } from '../domain/legal-review';
import * as repo from '../repositories/legal-review-repository';
import { hasCompletedStep } from '../repositories/step-repository';
import type { Executor } from '../storage/database';
import type { CaseFactSource, CaseFactsRow } from './case-facts';

/** What legal review's gates read, inside the caller's transaction. */
export async function loadLegalReviewFacts(ex: Executor, caseId: string): Promise<LegalReviewFacts> {
  const reviews = await repo.caseReviews(ex, caseId);
  const marks = await repo.caseMarks(ex, caseId);
  const passed = [...new Set(reviews.filter((r) => r.passed === 1).map((r) => r.stage as ReviewStage))];
  const complex = marks.some((m) => m.kind === 'complex');
  const hearing = await hasCompletedStep(ex, caseId, 'hearing');
  return {
    passed,
    preDecisionRequired: complex || hearing,
    meetingHeld: (await repo.caseMeeting(ex, caseId)) !== undefined,
  };
}

export const legalReviewFactSource: CaseFactSource = {
  id: 'legalReview',
  load: async (ex: Executor, c: CaseFactsRow) => ({ legalReview: await loadLegalReviewFacts(ex, c.id) }),
};
