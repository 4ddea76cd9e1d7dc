import { describe, expect, it } from 'vitest';
import { certificateStanding } from './certificate';

describe('certificate standing', () => {
  const c = { validFrom: '2024-01-01', validTo: '2026-12-31' };
  it.each([
    ['valid', '2026-11-25', 'valid'],
    ['valid', '2026-12-31', 'valid'],
    ['valid', '2027-01-01', 'expired'],
    ['valid', '2023-12-31', 'notYetValid'],
    ['suspended', '2026-11-25', 'suspended'],
    ['suspended', '2027-06-01', 'suspended'],
    ['revoked', '2026-11-25', 'revoked'],
  ] as const)('PUB-06 a %s certificate on %s stands as %s', (state, today, expected) => {
    expect(certificateStanding({ ...c, state }, today)).toBe(expected);
  });
});
