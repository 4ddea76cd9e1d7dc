import { describe, expect, it } from 'vitest';
import { CaseGateRegistry } from './case-gates';
import { LIFECYCLES, type Lifecycle } from './case-machine';
import type { ActType, Procedure } from './case-types';
import { REVIEW_STAGES, STAGE_TRANSITIONS } from './legal-review';
import { registerLegalReviewGates, type LegalReviewFacts } from './legal-review-gates';

const CASE_OF: Record<Lifecycle, { actType: ActType; procedure: Procedure; state: string }> = {
  penaltyOrdinary: { actType: 'penalty', procedure: 'ordinary', state: 'filed' },
  penaltySimplified: { actType: 'penalty', procedure: 'simplified', state: 'decidedOnSpot' },
  inspection: { actType: 'inspection', procedure: 'standard', state: 'planned' },
  licensing: { actType: 'licensing', procedure: 'standard', state: 'applied' },
  compulsionMeasure: { actType: 'compulsion', procedure: 'measure', state: 'measureDecided' },
  compulsionExecution: { actType: 'compulsion', procedure: 'execution', state: 'admonished' },
  expropriation: { actType: 'expropriation', procedure: 'standard', state: 'decided' },
};
const gates = registerLegalReviewGates(new CaseGateRegistry());
const none: LegalReviewFacts = { passed: [], preDecisionRequired: false, meetingHeld: false };
const check = (l: Lifecycle, action: string, major: boolean, f: LegalReviewFacts) =>
  gates.check({
    case: { id: 'c', actType: CASE_OF[l].actType, procedure: CASE_OF[l].procedure, major },
    lifecycle: l,
    state: CASE_OF[l].state as never,
    action: action as never,
    facts: { procedure: CASE_OF[l].procedure, legalReview: f },
  });

describe('legal review gates', () => {
  for (const l of LIFECYCLES)
    for (const stage of REVIEW_STAGES)
      for (const action of STAGE_TRANSITIONS[l][stage] ?? []) {
        it(`REV-04 ${l}: ${action} of a major case waits for the ${stage} review; agreed, it passes; not major, it is not held`, () => {
          expect(check(l, action, true, none)?.code).toBe('LEGAL_REVIEW_REQUIRED');
          const passed = { ...none, passed: [stage], meetingHeld: true };
          expect(check(l, action, true, passed)).toBeNull();
          expect(check(l, action, false, none)).toBeNull();
        });
      }

  it('REV-04 art. 58: a case with a hearing or marked complex needs the pre-decision review even when not major', () => {
    const f = { ...none, preDecisionRequired: true };
    expect(check('penaltyOrdinary', 'decide', false, f)?.code).toBe('LEGAL_REVIEW_REQUIRED');
    expect(check('penaltyOrdinary', 'decide', false, { ...f, passed: ['beforeDecision'] })).toBeNull();
    // Other stages are not required of a case that is not major.
    expect(check('penaltyOrdinary', 'startInvestigation', false, f)).toBeNull();
  });

  it('REV-06 a major decision waits for the case-review meeting after its review agreed', () => {
    const f = { ...none, passed: ['beforeDecision' as const] };
    expect(check('penaltyOrdinary', 'decide', true, f)?.code).toBe('REVIEW_MEETING_REQUIRED');
    expect(check('penaltyOrdinary', 'decide', true, { ...f, meetingHeld: true })).toBeNull();
  });

  it('REV-04 transitions outside the stages are not held (e.g. 告知, 送达)', () => {
    expect(check('penaltyOrdinary', 'notice', true, none)).toBeNull();
    expect(check('penaltyOrdinary', 'serve', true, none)).toBeNull();
  });
});
