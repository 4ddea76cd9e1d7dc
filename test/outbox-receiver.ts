import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the receiving test server does with one request. */
export type Answer = 'ok' | 'fail' | 'hang' | 'duplicate' | 'conflict' | { hold: Promise<void> };

export interface Received {
  path: string;
  body: string;
  key: string;
  timestamp: string;
  signatureOk: boolean;
}

/**
 * A receiving platform on 127.0.0.1 (PUB-03): it checks every request's HMAC-SHA256 signature with
 * the secret it shares with us, records it, and answers as `answer` says for its path — 200, 500,
 * no answer at all, or 409 saying the idempotency key was seen before.
 */
export async function startReceiver(secret: string, answer: (path: string, n: number) => Answer) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const path = req.url ?? '/';
      received.push({
        path,
        body,
        key: String(req.headers['idempotency-key']),
        timestamp: String(req.headers['x-zhifa-timestamp']),
        signatureOk: req.headers['x-zhifa-signature'] === expected,
      });
      const a = answer(path, received.filter((r) => r.path === path).length);
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (received[received.length - 1]!.signatureOk === false) return send(401, { error: 'bad signature' });
      if (a === 'ok') return send(200, { ok: true });
      if (a === 'fail') return send(500, { error: 'down' });
      if (a === 'duplicate') return send(409, { duplicate: true });
      if (a === 'conflict') return send(409, { error: 'other' });
      if (a === 'hang') return; // never answers
      void a.hold.then(() => send(200, { ok: true }));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
