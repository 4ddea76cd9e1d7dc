import pg from 'pg';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';

/** The first half of every key: keeps these locks apart from the ledger's (a one-number key). */
const UPLOAD_LOCK_CLASS = 7013225;
/** Where a node that wants an upload someone else holds asks the holder to let go. */
const RELEASE_CHANNEL = 'zhifa_upload_release';

export interface PgUploadLockerOptions {
  url: string;
  /** The schema the uploads belong to: two installations in one database do not share locks. */
  namespace: string;
  /** How long `lock` waits before it gives up (tus answers 500 then; the client retries). */
  acquireTimeoutMs?: number;
  /** Pause between tries while another holder has the lock. */
  retryMs?: number;
  /** At most this many locks held at once by this node (each holds one connection). */
  maxConnections?: number;
}

/**
 * The tus lock shared by every app node on one PostgreSQL database: a session-level advisory lock
 * (`pg_try_advisory_lock`) held on a connection of its own for as long as the request holds the
 * upload, keyed by the schema and the upload id. A node that dies lets go with its connections,
 * so a killed node never leaves an upload locked.
 *
 * tus asks a holder to finish early when another request wants the same upload (the client
 * resumed after losing its connection): a holder on this node is asked directly, one on another
 * node through NOTIFY, which each node's locker LISTENs for.
 */
export class PgUploadLocker implements Locker {
  private readonly pool: pg.Pool;
  /** Locks this node holds: the request to ask to let go, and the connection holding it. */
  private readonly held = new Map<string, { requestRelease: RequestRelease; client: pg.PoolClient }>();
  private listener: Promise<pg.Client | null> | undefined;
  private closed = false;
  readonly acquireTimeoutMs: number;
  readonly retryMs: number;

  constructor(private readonly opts: PgUploadLockerOptions) {
    this.acquireTimeoutMs = opts.acquireTimeoutMs ?? 30_000;
    this.retryMs = opts.retryMs ?? 100;
    this.pool = new pg.Pool({ connectionString: opts.url, max: opts.maxConnections ?? 20 });
    // An idle connection that breaks is dropped by the pool; nothing is held on it.
    this.pool.on('error', () => undefined);
  }

  newLock(id: string): Lock {
    return new PgUploadLock(this, id);
  }

  /** The text the advisory key is hashed from. */
  keyOf(id: string): string {
    return `${this.opts.namespace}:${id}`;
  }

  /** One try: the connection holding the lock, or null when someone holds it. */
  async tryLock(id: string, requestRelease: RequestRelease): Promise<pg.PoolClient | null> {
    if (this.closed) throw new Error('upload locker closed');
    await this.listen();
    const client = await this.pool.connect();
    let got = false;
    try {
      const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [
        UPLOAD_LOCK_CLASS,
        this.keyOf(id),
      ]);
      got = r.rows[0]?.ok === true;
    } catch (e) {
      client.release(true);
      throw e;
    }
    if (!got) {
      client.release();
      return null;
    }
    this.held.set(this.keyOf(id), { requestRelease, client });
    return client;
  }

  async unlock(id: string, client: pg.PoolClient): Promise<void> {
    const key = this.keyOf(id);
    // Gone already: the locker was closed, and its connection with it.
    if (this.held.get(key)?.client !== client) return;
    this.held.delete(key);
    try {
      const r = await client.query<{ ok: boolean }>('select pg_advisory_unlock($1, hashtext($2)) as ok', [
        UPLOAD_LOCK_CLASS,
        this.keyOf(id),
      ]);
      // A connection that might still hold the lock never goes back to the pool.
      client.release(r.rows[0]?.ok !== true);
    } catch {
      // The connection is broken: closing it ends the session, and the lock with it.
      client.release(true);
    }
  }

  /** Asks whoever holds the upload to let go: here directly, on other nodes through NOTIFY. */
  async requestRelease(id: string): Promise<void> {
    const key = this.keyOf(id);
    const local = this.held.get(key);
    if (local) {
      await local.requestRelease();
      return;
    }
    await this.pool.query('select pg_notify($1, $2)', [RELEASE_CHANNEL, key]).catch(() => undefined);
  }

  /** The connection that hears other nodes' requests to let go; opened once, on first use. */
  private listen(): Promise<pg.Client | null> {
    this.listener ??= (async () => {
      const client = new pg.Client({ connectionString: this.opts.url });
      try {
        await client.connect();
        client.on('notification', (n) => {
          const holder = n.payload === undefined ? undefined : this.held.get(n.payload);
          if (holder) void Promise.resolve(holder.requestRelease()).catch(() => undefined);
        });
        // Lost: the next lock opens a new one. Locks still work meanwhile, only without early release.
        client.on('error', () => {
          this.listener = undefined;
          void client.end().catch(() => undefined);
        });
        await client.query(`listen ${RELEASE_CHANNEL}`);
        return client;
      } catch {
        this.listener = undefined;
        await client.end().catch(() => undefined);
        return null;
      }
    })();
    return this.listener;
  }

  /** Closes the listener and the pool; locks still held are let go as their connections close. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { client } of this.held.values()) client.release(true);
    this.held.clear();
    const listener = await this.listener;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

class PgUploadLock implements Lock {
  private client: pg.PoolClient | undefined;

  constructor(
    private readonly locker: PgUploadLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    let asked = false;
    for (;;) {
      // tus's own refusal (500, "failed to acquire lock"), as its MemoryLocker throws it.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      const client = await this.locker.tryLock(this.id, requestRelease);
      if (client) {
        this.client = client;
        return;
      }
      // Once per wait: the holder is told, and a tus holder ends its request soon after.
      if (!asked) {
        asked = true;
        await this.locker.requestRelease(this.id);
      }
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (Date.now() + this.locker.retryMs > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.locker.retryMs);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done);
      });
    }
  }

  async unlock(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('Releasing an unlocked lock!');
    this.client = undefined;
    await this.locker.unlock(this.id, client);
  }
}
