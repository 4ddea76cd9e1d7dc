import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

export const getUser = (ex: Executor, id: string) =>
  ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findUserByName = (ex: Executor, username: string) =>
  ex.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
export const listUsers = (ex: Executor) => ex.selectFrom('users').selectAll().orderBy('id').execute();
export const displayNames = async (ex: Executor, ids: string[]) =>
  ids.length === 0
    ? new Map<string, string>()
    : new Map(
        (await ex.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map(
          (u) => [u.id, u.display_name],
        ),
      );
export const insertUser = (ex: Executor, row: NewRow<'users'>) =>
  ex.insertInto('users').values(row).execute();
export const updateUser = (ex: Executor, id: string, patch: Partial<Row<'users'>>) =>
  ex.updateTable('users').set(patch).where('id', '=', id).execute();

export async function rolesOf(ex: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await ex
    .selectFrom('user_roles')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
  for (const r of rows) out.get(r.user_id)?.push(r.role);
  return out;
}
export async function setRoles(ex: Executor, userId: string, roles: readonly string[]): Promise<void> {
  await ex.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0)
    await ex
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

export const insertSession = (ex: Executor, row: NewRow<'sessions'>) =>
  ex.insertInto('sessions').values(row).execute();
/** A user with their roles (sorted) and their officer's unit: what a request's principal is made of. */
export interface UserWithRoles {
  user: Row<'users'>;
  roles: string[];
  unitId: string | null;
}

function userWithRoles<T extends { role: string | null; officer_unit_id: string | null }>(
  rows: (Row<'users'> & T)[],
): (UserWithRoles & { first: T }) | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const user: Row<'users'> = {
    id: first.id,
    username: first.username,
    display_name: first.display_name,
    password_hash: first.password_hash,
    officer_id: first.officer_id,
    disabled: first.disabled,
    failed_count: first.failed_count,
    locked_until: first.locked_until,
    created_at: first.created_at,
    must_change_password: first.must_change_password,
  };
  const roles = rows.flatMap((r) => (r.role === null ? [] : [r.role]));
  return { user, roles, unitId: first.officer_unit_id, first };
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'password_hash',
  'officer_id',
  'disabled',
  'failed_count',
  'locked_until',
  'created_at',
  'must_change_password',
] as const satisfies readonly (keyof Row<'users'>)[];

/**
 * An API token with its user, the user's roles and officer's unit, in one query: every request
 * with a bearer token needs them, and one statement costs a third of four (a row per role).
 */
export async function tokenWithUser(ex: Executor, tokenHash: string) {
  const rows = await ex
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('officers as o', 'o.id', 'u.officer_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(USER_COLUMNS.map((c) => `u.${c}` as const))
    .select(['t.revoked_at as token_revoked_at', 'o.unit_id as officer_unit_id', 'r.role as role'])
    .where('t.token_hash', '=', tokenHash)
    .orderBy('r.role')
    .execute();
  const found = userWithRoles(rows);
  return found && { ...found, revokedAt: found.first.token_revoked_at };
}

/** A session with its user, the user's roles and officer's unit, in one query (as `tokenWithUser`). */
export async function sessionWithUser(ex: Executor, idHash: string) {
  const rows = await ex
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('officers as o', 'o.id', 'u.officer_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(USER_COLUMNS.map((c) => `u.${c}` as const))
    .select([
      's.csrf_token as session_csrf_token',
      's.last_seen_at as session_last_seen_at',
      's.ended_at as session_ended_at',
      'o.unit_id as officer_unit_id',
      'r.role as role',
    ])
    .where('s.id_hash', '=', idHash)
    .orderBy('r.role')
    .execute();
  const found = userWithRoles(rows);
  return (
    found && {
      ...found,
      session: {
        csrf_token: found.first.session_csrf_token,
        last_seen_at: found.first.session_last_seen_at,
        ended_at: found.first.session_ended_at,
      },
    }
  );
}
export const getSession = (ex: Executor, idHash: string) =>
  ex.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
export const touchSession = (ex: Executor, idHash: string, at: string) =>
  ex.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
export const endSession = (ex: Executor, idHash: string, at: string) =>
  ex
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute();
/** Ends the user's open sessions, except the one named by `keepHash` when given. */
export const endSessionsOf = (ex: Executor, userId: string, at: string, keepHash?: string) => {
  let q = ex
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (keepHash !== undefined) q = q.where('id_hash', '!=', keepHash);
  return q.execute();
};

export const insertToken = (ex: Executor, row: NewRow<'api_tokens'>) =>
  ex.insertInto('api_tokens').values(row).execute();
export const findTokenByHash = (ex: Executor, hash: string) =>
  ex.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
export const getToken = (ex: Executor, id: string) =>
  ex.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
export const tokensOf = (ex: Executor, userId: string) =>
  ex.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
export const revokeToken = (ex: Executor, id: string, at: string) =>
  ex
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();

/* ---------- failed logins per account name and client address (PLT-03) ---------- */

export const getLoginFailure = (ex: Executor, key: string) =>
  ex.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();

/**
 * The row of one (name, address), created empty if missing and locked (PostgreSQL) for the
 * rest of the transaction: two failures at once then count as two, and cannot undo a lock.
 */
export async function lockLoginFailure(
  ex: Executor,
  row: Omit<Row<'login_failures'>, 'failed_count' | 'locked_until'>,
): Promise<Row<'login_failures'>> {
  await ex
    .insertInto('login_failures')
    .values({ ...row, failed_count: 0, locked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return ex
    .selectFrom('login_failures')
    .selectAll()
    .where('key', '=', row.key)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export const updateLoginFailure = (ex: Executor, key: string, patch: Partial<Row<'login_failures'>>) =>
  ex.updateTable('login_failures').set(patch).where('key', '=', key).execute();
export const deleteLoginFailure = (ex: Executor, key: string) =>
  ex.deleteFrom('login_failures').where('key', '=', key).execute();
export const deleteLoginFailuresOf = (ex: Executor, userId: string) =>
  ex.deleteFrom('login_failures').where('user_id', '=', userId).execute();

/** Deletes rows that no longer count (see domain/login-lockout `isForgotten`). */
export const pruneLoginFailures = (ex: Executor, nowIso: string, quietSinceIso: string) =>
  ex
    .deleteFrom('login_failures')
    .where((eb) =>
      eb.or([
        eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', nowIso)]),
        eb.and([eb('locked_until', 'is', null), eb('last_failed_at', '<=', quietSinceIso)]),
      ]),
    )
    .execute();

/** Lock-outs of these users in force at `nowIso`, by user, latest end first. */
export async function lockoutsOf(
  ex: Executor,
  userIds: string[],
  nowIso: string,
): Promise<Map<string, Array<{ source: string; until: string }>>> {
  const out = new Map<string, Array<{ source: string; until: string }>>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await ex
    .selectFrom('login_failures')
    .select(['user_id', 'source', 'locked_until'])
    .where('user_id', 'in', userIds)
    .where('locked_until', '>', nowIso)
    .orderBy('locked_until', 'desc')
    .execute();
  for (const r of rows) out.get(r.user_id!)?.push({ source: r.source, until: r.locked_until! });
  return out;
}
