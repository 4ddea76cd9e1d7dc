import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_KINDS,
  APPROVAL_STATES,
  DEFAULT_APPROVALS,
  checkApprovalSettings,
  type CaseApprovals,
} from './approvals';
import { CaseGateRegistry } from './case-gates';
import {
  allowedActions,
  LIFECYCLES,
  statesOf,
  transition,
  TRANSITION_ACTIONS,
  type CaseFacts,
  type CaseState,
  type GateCheck,
  type Lifecycle,
  type TransitionAction,
  type TransitionInput,
} from './case-machine';
import type { Procedure } from './case-types';
import { DOCUMENT_KINDS, type DocumentKind } from './documents';
import { draftableKinds, draftRefusal } from './document-availability';
import { lateSurcharge, paymentShortfall } from './performance';
import { procedurePreset, registerProcedureGates, type ProcedureFacts } from './procedure-gates';
import { caseName, chargedViolations, violationsOf } from './violations';

const gates = registerProcedureGates(new CaseGateRegistry());
const PROCEDURE_OF: Record<Lifecycle, Procedure> = {
  penaltyOrdinary: 'ordinary',
  penaltySimplified: 'simplified',
  inspection: 'standard',
  licensing: 'standard',
  compulsionMeasure: 'measure',
  compulsionExecution: 'execution',
  expropriation: 'standard',
};
const gateOf =
  (l: Lifecycle, state: CaseState, f: CaseFacts, p: ProcedureFacts): GateCheck =>
  (action, input) =>
    gates.check({
      case: { id: 'c1', actType: 'penalty', procedure: f.procedure, major: false },
      lifecycle: l,
      state,
      action,
      facts: { ...f, proceeding: p },
      ...(input && { input }),
    });
const base = (over: Partial<ProcedureFacts> = {}): ProcedureFacts => ({
  requiredApprovals: DEFAULT_APPROVALS.penaltyOrdinary,
  approvals: {},
  evidenceRecords: 0,
  issuedDocuments: [],
  fine: 0,
  ...over,
});
const approved = (...kinds: Array<'filing' | 'decision' | 'closing'>): CaseApprovals =>
  Object.fromEntries(kinds.map((k) => [k, { id: k, kind: k, state: 'approved' }]));

describe('the procedure the law implies (pure)', () => {
  const F: CaseFacts = { procedure: 'ordinary' };

  it('ACT-1 each gate names its rule with a stable code (a refused transition answers 409 with it)', () => {
    const cases: Array<[CaseState, TransitionAction, ProcedureFacts, CaseFacts, string]> = [
      ['filed', 'startInvestigation', base(), F, 'FILING_APPROVAL_REQUIRED'],
      ['investigating', 'endInvestigation', base({ approvals: approved('filing') }), F, 'EVIDENCE_REQUIRED'],
      [
        'investigationEnded',
        'notice',
        base({ approvals: approved('filing'), evidenceRecords: 1 }),
        F,
        'NOTICE_NOT_ISSUED',
      ],
      [
        'noticed',
        'decide',
        base({ approvals: approved('filing') }),
        { ...F, noticePeriodOver: true },
        'DECISION_APPROVAL_REQUIRED',
      ],
      [
        'decided',
        'serve',
        base({ approvals: approved('filing', 'decision') }),
        { ...F, outcome: 'penalty' },
        'DECISION_NOT_ISSUED',
      ],
      [
        'served',
        'execute',
        base({ approvals: approved('filing', 'decision'), fine: 100 }),
        { ...F, outcome: 'penalty' },
        'PERFORMANCE_REQUIRED',
      ],
      [
        'executed',
        'close',
        base({ approvals: approved('filing', 'decision') }),
        F,
        'CLOSING_APPROVAL_REQUIRED',
      ],
    ];
    for (const [state, action, p, f, code] of cases) {
      const r = transition(
        'penaltyOrdinary',
        state,
        f,
        { action, outcome: 'penalty' },
        gateOf('penaltyOrdinary', state, f, p),
      );
      expect(r, `${state} ${action}`).toMatchObject({
        ok: false,
        code: 'TRANSITION_GATE_REFUSED',
        gate: { code },
      });
    }
    // 撤销立案 is open before the filing is approved.
    expect(
      allowedActions('penaltyOrdinary', 'filed', F, gateOf('penaltyOrdinary', 'filed', F, base())),
    ).toEqual(['terminate']);
  });

  it('ACT-1 a decision that needs approval takes the approved outcome: another is refused, and 作出决定 is not offered before the notice when the approval is a penalty', () => {
    const p = base({
      approvals: {
        ...approved('filing'),
        decision: {
          id: 'd',
          kind: 'decision',
          state: 'approved',
          proposal: { outcome: 'penalty', reasons: '依法' },
        },
      },
    });
    const f: CaseFacts = { ...F, noticePeriodOver: true };
    const preset = procedurePreset(p);
    expect(preset('decide')).toEqual({ outcome: 'penalty' });
    const gate = gateOf('penaltyOrdinary', 'noticed', f, p);
    expect(
      transition('penaltyOrdinary', 'noticed', f, { action: 'decide', outcome: 'noPenalty' }, gate, preset),
    ).toMatchObject({
      ok: false,
      gate: { code: 'DECISION_DIFFERS_FROM_APPROVAL' },
    });
    expect(allowedActions('penaltyOrdinary', 'noticed', f, gate, preset)).toContain('decide');
    const before = gateOf('penaltyOrdinary', 'investigationEnded', f, p);
    expect(allowedActions('penaltyOrdinary', 'investigationEnded', f, before, preset)).not.toContain(
      'decide',
    );
  });

  it('ACT-1 allowedActions with the procedure is exactly what the server accepts (property over the machine and the procedure facts)', () => {
    const candidates = (action: TransitionAction): TransitionInput[] =>
      [undefined, 'penalty', 'noPenalty', 'transfer', 'granted', 'denied'].flatMap((outcome) =>
        [undefined, 'compliant', 'rectify', 'referred'].map(
          (result) =>
            ({
              action,
              outcome,
              result,
              reason: '依法说明理由',
              urgentReason: '情况紧急',
            }) as TransitionInput,
        ),
      );
    const approval = fc.option(
      fc.record({
        state: fc.constantFrom(...APPROVAL_STATES),
        outcome: fc.constantFrom('penalty', 'noPenalty', 'transfer', 'granted', 'denied'),
      }),
      { nil: undefined },
    );
    const world = fc.record({
      lifecycle: fc.constantFrom(...LIFECYCLES),
      stateIndex: fc.nat(20),
      required: fc.subarray([...APPROVAL_KINDS]),
      approvals: fc.record({ filing: approval, decision: approval, closing: approval }),
      evidence: fc.nat(2),
      issued: fc.subarray(['penaltyNotice', 'penaltyDecision', 'noPenaltyDecision'] as DocumentKind[]),
      performance: fc.boolean(),
      facts: fc.record({
        outcome: fc.option(fc.constantFrom('penalty', 'noPenalty', 'transfer', 'granted', 'denied'), {
          nil: undefined,
        }),
        noticePeriodOver: fc.boolean(),
        partyWaived: fc.boolean(),
        hearingOffered: fc.boolean(),
        hearingRequested: fc.boolean(),
        hearingHeld: fc.boolean(),
        inspectionResult: fc.option(fc.constantFrom('compliant', 'rectify', 'referred'), { nil: undefined }),
        licenceGranted: fc.boolean(),
        admonitionPeriodOver: fc.boolean(),
        atNightOrHoliday: fc.boolean(),
      }),
    });
    fc.assert(
      fc.property(world, (w) => {
        const states = statesOf(w.lifecycle);
        const state = states[w.stateIndex % states.length]!;
        const f = { procedure: PROCEDURE_OF[w.lifecycle], ...w.facts } as CaseFacts;
        const approvals: CaseApprovals = {};
        for (const k of APPROVAL_KINDS) {
          const a = w.approvals[k];
          if (a)
            approvals[k] = {
              id: k,
              kind: k,
              state: a.state,
              ...(k === 'decision' && { proposal: { outcome: a.outcome as 'penalty', reasons: '理由' } }),
            };
        }
        const p = base({
          requiredApprovals: w.required,
          approvals,
          evidenceRecords: w.evidence,
          issuedDocuments: w.issued,
          fine: 100,
          ...(w.performance && {
            performance: {
              kind: 'finePaid',
              amount: 100,
              paidOn: '2026-12-01',
              receiptNumber: 'x',
              surcharge: 0,
            },
          }),
        });
        const gate = gateOf(w.lifecycle, state, f, p);
        const preset = procedurePreset(p);
        // The server fills in what the preset gives, as the case service does.
        const accepted = (i: TransitionInput) =>
          transition(
            w.lifecycle,
            state,
            f,
            { ...i, ...(i.outcome === undefined && preset(i.action)) },
            gate,
            preset,
          ).ok;
        const possible = TRANSITION_ACTIONS.filter((a) => candidates(a).some(accepted));
        expect([...allowedActions(w.lifecycle, state, f, gate, preset)].sort()).toEqual([...possible].sort());
      }),
      { numRuns: 2000 },
    );
  });

  it('PLT-05 approval settings: known kinds only, a decision approval only where there is a decision, none for the simplified procedure', () => {
    expect(checkApprovalSettings(DEFAULT_APPROVALS)).toEqual([]);
    expect(checkApprovalSettings({ ...DEFAULT_APPROVALS, inspection: ['decision'] })).toEqual([
      { field: 'inspection[0]', message: '该类案件没有“作出决定”环节，不能设置决定审批' },
    ]);
    expect(checkApprovalSettings({ ...DEFAULT_APPROVALS, penaltySimplified: ['filing'] })[0]?.field).toBe(
      'penaltySimplified[0]',
    );
    expect(
      checkApprovalSettings({ ...DEFAULT_APPROVALS, licensing: ['x' as 'filing'] })[0]?.message,
    ).toContain('不正确');
  });
});

describe('加处罚款 (行政处罚法 art. 72): 3 % of the fine a day after the due day, never more than the fine', () => {
  const table: Array<[fine: number, due: string, paid: string, days: number, surcharge: number]> = [
    [2_000_000, '2026-12-10', '2026-12-10', 0, 0], // on the due day
    [2_000_000, '2026-12-10', '2026-12-09', 0, 0], // early
    [2_000_000, '2026-12-10', '2026-12-11', 1, 60_000],
    [2_000_000, '2026-12-10', '2026-12-15', 5, 300_000],
    [2_000_000, '2026-12-28', '2027-01-04', 7, 420_000], // across the year end
    [2_000_000, '2026-12-10', '2027-01-12', 33, 1_980_000],
    [2_000_000, '2026-12-10', '2027-01-13', 34, 2_000_000], // capped at the fine
    [2_000_000, '2026-12-10', '2027-06-30', 202, 2_000_000],
    [333, '2026-02-27', '2026-03-01', 2, 19], // February, rounded down to the fen
    [2_000_000, '2028-02-28', '2028-03-01', 2, 120_000], // leap day counts
  ];
  it.each(table)(
    'PUB-09 fine %i due %s paid %s: %i days late, %i fen',
    (fine, due, paid, days, surcharge) => {
      expect(lateSurcharge(fine, due, paid)).toEqual({ daysLate: days, surcharge });
    },
  );
  it('ACT-1 a payment short of fine + surcharge says how much is owed, in 元', () => {
    expect(paymentShortfall(2_000_000, 300_000, 2_300_000)).toBeNull();
    expect(paymentShortfall(2_000_000, 300_000, 2_000_000)).toBe(
      '缴纳金额20,000元少于应缴金额23,000元（罚款20,000元，逾期加处罚款3,000元）',
    );
    expect(paymentShortfall(2_000_000, 0, 1_000_000)).toBe('缴纳金额10,000元少于罚款金额20,000元');
  });
});

describe('the violations a case charges (案由)', () => {
  const art49 = {
    violation: '侵占人民防空工程；不按国家规定的防护标准和质量标准修建人民防空工程；改变主体结构',
  };
  it('ACT-1 a benchmark lists its violations by semicolon, or by its own list; 、 joins the forms of one', () => {
    expect(violationsOf(art49)).toEqual([
      '侵占人民防空工程',
      '不按国家规定的防护标准和质量标准修建人民防空工程',
      '改变主体结构',
    ]);
    expect(violationsOf({ violation: '出租、使用未经竣工验收的民防工程' })).toEqual([
      '出租、使用未经竣工验收的民防工程',
    ]);
    expect(violationsOf({ violation: 'x', violations: ['甲', ' 乙 ', '甲', ''] })).toEqual(['甲', '乙']);
  });
  it('ACT-1 a filing charges violations of its item only, in the item order; one is implied only when the item has one', () => {
    expect(chargedViolations(art49, ['改变主体结构', '侵占人民防空工程'])).toEqual([
      '侵占人民防空工程',
      '改变主体结构',
    ]);
    expect(() => chargedViolations(art49, undefined)).toThrow(/请选择本案查处的违法行为/);
    expect(() => chargedViolations(art49, ['随地吐痰'])).toThrow(/不属于该权力事项/);
    expect(chargedViolations({ violation: '单一违法行为' }, [])).toEqual(['单一违法行为']);
  });
  it('PLT-06 the case name is 当事人 + 违法行为 + 案, 案 not doubled', () => {
    expect(caseName('上海某某置业有限公司', ['侵占人民防空工程'])).toBe(
      '上海某某置业有限公司侵占人民防空工程案',
    );
    expect(caseName('张三', ['甲', '乙'])).toBe('张三甲；乙案');
  });
});

describe('document kinds that may be drafted now (REC-02)', () => {
  const c = {
    actType: 'penalty' as const,
    lifecycle: 'penaltyOrdinary' as const,
    closed: false,
    issued: [] as DocumentKind[],
  };
  it('REC-02 the 事先告知书 after the penalty is proposed and before 告知; the decision once taken; the 回证 once something numbered is issued', () => {
    expect(draftRefusal('penaltyNotice', { ...c, state: 'investigating' })).toBe(
      '调查终结后方可制作事先告知书',
    );
    expect(draftRefusal('penaltyNotice', { ...c, state: 'investigationEnded' })).toContain('拟作出的处罚');
    const sanction = { kinds: ['fine' as const], fine: 100, confiscated: 0 };
    expect(draftableKinds({ ...c, state: 'investigationEnded', sanction })).toContain('penaltyNotice');
    expect(draftableKinds({ ...c, state: 'noticed', sanction })).not.toContain('penaltyNotice');
    expect(draftableKinds({ ...c, state: 'decided', outcome: 'penalty', sanction })).toContain(
      'penaltyDecision',
    );
    expect(draftableKinds({ ...c, state: 'decided', outcome: 'noPenalty' })).toEqual(
      expect.arrayContaining(['noPenaltyDecision']),
    );
    expect(draftableKinds({ ...c, state: 'noticed' })).not.toContain('serviceReceipt');
    expect(draftableKinds({ ...c, state: 'noticed', issued: ['penaltyNotice'] })).toContain('serviceReceipt');
    expect(draftableKinds({ ...c, state: 'closed', closed: true })).toEqual([]);
    expect(
      draftableKinds({ ...c, actType: 'inspection', lifecycle: 'inspection', state: 'inspecting' }),
    ).not.toContain('penaltyNotice');
    expect(DOCUMENT_KINDS.length).toBe(21);
  });

  it('REV-05 REV-08 legal review’s documents are issued with its acts, never drafted by hand; an issued 法审 opinion is not something to serve', () => {
    for (const kind of [
      'legalReviewOpinion',
      'reReviewRequest',
      'reReviewOpinion',
      'reReviewDecision',
      'collectiveDiscussion',
    ] as const)
      expect(draftRefusal(kind, { ...c, state: 'investigating' })).toContain('在法制审核办理时自动出具');
    expect(draftableKinds({ ...c, state: 'investigating', issued: ['legalReviewOpinion'] })).not.toContain(
      'serviceReceipt',
    );
  });
});
