import { describe, expect, it } from 'vitest';
import { ACTIONS, can, canSeeRecord, permissionsOf, ROLES } from './policy';

const OFFICER_PERMISSIONS = [
  'alert.read',
  'calendar.read',
  'case.act',
  'case.file',
  'case.read',
  'caseFile.read',
  'document.read',
  'document.write',
  'org.read',
  'outbox.read',
  'party.create',
  'party.disclose',
  'party.lookup',
  'party.read',
  'powerItem.read',
  'publication.prepare',
  'publication.publish',
  'publication.read',
  'record.create',
  'record.mark',
  'record.read',
  'recorder.read',
  'settings.read',
  'todo.read',
];

describe('policy', () => {
  it('PLT-03 admin manages the registry, users and calendar; staff only read', () => {
    // An administrator runs the system but does not enforce: no filing, no steps, no personal data.
    expect(ACTIONS.filter((a) => !permissionsOf(['admin']).includes(a)).sort()).toEqual([
      'case.act',
      'case.approve',
      'case.approveExtension',
      'case.file',
      'caseFile.accept',
      'caseFile.export',
      'document.write',
      'flag.handle',
      'flag.read',
      'legalHold.manage',
      'legalReview.classify',
      'legalReview.decide',
      'legalReview.read',
      'legalReview.review',
      'party.create',
      'party.disclose',
      'party.lookup',
      'publication.prepare',
      'publication.publish',
      'publication.read',
      'record.mark',
      'retention.approve',
      'retention.read',
      'todo.read',
    ]);
    expect(permissionsOf(['officer']).sort()).toEqual(OFFICER_PERMISSIONS);
    expect(permissionsOf(['supervisor']).sort()).toEqual([
      'alert.read',
      'calendar.read',
      'case.read',
      'caseFile.export',
      'caseFile.read',
      'checkpoint.sign',
      'document.read',
      'flag.handle',
      'flag.read',
      'ledger.read',
      'legalHold.manage',
      'org.read',
      'outbox.read',
      'party.read',
      'powerItem.read',
      'publication.read',
      'record.read',
      'recorder.read',
      'retention.read',
      'retrieval.read',
      'settings.read',
      'todo.read',
    ]);
    expect(can([], 'org.read')).toBe(false);
  });
  it('PLT-03 a user with several roles has the union of their permissions', () => {
    expect(permissionsOf(['officer', 'supervisor'])).toContain('ledger.read');
    for (const r of ROLES) expect(can([r, 'admin'], 'user.write')).toBe(true);
  });
});

describe('record protection classes', () => {
  it('REC-09 public and internal records are for all staff; restricted ones for the case officers and named roles', () => {
    for (const r of ROLES) {
      expect(canSeeRecord([r], 'public', false)).toBe(true);
      expect(canSeeRecord([r], 'internal', false)).toBe(true);
      expect(canSeeRecord([r], 'stateSecret', true)).toBe(true);
    }
    expect(ROLES.filter((r) => canSeeRecord([r], 'tradeSecret', false))).toEqual([
      'reviewer',
      'recordsKeeper',
      'leader',
      'supervisor',
    ]);
    expect(ROLES.filter((r) => canSeeRecord([r], 'privacy', false))).toEqual([
      'reviewer',
      'recordsKeeper',
      'leader',
      'supervisor',
    ]);
    expect(ROLES.filter((r) => canSeeRecord([r], 'stateSecret', false))).toEqual(['leader']);
  });
});
