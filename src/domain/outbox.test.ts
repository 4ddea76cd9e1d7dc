import { describe, expect, it } from 'vitest';
import { afterFailure, answerMeans, idempotencyKey, platformUrl, signature } from './outbox';

const B = { backoffBaseSeconds: 30, backoffCapSeconds: 3600, maxAttempts: 8 };
const NOW = new Date('2026-12-05T02:00:00.000Z');
const after = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();

describe('outbox rules', () => {
  it('PUB-03 the signature is the hex HMAC-SHA256 of the body (RFC 4231 test case 2)', () => {
    expect(signature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('PUB-03 the idempotency key is stable per item, event and platform, and differs otherwise', () => {
    const k = idempotencyKey('item-1', 'published', 'p1');
    expect(idempotencyKey('item-1', 'published', 'p1')).toBe(k);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyKey('item-1', 'withdrawn', 'p1')).not.toBe(k);
    expect(idempotencyKey('item-1', 'published', 'p2')).not.toBe(k);
    expect(idempotencyKey('item-2', 'published', 'p1')).not.toBe(k);
  });

  it.each([
    [200, '', 'delivered'],
    [202, 'accepted', 'delivered'],
    [204, '', 'delivered'],
    [409, '{"duplicate":true}', 'duplicate'],
    [409, '{"code":"DUPLICATE"}', 'duplicate'],
    [409, '{"code":"CONFLICT"}', 'failed'],
    [409, 'duplicate', 'failed'],
    [400, '{"duplicate":true}', 'failed'],
    [404, '', 'failed'],
    [302, '', 'failed'],
    [500, '', 'failed'],
    [503, '', 'failed'],
  ] as const)('PUB-03 an answer %i %s means %s', (status, body, means) => {
    expect(answerMeans(status, body)).toBe(means);
  });

  it.each([
    // attempts failed, jitter, what follows
    [1, 0, after(15)],
    [1, 1, after(30)],
    [2, 0, after(30)],
    [3, 0.5, after(90)],
    [7, 0, after(960)],
  ])('PUB-03 after %s failed attempt(s) with jitter %s the next is at %s', (attempts, jitter, at) => {
    expect(afterFailure(attempts, B, NOW, jitter)).toEqual({ state: 'pending', nextAttemptAt: at });
  });

  it('PUB-03 no step exceeds the cap (30 · 2^7 = 3840 s is capped at 3600 s)', () => {
    const more = { ...B, maxAttempts: 20 };
    expect(afterFailure(8, more, NOW, 0)).toEqual({ state: 'pending', nextAttemptAt: after(1800) });
    expect(afterFailure(19, more, NOW, 1)).toEqual({ state: 'pending', nextAttemptAt: after(3600) });
  });

  it('PUB-03 the last allowed attempt failing makes a delivery dead', () => {
    expect(afterFailure(8, B, NOW, 0)).toEqual({ state: 'dead' });
    expect(afterFailure(9, B, NOW, 0)).toEqual({ state: 'dead' });
    expect(afterFailure(1, { ...B, maxAttempts: 1 }, NOW, 0)).toEqual({ state: 'dead' });
  });

  it('PUB-03 a platform address is an http(s) URL without credentials', () => {
    expect(platformUrl('https://gs.qingpu.gov.cn/api/receive')).toBe('https://gs.qingpu.gov.cn/api/receive');
    expect(platformUrl('HTTP://127.0.0.1:8080/in?x=1')).toBe('http://127.0.0.1:8080/in?x=1');
    for (const bad of ['ftp://h/x', 'https://u:p@h/x', 'https://h/x#f', '//h/x', 'not a url', 'https://'])
      expect(platformUrl(bad), bad).toBeUndefined();
  });
});
