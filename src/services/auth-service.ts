import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  afterFailure,
  currentState,
  FAILURE_MEMORY_HOURS,
  isLocked,
  maskSource,
  sessionExpired,
} from '../domain/login-lockout';
import { DomainError } from '../domain/errors';
import { isRole, permissionsOf, type Action, type Role } from '../domain/policy';
import { chineseDateTime } from '../domain/shanghai-time';
import * as users from '../repositories/user-repository';
import type { Row } from '../storage/schema';
import type { Deps } from './deps';
import { appendEntry } from './ledger';
import { DUMMY_HASH, verifyPassword } from './passwords';

/** Who is making a request, as the policy sees them. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  officerId: string | null;
  /** The unit of the user's officer record: access to cases depends on it (PLT-07). */
  unitId: string | null;
  via: 'session' | 'token';
  /** Set for cookie sessions: non-GET requests must echo it in `x-csrf-token`. */
  csrfToken?: string;
  sessionHash?: string;
  /** Set while the user must choose their own password: only me, logout and that change are open. */
  mustChangePassword: boolean;
}

/** A lock-out in force: failed logins from one (masked) client address. */
export interface Lockout {
  source: string;
  until: string;
}

/**
 * `lockedUntil` is the latest end of the lock-outs in force for this account, from whichever
 * address; null when there are none.
 */
export function userView(u: Row<'users'>, roles: string[], lockouts: readonly Lockout[] = []) {
  const until = lockouts.reduce<string | null>((m, l) => (m === null || l.until > m ? l.until : m), null);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: roles.filter(isRole),
    officerId: u.officer_id,
    disabled: u.disabled === 1,
    lockedUntil: until,
    mustChangePassword: u.must_change_password === 1,
  };
}
export type UserView = ReturnType<typeof userView>;

/** Where login failures are counted: a keyed hash of (name as typed, client address). */
export type FailureKey = (username: string, address: string) => string;

/**
 * The failure key under this installation's secret (derived from the field key all app nodes
 * share), so the stored key says nothing about the address without the secret.
 */
export function failureKeyFrom(masterKey: Buffer): FailureKey {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhifa login failures v1', 32));
  return (username, address) =>
    createHmac('sha256', key).update(`${username}\u0000${address}`, 'utf8').digest('hex');
}

export type AuthDeps = Deps & { failureKey: FailureKey };

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const lockMessage = (until: string) => `登录失败次数过多，账户已锁定至 ${chineseDateTime(until)}，请稍后再试`;

export interface LoginResult {
  sessionId: string;
  csrfToken: string;
  user: UserView;
  permissions: Action[];
}

/**
 * Password login (PLT-03). Every outcome — success, failure, lock-out — is a ledger entry, written
 * in the same transaction as the counters it changes. Failures are counted per account name and
 * client address (domain/login-lockout), for names with and without an account alike: the answer
 * and the lock-out are the same whether or not the name exists.
 */
export async function login(
  deps: AuthDeps,
  username: string,
  password: string,
  meta: { ip: string },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const user = await users.findUserByName(deps.db, username);
  // Hash even for unknown users so response time does not tell which names exist.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  const key = deps.failureKey(username, meta.ip);
  const actor = user ? { type: 'user' as const, id: user.id } : { type: 'anonymous' as const, id: meta.ip };
  const subject = user ? { type: 'user', id: user.id } : { type: 'username', id: username };
  const recorded = (r: Row<'login_failures'> | undefined) =>
    currentState(
      r && { failedCount: r.failed_count, lockedUntil: r.locked_until, lastFailedAt: r.last_failed_at },
      now,
    );

  const before = recorded(await users.getLoginFailure(deps.db, key));
  if (isLocked(before, now)) {
    await deps.db
      .transaction()
      .execute((trx) =>
        appendEntry(trx, deps, actor, 'auth.login-failed@1', subject, { reason: 'locked', ip: meta.ip }),
      );
    throw new DomainError('unauthenticated', 'AUTH_LOCKED', lockMessage(before.lockedUntil!));
  }
  if (!user || !ok || user.disabled === 1) {
    const reason = !user ? 'unknownUser' : user.disabled === 1 ? 'disabled' : 'badPassword';
    const at = now.toISOString();
    const lockedUntil = await deps.db.transaction().execute(async (trx) => {
      const quietSince = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3_600_000).toISOString();
      await users.pruneLoginFailures(trx, at, quietSince);
      const row = await users.lockLoginFailure(trx, {
        key,
        user_id: user?.id ?? null,
        source: maskSource(meta.ip),
        last_failed_at: at,
      });
      const state = recorded(row);
      // Another attempt locked it meanwhile: a failure must not count on past the lock.
      if (isLocked(state, now)) {
        await appendEntry(trx, deps, actor, 'auth.login-failed@1', subject, {
          reason: 'locked',
          ip: meta.ip,
        });
        return state.lockedUntil;
      }
      const next = afterFailure(state, now);
      await users.updateLoginFailure(trx, key, {
        failed_count: next.state.failedCount,
        locked_until: next.state.lockedUntil,
        last_failed_at: at,
      });
      await appendEntry(trx, deps, actor, 'auth.login-failed@1', subject, { reason, ip: meta.ip });
      if (next.lockedNow)
        await appendEntry(trx, deps, actor, 'auth.locked@1', subject, { until: next.state.lockedUntil });
      return next.state.lockedUntil;
    });
    if (lockedUntil !== null)
      throw new DomainError('unauthenticated', 'AUTH_LOCKED', lockMessage(lockedUntil));
    throw invalidCredentials();
  }

  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // A success from this address starts its count afresh; other addresses keep theirs.
    await users.deleteLoginFailure(trx, key);
    await users.insertSession(trx, {
      id_hash: sha256Hex(sessionId),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ended_at: null,
    });
    await appendEntry(trx, deps, actor, 'auth.login-succeeded@1', subject, { ip: meta.ip });
  });
  const roles = (await users.rolesOf(deps.db, [user.id])).get(user.id) ?? [];
  const lockouts = (await users.lockoutsOf(deps.db, [user.id], at)).get(user.id) ?? [];
  const view = userView(user, roles, lockouts);
  return { sessionId, csrfToken, user: view, permissions: permissionsOf(view.roles) };
}

function invalidCredentials() {
  return new DomainError('unauthenticated', 'AUTH_INVALID_CREDENTIALS', '用户名或密码错误');
}

function principalOf(found: users.UserWithRoles, via: Principal['via']): Principal {
  const { user } = found;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: found.roles.filter(isRole),
    officerId: user.officer_id,
    unitId: found.unitId,
    via,
    mustChangePassword: user.must_change_password === 1,
  };
}

/** The principal of a session cookie, or null when it is unknown, ended, idle too long, or the user is disabled. */
export async function sessionPrincipal(deps: Deps, sessionId: string): Promise<Principal | null> {
  const hash = sha256Hex(sessionId);
  // The session, its user, roles and unit in one statement: this runs before every request.
  const found = await users.sessionWithUser(deps.db, hash);
  if (!found) return null;
  const s = found.session;
  if (s.ended_at !== null) return null;
  const now = deps.clock.now();
  if (sessionExpired(s.last_seen_at, now)) {
    await users.endSession(deps.db, hash, now.toISOString());
    return null;
  }
  if (found.user.disabled === 1) return null;
  // Touch at most once a minute: idle expiry needs minute precision, not a write per request.
  if (now.getTime() - Date.parse(s.last_seen_at) > 60_000)
    await users.touchSession(deps.db, hash, now.toISOString());
  return { ...principalOf(found, 'session'), csrfToken: s.csrf_token, sessionHash: hash };
}

export async function logout(deps: Deps, p: Principal): Promise<void> {
  if (!p.sessionHash) return;
  const hash = p.sessionHash;
  await deps.db.transaction().execute(async (trx) => {
    await users.endSession(trx, hash, deps.clock.now().toISOString());
    await appendEntry(
      trx,
      deps,
      { type: 'user', id: p.userId },
      'auth.logout@1',
      { type: 'user', id: p.userId },
      {},
    );
  });
}

export const TOKEN_PREFIX = 'zf_';

export async function tokenPrincipal(deps: Deps, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const found = await users.tokenWithUser(deps.db, sha256Hex(token));
  if (!found || found.revokedAt !== null || found.user.disabled === 1) return null;
  return principalOf(found, 'token');
}

export async function me(deps: Deps, p: Principal) {
  const user = await users.getUser(deps.db, p.userId);
  if (!user) throw new DomainError('unauthenticated', 'AUTH_REQUIRED', '请先登录');
  const lockouts = await users.lockoutsOf(deps.db, [user.id], deps.clock.now().toISOString());
  return {
    user: userView(user, p.roles, lockouts.get(user.id)),
    csrfToken: p.csrfToken ?? null,
    permissions: permissionsOf(p.roles),
  };
}
