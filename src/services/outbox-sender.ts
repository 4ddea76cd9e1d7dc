import { signature } from '../domain/outbox';

/** What one POST to a receiving platform came to: its status and body, or why there was none. */
export type SendResult = { status: number; body: string } | { status: null; error: string };

/** Longest answer body read (only a 409's `duplicate` flag is looked at). */
const MAX_ANSWER_CHARS = 64 * 1024;

/**
 * Sends one delivery: the body exactly as given (the same bytes on every attempt), signed with the
 * platform's secret, with the delivery's idempotency key. The whole exchange — connecting, sending,
 * reading the answer — must end within `timeoutMs`. Redirects are not followed: a platform moved is
 * a configuration an administrator changes, and following one would send the data elsewhere.
 */
export async function sendDelivery(d: {
  url: string;
  secret: string;
  body: string;
  idempotencyKey: string;
  at: Date;
  timeoutMs: number;
}): Promise<SendResult> {
  const signal = AbortSignal.timeout(d.timeoutMs);
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'zhifa-outbox/1',
        'x-zhifa-signature': signature(d.secret, d.body),
        'x-zhifa-timestamp': d.at.toISOString(),
        'idempotency-key': d.idempotencyKey,
      },
      body: d.body,
    });
    const body = await res.text();
    return { status: res.status, body: body.slice(0, MAX_ANSWER_CHARS) };
  } catch (err) {
    return { status: null, error: failure(err, signal, d.timeoutMs) };
  }
}

/**
 * Why there was no answer, in our words: never the receiver's text or a driver's detail, which
 * could quote the data sent.
 */
function failure(err: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `超时：${timeoutMs} 毫秒内未应答`;
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code) ? `（${cause.code}）` : '';
  return `无法连接接收平台${code}`;
}
