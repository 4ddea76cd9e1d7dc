import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiving platform got, as it arrived. */
export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A platform that receives the outbox's deliveries (a district publicity platform, say), on
 * 127.0.0.1 and a free port: it keeps every request and answers 200. Journeys count what it got.
 */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/publicity`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
