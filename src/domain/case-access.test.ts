import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_SCOPES,
  canOnCase,
  caseListScope,
  mayDisclose,
  mayFile,
  type CaseAccessFacts,
  type CaseAccessUser,
  type CaseAction,
} from './case-access';
import { ROLES, type Role } from './policy';

const UNIT = 'unit-enforcement';
const OTHER_UNIT = 'unit-general';
const openCase: CaseAccessFacts = {
  unitId: UNIT,
  officerIds: ['o-wang', 'o-li'],
  closed: false,
  archived: false,
  reviewUnitIds: [],
};
const user = (
  roles: Role[],
  officerId: string | null = null,
  unitId: string | null = null,
): CaseAccessUser => ({
  roles,
  officerId,
  unitId,
});

describe('case access policy', () => {
  it.each([
    ['assigned officer reads and acts', user(['officer'], 'o-wang', UNIT), true, true],
    ['same-unit officer reads, does not act', user(['officer'], 'o-zhang', UNIT), true, false],
    ['other-unit officer neither', user(['officer'], 'o-huang', OTHER_UNIT), false, false],
    ['officer account without an officer record neither', user(['officer']), false, false],
    ['leader reads, does not act', user(['leader']), true, false],
    ['supervisor reads, does not act', user(['supervisor']), true, false],
    ['records keeper: not an open case', user(['recordsKeeper']), false, false],
    ['reviewer: not a case never sent to review', user(['reviewer'], 'o-chen', 'unit-review'), false, false],
    ['administrator: no case at all', user(['admin']), false, false],
  ] as const)('PLT-07 %s', (_label, u, read, act) => {
    expect(canOnCase(u, 'case.read', openCase)).toBe(read);
    expect(canOnCase(u, 'case.act', openCase)).toBe(act);
  });

  it('PLT-07 the records keeper reads closed and archived cases; a reviewer the cases sent to their unit', () => {
    const keeper = user(['recordsKeeper']);
    expect(canOnCase(keeper, 'case.read', { ...openCase, closed: true })).toBe(true);
    expect(canOnCase(keeper, 'caseFile.accept', { ...openCase, closed: true })).toBe(true);
    expect(canOnCase(keeper, 'case.act', { ...openCase, closed: true })).toBe(false);
    const reviewer = user(['reviewer'], 'o-chen', 'unit-review');
    expect(canOnCase(reviewer, 'case.read', { ...openCase, reviewUnitIds: ['unit-review'] })).toBe(true);
    expect(canOnCase(reviewer, 'party.disclose', { ...openCase, reviewUnitIds: ['unit-review'] })).toBe(true);
  });

  it('PLT-07 the role that grants an action must be the one whose relation holds', () => {
    // A leader who is also an officer of another unit reads every case but acts on none of it.
    const both = user(['leader', 'officer'], 'o-huang', OTHER_UNIT);
    expect(canOnCase(both, 'case.read', openCase)).toBe(true);
    expect(canOnCase(both, 'case.act', openCase)).toBe(false);
    expect(canOnCase(both, 'case.approveExtension', openCase)).toBe(true);
  });

  it('PLT-07 filing: an officer among the case officers, for their own unit; a leader for any unit', () => {
    const wang = user(['officer'], 'o-wang', UNIT);
    expect(mayFile(wang, { unitId: UNIT, officerIds: ['o-wang', 'o-li'] })).toBe(true);
    expect(mayFile(wang, { unitId: UNIT, officerIds: ['o-zhang', 'o-li'] })).toBe(false);
    expect(mayFile(wang, { unitId: OTHER_UNIT, officerIds: ['o-wang', 'o-li'] })).toBe(false);
    expect(mayFile(user(['leader']), { unitId: OTHER_UNIT, officerIds: ['o-zhang'] })).toBe(true);
    expect(mayFile(user(['recordsKeeper']), { unitId: UNIT, officerIds: ['o-zhang'] })).toBe(false);
  });

  it('PLT-08 personal data in full: through a case the user may disclose on, or the party they registered before any case', () => {
    const wang = user(['officer'], 'o-wang', UNIT);
    const zhang = user(['officer'], 'o-zhang', UNIT);
    expect(mayDisclose(wang, { registeredByUser: false, cases: [openCase] })).toBe(true);
    expect(mayDisclose(zhang, { registeredByUser: false, cases: [openCase] })).toBe(false);
    expect(mayDisclose(zhang, { registeredByUser: true, cases: [] })).toBe(true);
    // Once a case names the party, the case decides.
    expect(mayDisclose(zhang, { registeredByUser: true, cases: [openCase] })).toBe(false);
    expect(mayDisclose(user(['recordsKeeper']), { registeredByUser: true, cases: [] })).toBe(false);
  });

  it('PLT-07 the list filter admits exactly the cases canOnCase lets the user read (property)', () => {
    const officerIds = ['o1', 'o2', 'o3'];
    const units = ['u1', 'u2'];
    const arbUser = fc.record({
      roles: fc.subarray([...ROLES], { minLength: 1 }),
      officerId: fc.option(fc.constantFrom(...officerIds), { nil: null }),
      unitId: fc.option(fc.constantFrom(...units), { nil: null }),
    });
    const arbCase = fc.record({
      unitId: fc.constantFrom(...units),
      officerIds: fc.subarray(officerIds),
      closed: fc.boolean(),
      archived: fc.boolean(),
      reviewUnitIds: fc.subarray(units),
    });
    const actions = Object.keys(CASE_SCOPES) as CaseAction[];
    fc.assert(
      fc.property(arbUser, arbCase, fc.constantFrom(...actions), (u, c, action) => {
        const scope = caseListScope(u, action);
        const admitted = scope.all
          ? true
          : (scope.officerId !== null && c.officerIds.includes(scope.officerId)) ||
            scope.unitIds.includes(c.unitId) ||
            (scope.closed && (c.closed || c.archived)) ||
            scope.reviewUnitIds.some((r) => c.reviewUnitIds.includes(r));
        expect(admitted).toBe(canOnCase(u, action, c));
      }),
      { numRuns: 2000 },
    );
  });
});
