import { Type, type Static } from 'typebox';
import { ACTIONS, ROLES } from '../../domain/policy';
import { Id, Obj, OneOf, RoleSchema, Text } from '../schemas';

/** What a user may do, as `/api/auth/me` lists it: the policy's actions. */
export const PermissionSchema = OneOf(ACTIONS);
export type Permission = Static<typeof PermissionSchema>;

export const UserSchema = Obj({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  officerId: Type.Union([Id, Type.Null()]),
  disabled: Type.Boolean(),
  /** The latest end of the lock-outs in force, from whichever address. */
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  /** The user must set their own password before anything else (403 PASSWORD_CHANGE_REQUIRED). */
  mustChangePassword: Type.Boolean(),
});
export type User = Static<typeof UserSchema>;
export type Role = User['roles'][number];

/** The signed-in user, their permissions and the CSRF token (null for a bearer token). */
export const SessionSchema = Obj({
  user: UserSchema,
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(PermissionSchema),
});
export type Session = Static<typeof SessionSchema>;

export const RoleOptionSchema = Obj({ role: OneOf(ROLES), label: Type.String() });
export type RoleOption = Static<typeof RoleOptionSchema>;
export const RoleListSchema = Obj({ items: Type.Array(RoleOptionSchema) });
export type RoleList = Static<typeof RoleListSchema>;

export const LoginBodySchema = Obj({ username: Text(64), password: Text(256) });
export type LoginBody = Static<typeof LoginBodySchema>;
export const PasswordChangeBodySchema = Obj({ currentPassword: Text(256), newPassword: Text(256) });
export type PasswordChangeBody = Static<typeof PasswordChangeBodySchema>;
