import { createHash, createHmac } from 'node:crypto';

/**
 * The delivery outbox (PUB-03): every publication, recorded change (revoked, changed, confirmed
 * unlawful), withdrawal and take-down is pushed to each
 * configured receiving platform (区公示平台, 一网通办, 信用信息平台 …). These are its pure rules: what a
 * receiver's answer means, when the next attempt is due, the signature and the idempotency key.
 */

/**
 * What happened to a publication item, as pushed. `changed`: the published decision was changed,
 * revoked or confirmed unlawful — pushed when recorded, before the withdrawal, so a credit platform
 * stops relying on it at once (the withdrawal may take up to 3 working days).
 */
export const OUTBOX_EVENTS = ['published', 'changed', 'withdrawn', 'takenDown'] as const;
export type OutboxEvent = (typeof OUTBOX_EVENTS)[number];
export const OUTBOX_EVENT_LABELS: Record<OutboxEvent, string> = {
  published: '公示',
  changed: '决定变更或撤销',
  withdrawn: '撤回',
  takenDown: '到期撤下',
};

/** `pending` until delivered; `dead` (the dead-letter list) after the last attempt failed. */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pending: '待投递',
  delivered: '已投递',
  dead: '投递失败',
};

/**
 * The key a receiver deduplicates by: the same for every attempt at one item's event to one
 * platform, so a retry after a lost answer is recognised as the same delivery. Derived, not random,
 * so it can be recomputed; hashed so the item's id (opaque to the outbox) never shapes a header.
 */
export function idempotencyKey(itemId: string, event: OutboxEvent, platformId: string): string {
  return createHash('sha256').update(`zhifa-outbox\0${platformId}\0${event}\0${itemId}`).digest('hex');
}

/** `X-Zhifa-Signature`: `sha256=` and the hex HMAC-SHA256 of the exact body bytes with the platform's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * What a receiver's answer means. 2xx: delivered. 409 saying the key was seen before
 * (`{"duplicate": true}` or `{"code": "DUPLICATE"}`): an earlier attempt got through, so delivered
 * too. Anything else — another 409, any other 4xx or 5xx, a redirect — is tried again later:
 * a receiver refusing today may be fixed tomorrow, and the dead-letter list is where a person looks.
 */
export function answerMeans(status: number, body: string): 'delivered' | 'duplicate' | 'failed' {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 409 && saysDuplicate(body)) return 'duplicate';
  return 'failed';
}

function saysDuplicate(body: string): boolean {
  try {
    const v = JSON.parse(body) as unknown;
    if (typeof v !== 'object' || v === null) return false;
    const o = v as Record<string, unknown>;
    return o.duplicate === true || o.code === 'DUPLICATE';
  } catch {
    return false;
  }
}

export interface Backoff {
  /** Delay after the first failed attempt, in seconds. */
  backoffBaseSeconds: number;
  /** No delay exceeds this, in seconds. */
  backoffCapSeconds: number;
  /** After this many failed attempts a delivery is dead. */
  maxAttempts: number;
}

/**
 * What follows the `attempts`-th failed attempt: dead after the last one; otherwise the next
 * attempt after an exponential delay (base · 2^(attempts−1), capped) with "equal jitter" — half
 * the delay fixed, half random (`random` in [0, 1)) — so the nodes and items that failed together
 * do not all come back in the same second, and no retry comes sooner than half its step.
 */
export function afterFailure(
  attempts: number,
  b: Backoff,
  now: Date,
  random: number,
): { state: 'dead' } | { state: 'pending'; nextAttemptAt: string } {
  if (attempts >= b.maxAttempts) return { state: 'dead' };
  const step = Math.min(b.backoffCapSeconds, b.backoffBaseSeconds * 2 ** Math.max(0, attempts - 1));
  const delayMs = Math.round((step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1)) * 1000);
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + delayMs).toISOString() };
}

/**
 * A receiving platform's address: an absolute http(s) URL with a host and no credentials (a
 * password in a URL would be shown back to every administrator); undefined otherwise.
 */
export function platformUrl(raw: string): string | undefined {
  if (!/^https?:\/\//i.test(raw)) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.hostname === '' || u.username || u.password || u.hash) return undefined;
  return u.href;
}
