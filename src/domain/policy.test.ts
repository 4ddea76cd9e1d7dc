import { describe, expect, it } from 'vitest';
import { ACTIONS, can, permissionsOf, ROLES } from './policy';

describe('policy', () => {
  it('PLT-03 admin manages the registry, users and calendar; staff only read', () => {
    expect(permissionsOf(['admin']).sort()).toEqual([...ACTIONS].sort());
    expect(permissionsOf(['officer']).sort()).toEqual([
      'calendar.read',
      'org.read',
      'record.create',
      'record.read',
    ]);
    expect(permissionsOf(['supervisor']).sort()).toEqual([
      'calendar.read',
      'checkpoint.sign',
      'ledger.read',
      'org.read',
      'record.read',
      'retrieval.read',
    ]);
    expect(can([], 'org.read')).toBe(false);
  });
  it('PLT-03 a user with several roles has the union of their permissions', () => {
    expect(permissionsOf(['officer', 'supervisor'])).toContain('ledger.read');
    for (const r of ROLES) expect(can([r, 'admin'], 'user.write')).toBe(true);
  });
});
