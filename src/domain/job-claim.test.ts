import { describe, expect, it } from 'vitest';
import { leaseMs, mayClaim, nextDue } from './job-claim';

const now = new Date('2026-11-25T02:00:00Z');
const free = { next_due: null, running_node: null, running_since: null };
const opts = { node: 'a', singleNode: false };

describe('job claim', () => {
  it('a job never run, or whose time has come, is due; one due later is not', () => {
    expect(mayClaim(free, now, 60, opts)).toBe(true);
    expect(mayClaim({ ...free, next_due: '2026-11-25T02:00:00.000Z' }, now, 60, opts)).toBe(true);
    expect(mayClaim({ ...free, next_due: '2026-11-25T02:00:00.001Z' }, now, 60, opts)).toBe(false);
  });

  it("another node's run holds the job until its lease lapses (a crashed node)", () => {
    const held = { next_due: null, running_node: 'b', running_since: '2026-11-25T01:55:00.000Z' };
    expect(mayClaim(held, now, 60, opts)).toBe(false);
    expect(mayClaim({ ...held, running_since: '2026-11-25T01:50:00.000Z' }, now, 60, opts)).toBe(true);
    expect(leaseMs(3600)).toBe(36_000_000);
    // This node's own claim, or any claim on a single-node installation, is a run that crashed.
    expect(mayClaim({ ...held, running_node: 'a' }, now, 60, opts)).toBe(true);
    expect(mayClaim(held, now, 60, { node: 'a', singleNode: true })).toBe(true);
  });

  it('the next due time is one interval after the claim', () => {
    expect(nextDue(now, 90)).toBe('2026-11-25T02:01:30.000Z');
  });
});
