import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  STATE_LABELS,
  actionsOf,
  allowedActions,
  initialState,
  isClosed,
  lifecycleOf,
  statesOf,
  transition,
  type CaseFacts,
  type CaseState,
  type Lifecycle,
  type TransitionAction,
  type TransitionInput,
  type TransitionResult,
} from './case-machine';
import { ACT_TYPES, PROCEDURES, PROCEDURES_OF, type Procedure } from './case-types';

// ---------------------------------------------------------------------------------------------
// Independent expectations, written by hand from the law and the brief (not read from the module).

const ALL_ACTIONS: readonly TransitionAction[] = [
  'startInvestigation',
  'endInvestigation',
  'notice',
  'requestHearing',
  'decide',
  'serve',
  'execute',
  'close',
  'terminate',
  'startInspection',
  'recordResult',
  'startReinspection',
  'recordReinspection',
  'accept',
  'refuseApplication',
  'startReview',
  'amendLicence',
  'withdrawLicence',
  'revokeLicence',
  'enforce',
  'extend',
  'release',
  'dispose',
  'decideExecution',
  'recordCompliance',
];

/** A case (lifecycle + procedure) with facts under which the happy-path guards pass. */
interface Expectation {
  lifecycle: Lifecycle;
  procedure: Procedure;
  initial: CaseState;
  facts: Partial<CaseFacts>;
  /** state → [actions available from it at all, actions allowed under `facts`] */
  states: Partial<Record<CaseState, [TransitionAction[], TransitionAction[]]>>;
}

const EXPECTATIONS: Expectation[] = [
  {
    lifecycle: 'penaltyOrdinary',
    procedure: 'ordinary',
    initial: 'filed',
    facts: { hearingOffered: true, noticePeriodOver: true, hearingHeld: true, outcome: 'penalty' },
    states: {
      filed: [
        ['startInvestigation', 'terminate'],
        ['startInvestigation', 'terminate'],
      ],
      investigating: [
        ['endInvestigation', 'terminate'],
        ['endInvestigation', 'terminate'],
      ],
      investigationEnded: [
        ['notice', 'decide', 'terminate'],
        ['notice', 'decide', 'terminate'],
      ],
      noticed: [
        ['requestHearing', 'decide'],
        ['requestHearing', 'decide'],
      ],
      hearing: [['decide'], ['decide']],
      decided: [['serve', 'close'], ['serve']],
      served: [['execute', 'close'], ['execute']],
      executed: [['close'], ['close']],
      closed: [[], []],
    },
  },
  {
    lifecycle: 'penaltySimplified',
    procedure: 'simplified',
    initial: 'decidedOnSpot',
    facts: {},
    states: {
      decidedOnSpot: [['serve'], ['serve']],
      served: [['execute'], ['execute']],
      executed: [['close'], ['close']],
      closed: [[], []],
    },
  },
  {
    lifecycle: 'inspection',
    procedure: 'standard',
    initial: 'planned',
    facts: { inspectionResult: 'rectify' },
    states: {
      planned: [['startInspection'], ['startInspection']],
      inspecting: [['recordResult'], ['recordResult']],
      resultRecorded: [['startReinspection', 'close'], ['startReinspection']],
      reinspecting: [['recordReinspection'], ['recordReinspection']],
      reinspected: [['close'], ['close']],
      closed: [[], []],
    },
  },
  {
    lifecycle: 'licensing',
    procedure: 'standard',
    initial: 'applied',
    facts: { licenceGranted: true },
    states: {
      applied: [
        ['accept', 'refuseApplication'],
        ['accept', 'refuseApplication'],
      ],
      accepted: [['startReview'], ['startReview']],
      underReview: [['decide'], ['decide']],
      decided: [['serve'], ['serve']],
      served: [['close'], ['close']],
      closed: [
        ['amendLicence', 'withdrawLicence', 'revokeLicence'],
        ['amendLicence', 'withdrawLicence', 'revokeLicence'],
      ],
      licenceWithdrawn: [[], []],
      licenceRevoked: [[], []],
    },
  },
  {
    lifecycle: 'licensing',
    procedure: 'commitment',
    initial: 'applied',
    facts: { licenceGranted: true },
    states: {
      applied: [
        ['accept', 'refuseApplication'],
        ['accept', 'refuseApplication'],
      ],
      accepted: [
        ['startReview', 'decide'],
        ['startReview', 'decide'],
      ],
      underReview: [['decide'], ['decide']],
      decided: [['serve'], ['serve']],
      served: [['close'], ['close']],
      closed: [
        ['amendLicence', 'withdrawLicence', 'revokeLicence'],
        ['amendLicence', 'withdrawLicence', 'revokeLicence'],
      ],
      licenceWithdrawn: [[], []],
      licenceRevoked: [[], []],
    },
  },
  {
    lifecycle: 'compulsionMeasure',
    procedure: 'measure',
    initial: 'measureDecided',
    facts: {},
    states: {
      measureDecided: [['serve'], ['serve']],
      served: [['enforce'], ['enforce']],
      inForce: [
        ['extend', 'release', 'dispose'],
        ['extend', 'release', 'dispose'],
      ],
      released: [['close'], ['close']],
      disposed: [['close'], ['close']],
      closed: [[], []],
    },
  },
  {
    lifecycle: 'compulsionExecution',
    procedure: 'execution',
    initial: 'admonished',
    facts: { admonitionPeriodOver: true },
    states: {
      admonished: [
        ['decideExecution', 'recordCompliance'],
        ['decideExecution', 'recordCompliance'],
      ],
      executionDecided: [
        ['serve', 'recordCompliance'],
        ['serve', 'recordCompliance'],
      ],
      served: [
        ['execute', 'recordCompliance'],
        ['execute', 'recordCompliance'],
      ],
      executed: [['close'], ['close']],
      complied: [['close'], ['close']],
      closed: [[], []],
    },
  },
  {
    lifecycle: 'expropriation',
    procedure: 'standard',
    initial: 'decided',
    facts: {},
    states: {
      decided: [['serve'], ['serve']],
      served: [['execute'], ['execute']],
      executed: [['close'], ['close']],
      closed: [[], []],
    },
  },
];

const statesIn = (e: Expectation): CaseState[] => Object.keys(e.states) as CaseState[];
const expectationsOf = (l: Lifecycle): Expectation[] => EXPECTATIONS.filter((e) => e.lifecycle === l);
const sorted = <T extends string>(xs: readonly T[]): T[] => [...xs].sort();

// ---------------------------------------------------------------------------------------------
// Helpers

const facts = (procedure: Procedure, more: Partial<CaseFacts> = {}): CaseFacts => ({ procedure, ...more });

function ok(r: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
}
function failed(r: TransitionResult): Extract<TransitionResult, { ok: false }> {
  if (r.ok) throw new Error(`expected a failure, got ${r.from} → ${r.to}`);
  return r;
}

/**
 * Walks a path, merging established facts (as the service does) and checking each state reached.
 * Each step is [input, expected state after, facts set by the world before the step].
 */
function walk(
  l: Lifecycle,
  start: CaseFacts,
  steps: [TransitionInput, CaseState, Partial<CaseFacts>?][],
): { state: CaseState; facts: CaseFacts; results: Extract<TransitionResult, { ok: true }>[] } {
  let state = initialState(l);
  let f = start;
  const results: Extract<TransitionResult, { ok: true }>[] = [];
  for (const [input, to, world] of steps) {
    f = { ...f, ...world };
    const r = ok(transition(l, state, f, input));
    expect(r.from).toBe(state);
    expect(r.to).toBe(to);
    expect(r.action).toBe(input.action);
    results.push(r);
    state = r.to;
    f = { ...f, ...r.facts };
  }
  return { state, facts: f, results };
}

// ---------------------------------------------------------------------------------------------

describe('case lifecycles: choosing the machine', () => {
  it('ACT-1 each act type and procedure leads to its lifecycle; foreign procedures to none', () => {
    expect(lifecycleOf('penalty', 'ordinary')).toBe('penaltyOrdinary');
    expect(lifecycleOf('penalty', 'simplified')).toBe('penaltySimplified');
    expect(lifecycleOf('inspection', 'standard')).toBe('inspection');
    expect(lifecycleOf('licensing', 'standard')).toBe('licensing');
    expect(lifecycleOf('licensing', 'commitment')).toBe('licensing');
    expect(lifecycleOf('compulsion', 'measure')).toBe('compulsionMeasure');
    expect(lifecycleOf('compulsion', 'execution')).toBe('compulsionExecution');
    expect(lifecycleOf('expropriation', 'standard')).toBe('expropriation');
    for (const a of ACT_TYPES)
      for (const p of PROCEDURES) {
        const l = lifecycleOf(a, p);
        expect(l === null, `${a}/${p}`).toBe(!PROCEDURES_OF[a].includes(p));
      }
  });

  it('ACT-1 initial states, state lists and action lists match the expectations', () => {
    for (const e of EXPECTATIONS) {
      expect(initialState(e.lifecycle)).toBe(e.initial);
      expect(sorted(statesOf(e.lifecycle))).toEqual(sorted(statesIn(e)));
    }
    for (const l of new Set(EXPECTATIONS.map((e) => e.lifecycle))) {
      const expected = new Set(expectationsOf(l).flatMap((e) => Object.values(e.states).flatMap(([a]) => a)));
      expect(sorted(actionsOf(l))).toEqual(sorted([...expected]));
    }
  });

  it('ACT-1 every state and action has a Chinese label', () => {
    expect(sorted(Object.keys(ACTION_LABELS))).toEqual(sorted(ALL_ACTIONS));
    for (const label of [...Object.values(ACTION_LABELS), ...Object.values(STATE_LABELS)])
      expect(label).toMatch(/[\u4e00-\u9fff]/);
    for (const e of EXPECTATIONS) for (const s of statesIn(e)) expect(STATE_LABELS[s]).toBeTruthy();
  });

  it('ACT-1 closed states: closed, licence withdrawn or revoked', () => {
    for (const e of EXPECTATIONS)
      for (const s of statesIn(e))
        expect(isClosed(e.lifecycle, s), `${e.lifecycle}/${s}`).toBe(
          ['closed', 'licenceWithdrawn', 'licenceRevoked'].includes(s),
        );
  });
});

describe('case lifecycles: happy paths', () => {
  it('ACT-1 ordinary penalty: filing → investigation → notice → hearing → decision → service → execution → closing', () => {
    const { state, results } = walk('penaltyOrdinary', facts('ordinary'), [
      [{ action: 'startInvestigation' }, 'investigating'],
      [{ action: 'endInvestigation' }, 'investigationEnded'],
      [{ action: 'notice' }, 'noticed'],
      [{ action: 'requestHearing' }, 'hearing', { hearingOffered: true }],
      [{ action: 'decide', outcome: 'penalty' }, 'decided', { hearingHeld: true }],
      [{ action: 'serve' }, 'served'],
      [{ action: 'execute' }, 'executed'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(state).toBe('closed');
    expect(results[3]?.facts).toEqual({ hearingRequested: true });
    expect(results[4]?.facts).toEqual({ outcome: 'penalty' });
    expect(results.every((r) => r.effects.length === 0)).toBe(true);
  });

  it('ACT-1 ordinary penalty without a hearing: decide once the defence period is over or waived', () => {
    walk('penaltyOrdinary', facts('ordinary'), [
      [{ action: 'startInvestigation' }, 'investigating'],
      [{ action: 'endInvestigation' }, 'investigationEnded'],
      [{ action: 'notice' }, 'noticed'],
      [{ action: 'decide', outcome: 'penalty' }, 'decided', { noticePeriodOver: true }],
      [{ action: 'serve' }, 'served'],
      [{ action: 'execute' }, 'executed'],
      [{ action: 'close' }, 'closed'],
    ]);
    walk('penaltyOrdinary', facts('ordinary', { hearingOffered: true }), [
      [{ action: 'startInvestigation' }, 'investigating'],
      [{ action: 'endInvestigation' }, 'investigationEnded'],
      [{ action: 'notice' }, 'noticed'],
      [{ action: 'decide', outcome: 'penalty' }, 'decided', { partyWaived: true }],
    ]);
  });

  it('ACT-1 ordinary penalty: transfer closes after the decision, without notice or service', () => {
    const { state, facts: f } = walk('penaltyOrdinary', facts('ordinary'), [
      [{ action: 'startInvestigation' }, 'investigating'],
      [{ action: 'endInvestigation' }, 'investigationEnded'],
      [{ action: 'decide', outcome: 'transfer' }, 'decided'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(state).toBe('closed');
    expect(f.outcome).toBe('transfer');
  });

  it('ACT-1 ordinary penalty: no penalty is served and closed without execution', () => {
    walk('penaltyOrdinary', facts('ordinary'), [
      [{ action: 'startInvestigation' }, 'investigating'],
      [{ action: 'endInvestigation' }, 'investigationEnded'],
      [{ action: 'decide', outcome: 'noPenalty' }, 'decided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'close' }, 'closed'],
    ]);
    walk('penaltyOrdinary', facts('ordinary', { noticePeriodOver: true }), [
      [{ action: 'startInvestigation' }, 'investigating'],
      [{ action: 'endInvestigation' }, 'investigationEnded'],
      [{ action: 'notice' }, 'noticed'],
      [{ action: 'decide', outcome: 'noPenalty' }, 'decided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'close' }, 'closed'],
    ]);
  });

  it('ACT-1 ordinary penalty: a case may be terminated with a reason before the decision', () => {
    for (const path of [
      [] as [TransitionInput, CaseState][],
      [[{ action: 'startInvestigation' }, 'investigating']] as [TransitionInput, CaseState][],
      [
        [{ action: 'startInvestigation' }, 'investigating'],
        [{ action: 'endInvestigation' }, 'investigationEnded'],
      ] as [TransitionInput, CaseState][],
    ]) {
      const { state } = walk('penaltyOrdinary', facts('ordinary'), [
        ...path,
        [{ action: 'terminate', reason: '违法事实不能成立' }, 'closed'],
      ]);
      expect(state).toBe('closed');
    }
  });

  it('ACT-1 simplified penalty: decided on the spot → served → executed → closed', () => {
    walk('penaltySimplified', facts('simplified'), [
      [{ action: 'serve' }, 'served'],
      [{ action: 'execute' }, 'executed'],
      [{ action: 'close' }, 'closed'],
    ]);
  });

  it('ACT-1 inspection: compliant result closes directly', () => {
    const { results } = walk('inspection', facts('standard'), [
      [{ action: 'startInspection' }, 'inspecting'],
      [{ action: 'recordResult', result: 'compliant' }, 'resultRecorded'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(results[1]?.facts).toEqual({ inspectionResult: 'compliant' });
    expect(results[1]?.effects).toEqual([]);
  });

  it('ACT-1 inspection: rectification goes through re-inspection', () => {
    const { results } = walk('inspection', facts('standard'), [
      [{ action: 'startInspection' }, 'inspecting'],
      [{ action: 'recordResult', result: 'rectify' }, 'resultRecorded'],
      [{ action: 'startReinspection' }, 'reinspecting'],
      [{ action: 'recordReinspection' }, 'reinspected'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(results[1]?.facts).toEqual({ inspectionResult: 'rectify' });
    expect(results[3]?.effects).toEqual([]);
  });

  it('ACT-1 licensing (standard): applied → accepted → review → decided → served → closed', () => {
    const { results } = walk('licensing', facts('standard'), [
      [{ action: 'accept' }, 'accepted'],
      [{ action: 'startReview' }, 'underReview'],
      [{ action: 'decide', outcome: 'granted' }, 'decided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'close' }, 'closed'],
      [{ action: 'amendLicence', reason: '变更单位名称' }, 'closed'],
      [{ action: 'withdrawLicence', reason: '所依据的法规修改' }, 'licenceWithdrawn'],
    ]);
    expect(results[2]?.facts).toEqual({ outcome: 'granted', licenceGranted: true });
    expect(results[2]?.effects).toEqual([]);
  });

  it('ACT-1 licensing: refusal, denial and revocation', () => {
    walk('licensing', facts('standard'), [
      [{ action: 'refuseApplication', reason: '不属于本机关职权' }, 'closed'],
    ]);
    const denied = walk('licensing', facts('standard'), [
      [{ action: 'accept' }, 'accepted'],
      [{ action: 'startReview' }, 'underReview'],
      [{ action: 'decide', outcome: 'denied' }, 'decided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(denied.facts.licenceGranted).toBe(false);
    expect(allowedActions('licensing', 'closed', denied.facts)).toEqual([]);
    walk('licensing', facts('standard'), [
      [{ action: 'accept' }, 'accepted'],
      [{ action: 'startReview' }, 'underReview'],
      [{ action: 'decide', outcome: 'granted' }, 'decided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'close' }, 'closed'],
      [{ action: 'revokeLicence', reason: '以欺骗手段取得许可' }, 'licenceRevoked'],
    ]);
  });

  it('ACT-1 licensing (commitment): decided straight from acceptance', () => {
    walk('licensing', facts('commitment'), [
      [{ action: 'accept' }, 'accepted'],
      [{ action: 'decide', outcome: 'granted' }, 'decided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'close' }, 'closed'],
    ]);
  });

  it('ACT-1 compulsory measure: decided → served → in force → extended → released → closed', () => {
    const { results } = walk('compulsionMeasure', facts('measure'), [
      [{ action: 'serve' }, 'served'],
      [{ action: 'enforce' }, 'inForce'],
      [{ action: 'extend', reason: '案情复杂，经负责人批准' }, 'inForce'],
      [{ action: 'release' }, 'released'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(results[2]?.facts).toEqual({ measureExtended: true });
  });

  it('ACT-1 compulsory measure: in force → disposed → closed', () => {
    walk('compulsionMeasure', facts('measure'), [
      [{ action: 'serve' }, 'served'],
      [{ action: 'enforce' }, 'inForce'],
      [{ action: 'dispose' }, 'disposed'],
      [{ action: 'close' }, 'closed'],
    ]);
  });

  it('ACT-1 compulsory execution: admonished → decided → served → executed → closed', () => {
    walk('compulsionExecution', facts('execution'), [
      [{ action: 'decideExecution' }, 'executionDecided', { admonitionPeriodOver: true }],
      [{ action: 'serve' }, 'served'],
      [{ action: 'execute' }, 'executed'],
      [{ action: 'close' }, 'closed'],
    ]);
  });

  it('ACT-1 compulsory execution: the party complies after the admonition', () => {
    const { results } = walk('compulsionExecution', facts('execution'), [
      [{ action: 'recordCompliance' }, 'complied'],
      [{ action: 'close' }, 'closed'],
    ]);
    expect(results[0]?.facts).toEqual({ partyComplied: true });
    // …or later, before execution.
    walk('compulsionExecution', facts('execution', { admonitionPeriodOver: true }), [
      [{ action: 'decideExecution' }, 'executionDecided'],
      [{ action: 'serve' }, 'served'],
      [{ action: 'recordCompliance' }, 'complied'],
      [{ action: 'close' }, 'closed'],
    ]);
  });

  it('ACT-1 expropriation: decided → served → executed → closed', () => {
    walk('expropriation', facts('standard'), [
      [{ action: 'serve' }, 'served'],
      [{ action: 'execute' }, 'executed'],
      [{ action: 'close' }, 'closed'],
    ]);
  });
});

describe('case lifecycles: actions not available from a state', () => {
  for (const e of EXPECTATIONS) {
    it(`ACT-1 ${e.lifecycle}/${e.procedure}: every other action is TRANSITION_NOT_ALLOWED, naming what is allowed`, () => {
      const f = facts(e.procedure, e.facts);
      let checked = 0;
      for (const state of statesIn(e)) {
        const [available, allowed] = e.states[state] ?? [[], []];
        expect(sorted(allowedActions(e.lifecycle, state, f)), `${state} allowed`).toEqual(sorted(allowed));
        for (const action of ALL_ACTIONS) {
          if (available.includes(action)) continue;
          const r = failed(
            transition(e.lifecycle, state, f, {
              action,
              outcome: 'penalty',
              result: 'compliant',
              reason: '理由',
              urgentReason: '紧急',
            }),
          );
          expect(r.code, `${state} × ${action}`).toBe('TRANSITION_NOT_ALLOWED');
          expect(sorted(r.allowed), `${state} × ${action}`).toEqual(sorted(allowed));
          expect(r.message).toContain(`当前状态“${STATE_LABELS[state]}”不能执行“${ACTION_LABELS[action]}”`);
          for (const a of allowed) expect(r.message).toContain(ACTION_LABELS[a]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('ACT-1 the message names the allowed actions in Chinese', () => {
    const r = failed(transition('penaltyOrdinary', 'investigating', facts('ordinary'), { action: 'serve' }));
    expect(r.message).toBe('当前状态“调查取证”不能执行“送达”；可执行：调查终结、撤销立案');
    const closed = failed(transition('expropriation', 'closed', facts('standard'), { action: 'close' }));
    expect(closed.message).toContain('当前无可执行的操作');
    expect(closed.allowed).toEqual([]);
  });

  it('ACT-1 a state of another lifecycle or a procedure of another act type is refused', () => {
    const s = failed(transition('expropriation', 'hearing', facts('standard'), { action: 'close' }));
    expect(s.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(s.allowed).toEqual([]);
    const p = failed(transition('licensing', 'applied', facts('ordinary'), { action: 'accept' }));
    expect(p.code).toBe('TRANSITION_INPUT_INVALID');
    expect(p.field).toBe('procedure');
  });
});

describe('case lifecycles: guards', () => {
  const ordinary = (more: Partial<CaseFacts> = {}) => facts('ordinary', more);

  it('ACT-1 a hearing may be requested only when the proposed penalty qualifies', () => {
    const no = failed(transition('penaltyOrdinary', 'noticed', ordinary(), { action: 'requestHearing' }));
    expect(no.code).toBe('TRANSITION_GUARD_FAILED');
    expect(no.field).toBe('hearingOffered');
    expect(no.message).toContain('不属于听证范围');
    expect(allowedActions('penaltyOrdinary', 'noticed', ordinary())).not.toContain('requestHearing');
    const yes = ok(
      transition('penaltyOrdinary', 'noticed', ordinary({ hearingOffered: true }), {
        action: 'requestHearing',
      }),
    );
    expect(yes.to).toBe('hearing');
  });

  it('ACT-1 a penalty needs the notice first; transfer and no penalty do not', () => {
    const r = failed(
      transition('penaltyOrdinary', 'investigationEnded', ordinary(), {
        action: 'decide',
        outcome: 'penalty',
      }),
    );
    expect(r.code).toBe('TRANSITION_GUARD_FAILED');
    expect(r.field).toBe('outcome');
    expect(r.message).toContain('告知');
    for (const outcome of ['transfer', 'noPenalty'] as const)
      expect(
        ok(transition('penaltyOrdinary', 'investigationEnded', ordinary(), { action: 'decide', outcome })).to,
      ).toBe('decided');
  });

  it('ACT-1 after the notice, decide only when the period is over or waived and no hearing was requested', () => {
    const decide: TransitionInput = { action: 'decide', outcome: 'penalty' };
    const pending = failed(transition('penaltyOrdinary', 'noticed', ordinary(), decide));
    expect(pending.code).toBe('TRANSITION_GUARD_FAILED');
    expect(pending.field).toBe('noticePeriodOver');
    expect(pending.message).toContain('陈述、申辩期限未满');
    expect(pending.allowed).toEqual([]);
    expect(
      ok(transition('penaltyOrdinary', 'noticed', ordinary({ noticePeriodOver: true }), decide)).to,
    ).toBe('decided');
    expect(ok(transition('penaltyOrdinary', 'noticed', ordinary({ partyWaived: true }), decide)).to).toBe(
      'decided',
    );
    const requested = failed(
      transition(
        'penaltyOrdinary',
        'noticed',
        ordinary({ noticePeriodOver: true, hearingRequested: true }),
        decide,
      ),
    );
    expect(requested.code).toBe('TRANSITION_GUARD_FAILED');
    expect(requested.message).toContain('当事人已申请听证，须先举行听证');
  });

  it('ACT-1 after a hearing request, decide only once the hearing was held', () => {
    const decide: TransitionInput = { action: 'decide', outcome: 'penalty' };
    const r = failed(transition('penaltyOrdinary', 'hearing', ordinary({ hearingRequested: true }), decide));
    expect(r.code).toBe('TRANSITION_GUARD_FAILED');
    expect(r.field).toBe('hearingHeld');
    expect(allowedActions('penaltyOrdinary', 'hearing', ordinary())).toEqual([]);
    expect(
      ok(
        transition(
          'penaltyOrdinary',
          'hearing',
          ordinary({ hearingRequested: true, hearingHeld: true }),
          decide,
        ),
      ).to,
    ).toBe('decided');
  });

  it('ACT-1 after the decision the outcome decides service, execution and closing', () => {
    const guardFails = (state: CaseState, action: TransitionAction, outcome: CaseFacts['outcome']) => {
      const r = failed(transition('penaltyOrdinary', state, ordinary({ outcome }), { action }));
      expect(r.code, `${state}/${action}/${outcome}`).toBe('TRANSITION_GUARD_FAILED');
      expect(r.field).toBe('outcome');
    };
    const passes = (state: CaseState, action: TransitionAction, outcome: CaseFacts['outcome']) =>
      expect(ok(transition('penaltyOrdinary', state, ordinary({ outcome }), { action })).action).toBe(action);

    passes('decided', 'close', 'transfer');
    guardFails('decided', 'close', 'penalty');
    guardFails('decided', 'close', 'noPenalty');
    passes('decided', 'serve', 'penalty');
    passes('decided', 'serve', 'noPenalty');
    guardFails('decided', 'serve', 'transfer');
    guardFails('decided', 'serve', undefined);
    passes('served', 'execute', 'penalty');
    guardFails('served', 'execute', 'noPenalty');
    passes('served', 'close', 'noPenalty');
    guardFails('served', 'close', 'penalty');
    expect(allowedActions('penaltyOrdinary', 'decided', ordinary({ outcome: 'transfer' }))).toEqual([
      'close',
    ]);
    expect(allowedActions('penaltyOrdinary', 'served', ordinary({ outcome: 'noPenalty' }))).toEqual([
      'close',
    ]);
  });

  it('ACT-1 inspection: only a rectification order leads to re-inspection, and it must happen before closing', () => {
    const f = (inspectionResult?: CaseFacts['inspectionResult']) => facts('standard', { inspectionResult });
    const r = failed(
      transition('inspection', 'resultRecorded', f('compliant'), { action: 'startReinspection' }),
    );
    expect(r.code).toBe('TRANSITION_GUARD_FAILED');
    expect(r.allowed).toEqual(['close']);
    const c = failed(transition('inspection', 'resultRecorded', f('rectify'), { action: 'close' }));
    expect(c.code).toBe('TRANSITION_GUARD_FAILED');
    expect(c.message).toContain('整改复查');
    expect(ok(transition('inspection', 'resultRecorded', f('referred'), { action: 'close' })).to).toBe(
      'closed',
    );
    expect(
      ok(transition('inspection', 'resultRecorded', f('rectify'), { action: 'startReinspection' })).to,
    ).toBe('reinspecting');
  });

  it('ACT-1 licensing: post-decision acts only on a granted licence still in force', () => {
    for (const action of ['amendLicence', 'withdrawLicence', 'revokeLicence'] as const) {
      const r = failed(
        transition('licensing', 'closed', facts('standard', { licenceGranted: false }), {
          action,
          reason: '理由',
        }),
      );
      expect(r.code).toBe('TRANSITION_GUARD_FAILED');
      expect(r.field).toBe('licenceGranted');
      const granted = facts('standard', { licenceGranted: true });
      expect(ok(transition('licensing', 'closed', granted, { action, reason: '理由' })).action).toBe(action);
      for (const gone of ['licenceWithdrawn', 'licenceRevoked'] as const)
        expect(failed(transition('licensing', gone, granted, { action, reason: '理由' })).code).toBe(
          'TRANSITION_NOT_ALLOWED',
        );
    }
  });

  it('ACT-1 licensing: only the commitment procedure may decide without review', () => {
    const std = failed(
      transition('licensing', 'accepted', facts('standard'), { action: 'decide', outcome: 'granted' }),
    );
    expect(std.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(std.allowed).toEqual(['startReview']);
  });

  it('ACT-1 compulsory measure: extended once only', () => {
    const first = ok(
      transition('compulsionMeasure', 'inForce', facts('measure'), {
        action: 'extend',
        reason: '经批准延长',
      }),
    );
    expect(first.to).toBe('inForce');
    expect(first.facts).toEqual({ measureExtended: true });
    const again = failed(
      transition('compulsionMeasure', 'inForce', facts('measure', first.facts), {
        action: 'extend',
        reason: '再次延长',
      }),
    );
    expect(again.code).toBe('TRANSITION_GUARD_FAILED');
    expect(again.field).toBe('measureExtended');
    expect(again.message).toContain('只能延长一次');
    expect(sorted(again.allowed)).toEqual(['dispose', 'release']);
  });

  it('ACT-1 compulsory execution: decided only after the 10-working-day admonition period, and not after compliance', () => {
    const early = failed(
      transition('compulsionExecution', 'admonished', facts('execution'), { action: 'decideExecution' }),
    );
    expect(early.code).toBe('TRANSITION_GUARD_FAILED');
    expect(early.field).toBe('admonitionPeriodOver');
    expect(early.message).toContain('催告期（10个工作日）未满');
    expect(early.allowed).toEqual(['recordCompliance']);
    const done = failed(
      transition(
        'compulsionExecution',
        'admonished',
        facts('execution', { admonitionPeriodOver: true, partyComplied: true }),
        {
          action: 'decideExecution',
        },
      ),
    );
    expect(done.code).toBe('TRANSITION_GUARD_FAILED');
    expect(done.field).toBe('partyComplied');
    expect(
      ok(
        transition('compulsionExecution', 'admonished', facts('execution', { admonitionPeriodOver: true }), {
          action: 'decideExecution',
        }),
      ).to,
    ).toBe('executionDecided');
  });

  it('ACT-1 compulsory execution: not at night or on a holiday unless an urgent reason is given (art. 43)', () => {
    const night = facts('execution', { atNightOrHoliday: true });
    const refused = failed(transition('compulsionExecution', 'served', night, { action: 'execute' }));
    expect(refused.code).toBe('TRANSITION_GUARD_FAILED');
    expect(refused.field).toBe('urgentReason');
    expect(refused.message).toContain('夜间或法定节假日不得实施行政强制执行，确需紧急执行的须说明理由');
    // The button stays: the reason is asked for when it is pressed.
    expect(allowedActions('compulsionExecution', 'served', night)).toContain('execute');
    expect(
      failed(transition('compulsionExecution', 'served', night, { action: 'execute', urgentReason: ' 急 ' }))
        .code,
    ).toBe('TRANSITION_GUARD_FAILED');
    const urgent = ok(
      transition('compulsionExecution', 'served', night, { action: 'execute', urgentReason: '危及公共安全' }),
    );
    expect(urgent.to).toBe('executed');
    expect(urgent.facts).toEqual({ urgentReason: '危及公共安全' });
    expect(
      ok(
        transition(
          'compulsionExecution',
          'served',
          { ...night, urgentReason: '防汛抢险' },
          { action: 'execute' },
        ),
      ).to,
    ).toBe('executed');
    const day = ok(transition('compulsionExecution', 'served', facts('execution'), { action: 'execute' }));
    expect(day.to).toBe('executed');
    expect(day.facts).toEqual({});
  });
});

describe('case lifecycles: input', () => {
  it('ACT-1 decide needs an outcome valid for the lifecycle', () => {
    const noOutcome = failed(
      transition('penaltyOrdinary', 'investigationEnded', facts('ordinary'), { action: 'decide' }),
    );
    expect(noOutcome.code).toBe('TRANSITION_INPUT_INVALID');
    expect(noOutcome.field).toBe('outcome');
    const wrong = failed(
      transition('penaltyOrdinary', 'investigationEnded', facts('ordinary'), {
        action: 'decide',
        outcome: 'granted',
      }),
    );
    expect(wrong.code).toBe('TRANSITION_INPUT_INVALID');
    expect(wrong.field).toBe('outcome');
    const licence = failed(
      transition('licensing', 'underReview', facts('standard'), { action: 'decide', outcome: 'noPenalty' }),
    );
    expect(licence.code).toBe('TRANSITION_INPUT_INVALID');
    expect(licence.message).toContain('准予许可、不予许可');
  });

  it('ACT-1 terminate, refusal, extension and licence changes need a reason', () => {
    const cases: [Lifecycle, CaseState, CaseFacts, TransitionAction][] = [
      ['penaltyOrdinary', 'filed', facts('ordinary'), 'terminate'],
      ['licensing', 'applied', facts('standard'), 'refuseApplication'],
      ['compulsionMeasure', 'inForce', facts('measure'), 'extend'],
      ['licensing', 'closed', facts('standard', { licenceGranted: true }), 'amendLicence'],
      ['licensing', 'closed', facts('standard', { licenceGranted: true }), 'withdrawLicence'],
      ['licensing', 'closed', facts('standard', { licenceGranted: true }), 'revokeLicence'],
    ];
    for (const [l, s, f, action] of cases) {
      for (const reason of [undefined, '  ']) {
        const r = failed(transition(l, s, f, { action, reason }));
        expect(r.code, `${l}/${action}`).toBe('TRANSITION_INPUT_INVALID');
        expect(r.field).toBe('reason');
      }
      expect(ok(transition(l, s, f, { action, reason: '依法说明的理由' })).action).toBe(action);
    }
  });

  it('ACT-1 an inspection result must be one of the results', () => {
    const none = failed(
      transition('inspection', 'inspecting', facts('standard'), { action: 'recordResult' }),
    );
    expect(none.code).toBe('TRANSITION_INPUT_INVALID');
    expect(none.field).toBe('result');
    const reinspect = failed(
      transition('inspection', 'reinspecting', facts('standard'), {
        action: 'recordReinspection',
        result: 'rectify',
      }),
    );
    expect(reinspect.code).toBe('TRANSITION_INPUT_INVALID');
    expect(reinspect.field).toBe('result');
  });
});

describe('case lifecycles: effects', () => {
  const linkedPenalty = { kind: 'openLinkedCase', actType: 'penalty', procedure: 'ordinary' };
  const linkedInspection = { kind: 'openLinkedCase', actType: 'inspection', procedure: 'standard' };

  it('ACT-1 an inspection referred for filing opens a linked ordinary penalty case', () => {
    const r = ok(
      transition('inspection', 'inspecting', facts('standard'), {
        action: 'recordResult',
        result: 'referred',
      }),
    );
    expect(r.effects).toEqual([linkedPenalty]);
    expect(r.facts).toEqual({ inspectionResult: 'referred' });
    for (const result of ['compliant', 'rectify'] as const)
      expect(
        ok(transition('inspection', 'inspecting', facts('standard'), { action: 'recordResult', result }))
          .effects,
      ).toEqual([]);
    const re = ok(
      transition('inspection', 'reinspecting', facts('standard'), {
        action: 'recordReinspection',
        result: 'referred',
      }),
    );
    expect(re.effects).toEqual([linkedPenalty]);
  });

  it('ACT-1 a licence granted on commitment opens the follow-up inspection', () => {
    for (const from of ['accepted', 'underReview'] as const) {
      const r = ok(
        transition('licensing', from, facts('commitment'), { action: 'decide', outcome: 'granted' }),
      );
      expect(r.effects).toEqual([linkedInspection]);
    }
    expect(
      ok(transition('licensing', 'accepted', facts('commitment'), { action: 'decide', outcome: 'denied' }))
        .effects,
    ).toEqual([]);
    expect(
      ok(transition('licensing', 'underReview', facts('standard'), { action: 'decide', outcome: 'granted' }))
        .effects,
    ).toEqual([]);
  });
});

describe('case lifecycles: property', () => {
  /** Payloads to try for an action; if any of them succeeds, the action could be taken. */
  const candidates = (action: TransitionAction): TransitionInput[] => {
    const inputs: TransitionInput[] = [];
    for (const outcome of [undefined, 'penalty', 'noPenalty', 'transfer', 'granted', 'denied'] as const)
      for (const result of [undefined, 'compliant', 'rectify', 'referred'] as const)
        inputs.push({ action, outcome, result, reason: '依法说明理由', urgentReason: '情况紧急' });
    return inputs;
  };
  const worldFacts = [
    'hearingOffered',
    'hearingHeld',
    'noticePeriodOver',
    'partyWaived',
    'admonitionPeriodOver',
    'atNightOrHoliday',
  ] as const;
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('act' as const),
      action: fc.constantFrom(...ALL_ACTIONS),
      pick: fc.nat(23),
    }),
    fc.record({
      kind: fc.constant('world' as const),
      key: fc.constantFrom(...worldFacts),
      value: fc.boolean(),
    }),
  );
  const caseKind = fc.constantFrom(...EXPECTATIONS);

  it('ACT-1 random sequences stay inside the lifecycle, and allowedActions is exactly what transition accepts', () => {
    fc.assert(
      fc.property(caseKind, fc.array(step, { maxLength: 40 }), (e, steps) => {
        const states = statesIn(e);
        let state = initialState(e.lifecycle);
        let f: CaseFacts = facts(e.procedure);
        const check = () => {
          expect(states).toContain(state);
          const allowed = allowedActions(e.lifecycle, state, f);
          const possible = ALL_ACTIONS.filter((a) =>
            candidates(a).some((i) => transition(e.lifecycle, state, f, i).ok),
          );
          expect(sorted(allowed)).toEqual(sorted(possible));
        };
        check();
        for (const s of steps) {
          if (s.kind === 'world') {
            f = { ...f, [s.key]: s.value };
          } else {
            const input = candidates(s.action)[s.pick] ?? { action: s.action };
            const r = transition(e.lifecycle, state, f, input);
            if (r.ok) {
              expect(states).toContain(r.to);
              state = r.to;
              f = { ...f, ...r.facts };
            } else {
              expect(r.allowed).toEqual(allowedActions(e.lifecycle, state, f));
            }
          }
          check();
        }
      }),
      { numRuns: 300 },
    );
  });
});
