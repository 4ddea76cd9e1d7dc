import { randomBytes } from 'node:crypto';
import { conflict, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { passwordProblem } from '../domain/password-rules';
import type { Role } from '../domain/policy';
import * as org from '../repositories/org-repository';
import * as users from '../repositories/user-repository';
import {
  sha256Hex,
  TOKEN_PREFIX,
  userView,
  type Lockout,
  type Principal,
  type UserView,
} from './auth-service';
import { newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { hashPassword, verifyPassword } from './passwords';

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  officerId?: string | null;
  /** The password was chosen by someone else (the first administrator from `zhifa init`). */
  mustChangePassword?: boolean;
}

/** What administrators see of a user: also the lock-outs in force, by masked client address. */
export type AdminUserView = UserView & { lockouts: Lockout[] };

export async function listUsers(deps: Deps): Promise<AdminUserView[]> {
  const rows = await users.listUsers(deps.db);
  const ids = rows.map((r) => r.id);
  const roles = await users.rolesOf(deps.db, ids);
  const lockouts = await users.lockoutsOf(deps.db, ids, deps.clock.now().toISOString());
  return rows.map((r) => adminView(r, roles.get(r.id) ?? [], lockouts.get(r.id) ?? []));
}

function adminView(u: Parameters<typeof userView>[0], roles: string[], lockouts: Lockout[]): AdminUserView {
  return { ...userView(u, roles, lockouts), lockouts };
}

async function getUserView(deps: Deps, id: string): Promise<AdminUserView> {
  const u = await users.getUser(deps.db, id);
  if (!u) throw notFound('USER_NOT_FOUND', '用户不存在');
  const lockouts = await users.lockoutsOf(deps.db, [id], deps.clock.now().toISOString());
  return adminView(u, (await users.rolesOf(deps.db, [id])).get(id) ?? [], lockouts.get(id) ?? []);
}

export async function createUser(
  deps: Deps,
  actor: Actor,
  input: UserInput,
  trx?: Tx,
): Promise<AdminUserView> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('PASSWORD_WEAK', problem, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = newId(deps.clock);
  const roles = [...new Set(input.roles)].sort();
  const run = async (t: Tx) => {
    if (await users.findUserByName(t, input.username))
      throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, 'username');
    if (input.officerId && !(await org.getOfficer(t, input.officerId)))
      throw invalid('OFFICER_NOT_FOUND', '所关联的执法人员不存在', 'officerId');
    await users.insertUser(t, {
      id,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      officer_id: input.officerId ?? null,
      disabled: 0,
      failed_count: 0,
      locked_until: null,
      created_at: deps.clock.now().toISOString(),
      must_change_password: input.mustChangePassword ? 1 : 0,
    });
    await users.setRoles(t, id, roles);
    // The password (even hashed) is not put in the ledger.
    await appendEntry(
      t,
      deps,
      actor,
      'user.created@1',
      { type: 'user', id },
      {
        username: input.username,
        displayName: input.displayName,
        roles,
        officerId: input.officerId ?? null,
      },
    );
  };
  if (trx) await run(trx);
  else await deps.db.transaction().execute(run);
  return trx ? adminView((await users.getUser(trx, id))!, roles, []) : getUserView(deps, id);
}

export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: { displayName?: string; roles?: Role[]; officerId?: string | null; disabled?: boolean },
): Promise<AdminUserView> {
  await deps.db.transaction().execute(async (trx) => {
    const u = await users.getUser(trx, id);
    if (!u) throw notFound('USER_NOT_FOUND', '用户不存在');
    if (patch.officerId && !(await org.getOfficer(trx, patch.officerId)))
      throw invalid('OFFICER_NOT_FOUND', '所关联的执法人员不存在', 'officerId');
    if (
      actor.type === 'user' &&
      actor.id === id &&
      (patch.disabled === true || (patch.roles && !patch.roles.includes('admin')))
    ) {
      throw conflict(
        'SELF_LOCKOUT',
        '不能停用自己的账户或移除自己的管理员角色',
        patch.disabled ? 'disabled' : 'roles',
      );
    }
    const set = {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.officerId !== undefined && { officer_id: patch.officerId }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
    };
    if (Object.keys(set).length > 0) await users.updateUser(trx, id, set);
    const data: Record<string, unknown> = { ...patch };
    if (patch.roles) {
      data.roles = [...new Set(patch.roles)].sort();
      await users.setRoles(trx, id, data.roles as string[]);
    }
    if (patch.disabled === true) await users.endSessionsOf(trx, id, deps.clock.now().toISOString());
    if (Object.keys(data).length > 0)
      await appendEntry(trx, deps, actor, 'user.updated@1', { type: 'user', id }, data);
  });
  return getUserView(deps, id);
}

/**
 * An administrator sets a user's password. The administrator now knows it, so the user must
 * choose their own at the next login (unless they reset their own); lock-outs are lifted.
 */
export async function resetPassword(deps: Deps, actor: Actor, id: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw invalid('PASSWORD_WEAK', problem, 'password');
  const hash = await hashPassword(password);
  const own = actor.type === 'user' && actor.id === id;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await users.getUser(trx, id))) throw notFound('USER_NOT_FOUND', '用户不存在');
    await users.updateUser(trx, id, {
      password_hash: hash,
      failed_count: 0,
      locked_until: null,
      must_change_password: own ? 0 : 1,
    });
    await users.deleteLoginFailuresOf(trx, id);
    await users.endSessionsOf(trx, id, deps.clock.now().toISOString());
    await appendEntry(trx, deps, actor, 'user.password-reset@1', { type: 'user', id }, {});
  });
}

/**
 * A signed-in user changes their own password (PLT-03): the current one proves it is them, the
 * new one follows the password rules and differs from it. Clears the must-change flag and ends
 * the user's other sessions; this one goes on.
 */
export async function changeOwnPassword(
  deps: Deps,
  p: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const u = await users.getUser(deps.db, p.userId);
  if (!u) throw notFound('USER_NOT_FOUND', '用户不存在');
  if (!(await verifyPassword(currentPassword, u.password_hash)))
    throw invalid('PASSWORD_CURRENT_WRONG', '当前密码不正确', 'currentPassword');
  const problem = passwordProblem(newPassword);
  if (problem) throw invalid('PASSWORD_WEAK', problem, 'newPassword');
  if (newPassword.normalize('NFC') === currentPassword.normalize('NFC'))
    throw invalid('PASSWORD_UNCHANGED', '新密码不能与当前密码相同', 'newPassword');
  const hash = await hashPassword(newPassword);
  const actor = { type: 'user' as const, id: p.userId };
  await deps.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, p.userId, { password_hash: hash, must_change_password: 0 });
    await users.endSessionsOf(trx, p.userId, deps.clock.now().toISOString(), p.sessionHash);
    await appendEntry(trx, deps, actor, 'user.password-changed@1', { type: 'user', id: p.userId }, {});
  });
}

/** Lifts every lock-out of the user, from whichever address. */
export async function unlockUser(deps: Deps, actor: Actor, id: string): Promise<AdminUserView> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await users.getUser(trx, id))) throw notFound('USER_NOT_FOUND', '用户不存在');
    await users.updateUser(trx, id, { failed_count: 0, locked_until: null });
    await users.deleteLoginFailuresOf(trx, id);
    await appendEntry(trx, deps, actor, 'user.unlocked@1', { type: 'user', id }, {});
  });
  return getUserView(deps, id);
}

/* ---------- API tokens ---------- */

export function tokenView(t: { id: string; name: string; created_at: string; revoked_at: string | null }) {
  return { id: t.id, name: t.name, createdAt: t.created_at, revokedAt: t.revoked_at };
}

export async function listTokens(deps: Deps, userId: string) {
  if (!(await users.getUser(deps.db, userId))) throw notFound('USER_NOT_FOUND', '用户不存在');
  return (await users.tokensOf(deps.db, userId)).map(tokenView);
}

/** Creates a bearer token; the token itself is returned once and only its hash is stored. */
export async function createToken(deps: Deps, actor: Actor, userId: string, name: string) {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await users.getUser(trx, userId))) throw notFound('USER_NOT_FOUND', '用户不存在');
    await users.insertToken(trx, {
      id,
      user_id: userId,
      name,
      token_hash: sha256Hex(token),
      created_at: deps.clock.now().toISOString(),
      revoked_at: null,
    });
    await appendEntry(trx, deps, actor, 'token.created@1', { type: 'apiToken', id }, { userId, name });
  });
  return { id, name, token };
}

export async function revokeToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const t = await users.getToken(trx, id);
    if (!t) throw notFound('TOKEN_NOT_FOUND', '令牌不存在');
    if (t.revoked_at !== null) throw conflict('TOKEN_REVOKED', '令牌已撤销');
    await users.revokeToken(trx, id, deps.clock.now().toISOString());
    await appendEntry(trx, deps, actor, 'token.revoked@1', { type: 'apiToken', id }, { userId: t.user_id });
  });
}

export async function findUserIdByName(deps: Deps, username: string): Promise<string> {
  const u = await users.findUserByName(deps.db, username);
  if (!u) throw notFound('USER_NOT_FOUND', `用户 ${username} 不存在`);
  return u.id;
}
