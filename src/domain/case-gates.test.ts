import { describe, expect, it } from 'vitest';
import { CaseGateRegistry, type CaseGate, type GateContext } from './case-gates';
import { allowedActions, blockedActions, transition, type CaseFacts, type GateCheck } from './case-machine';

// The codes of the gates below, declared as a capability declares its own.
declare module './error-codes' {
  interface CapabilityErrorCodes {
    LEGAL_REVIEW_REQUIRED: true;
    B_REFUSED: true;
    C_REFUSED: true;
    NO_TRANSFER: true;
  }
}

/** A gate of the kind legal review will add: a major case is not decided before a review agrees. */
const reviewGate: CaseGate = {
  id: 'test.reviewBeforeDecision',
  actions: ['decide'],
  lifecycles: ['penaltyOrdinary'],
  guard: (ctx) =>
    ctx.case.major && (ctx.facts as { reviewAgreed?: boolean }).reviewAgreed !== true
      ? { code: 'LEGAL_REVIEW_REQUIRED', message: '重大执法决定须经法制审核同意' }
      : null,
};

const ctxOf = (over: Partial<GateContext> = {}): GateContext => ({
  case: { id: 'c1', actType: 'penalty', procedure: 'ordinary', major: true },
  lifecycle: 'penaltyOrdinary',
  state: 'noticed',
  action: 'decide',
  facts: { procedure: 'ordinary' },
  ...over,
});

const gateOf =
  (registry: CaseGateRegistry, major: boolean, facts: CaseFacts & { reviewAgreed?: boolean }): GateCheck =>
  (action, input) =>
    registry.check({
      ...ctxOf({ action, facts, case: { id: 'c1', actType: 'penalty', procedure: 'ordinary', major } }),
      ...(input && { input }),
    });

describe('case gates', () => {
  it('ACT-1 a gate is registered once, guards at least one action, and answers only for its actions and lifecycles', () => {
    const r = new CaseGateRegistry().register(reviewGate);
    expect(() => r.register(reviewGate)).toThrow(/twice/);
    expect(() => new CaseGateRegistry().register({ ...reviewGate, actions: [] })).toThrow(/no action/);
    expect(r.ids).toEqual(['test.reviewBeforeDecision']);
    expect(r.check(ctxOf())).toEqual({
      gate: 'test.reviewBeforeDecision',
      code: 'LEGAL_REVIEW_REQUIRED',
      message: '重大执法决定须经法制审核同意',
    });
    expect(r.check(ctxOf({ action: 'serve' }))).toBeNull();
    expect(r.check(ctxOf({ lifecycle: 'licensing' }))).toBeNull();
    expect(
      r.check(ctxOf({ case: { id: 'c1', actType: 'penalty', procedure: 'ordinary', major: false } })),
    ).toBeNull();
  });

  it('ACT-1 the first refusing gate answers, in registration order', () => {
    const r = new CaseGateRegistry()
      .register({ id: 'a', actions: ['decide'], guard: () => null })
      .register({ id: 'b', actions: ['decide'], guard: () => ({ code: 'B_REFUSED', message: '乙' }) })
      .register({ id: 'c', actions: ['decide'], guard: () => ({ code: 'C_REFUSED', message: '丙' }) });
    expect(r.check(ctxOf())).toMatchObject({ gate: 'b', code: 'B_REFUSED' });
  });

  it('ACT-1 a refusing gate holds back a lawful transition with its own code; the rule’s own guard answers first', () => {
    const registry = new CaseGateRegistry().register(reviewGate);
    const over = { procedure: 'ordinary' as const, noticePeriodOver: true };
    const refused = transition(
      'penaltyOrdinary',
      'noticed',
      over,
      { action: 'decide', outcome: 'penalty' },
      gateOf(registry, true, over),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: 'TRANSITION_GATE_REFUSED',
      gate: { gate: 'test.reviewBeforeDecision', code: 'LEGAL_REVIEW_REQUIRED' },
    });
    expect(refused.ok === false && refused.message).toContain('重大执法决定须经法制审核同意');
    // The period has not run out: the machine's own guard refuses, not the gate.
    const early = { procedure: 'ordinary' as const, noticePeriodOver: false };
    expect(
      transition(
        'penaltyOrdinary',
        'noticed',
        early,
        { action: 'decide', outcome: 'penalty' },
        gateOf(registry, true, early),
      ),
    ).toMatchObject({ ok: false, code: 'TRANSITION_GUARD_FAILED' });
    // The review agreed, or the case is not major: the gate lets it through.
    const agreed = { ...over, reviewAgreed: true };
    expect(
      transition(
        'penaltyOrdinary',
        'noticed',
        agreed,
        { action: 'decide', outcome: 'penalty' },
        gateOf(registry, true, agreed),
      ),
    ).toMatchObject({ ok: true, to: 'decided' });
    expect(
      transition(
        'penaltyOrdinary',
        'noticed',
        over,
        { action: 'decide', outcome: 'penalty' },
        gateOf(registry, false, over),
      ),
    ).toMatchObject({ ok: true, to: 'decided' });
  });

  it('ACT-1 an action a gate holds back is not offered but listed with the gate’s reason', () => {
    const registry = new CaseGateRegistry().register(reviewGate);
    const over = { procedure: 'ordinary' as const, noticePeriodOver: true };
    expect(allowedActions('penaltyOrdinary', 'noticed', over)).toContain('decide');
    expect(allowedActions('penaltyOrdinary', 'noticed', over, gateOf(registry, true, over))).not.toContain(
      'decide',
    );
    expect(blockedActions('penaltyOrdinary', 'noticed', over, gateOf(registry, true, over))).toEqual([
      {
        action: 'decide',
        block: {
          gate: 'test.reviewBeforeDecision',
          code: 'LEGAL_REVIEW_REQUIRED',
          message: '重大执法决定须经法制审核同意',
        },
      },
    ]);
    expect(blockedActions('penaltyOrdinary', 'noticed', over, gateOf(registry, false, over))).toEqual([]);
  });

  it('ACT-1 a gate sees the act’s input when asked about an act, and each choice a person may make when asked what to offer', () => {
    const seen: Array<string | undefined> = [];
    const registry = new CaseGateRegistry().register({
      id: 'input.spy',
      actions: ['decide'],
      guard: (ctx) => {
        seen.push(ctx.input?.outcome);
        return ctx.input?.outcome === 'transfer' ? { code: 'NO_TRANSFER', message: '不得移送' } : null;
      },
    });
    const facts = { procedure: 'ordinary' as const };
    const gate = gateOf(registry, false, facts);
    expect(allowedActions('penaltyOrdinary', 'investigationEnded', facts, gate)).toContain('decide');
    expect(
      transition(
        'penaltyOrdinary',
        'investigationEnded',
        facts,
        { action: 'decide', outcome: 'transfer' },
        gate,
      ),
    ).toMatchObject({ ok: false, gate: { code: 'NO_TRANSFER' } });
    // Offering 作出决定 before the notice: 处罚 needs the notice (the rule's own input guard), so
    // the first choice the gate sees is 不予处罚, which it lets through.
    expect(seen).toEqual(['noPenalty', 'noPenalty', 'transfer']);
  });
});
