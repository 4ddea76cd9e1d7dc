import { Type, type Static } from 'typebox';
import { Id, Name, Obj, PartialObj, RoleSchema, Text } from '../schemas';
import { UserSchema } from './auth.schema';

const Username = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const Password = Text(256);
const Roles = Type.Array(RoleSchema, { minItems: 1, maxItems: 6, uniqueItems: true });

/** A failed-login lock-out in force: the client's network (masked) and until when. */
export const LockoutSchema = Obj({ source: Type.String(), until: Type.String() });
export type Lockout = Static<typeof LockoutSchema>;

/** A user as administrators see them: also the lock-outs in force, by masked client address. */
export const ManagedUserSchema = Obj({ ...UserSchema.properties, lockouts: Type.Array(LockoutSchema) });
export type ManagedUser = Static<typeof ManagedUserSchema>;
export const ManagedUserListSchema = Obj({ items: Type.Array(ManagedUserSchema) });
export type ManagedUserList = Static<typeof ManagedUserListSchema>;

export const ApiTokenSchema = Obj({
  id: Id,
  name: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiToken = Static<typeof ApiTokenSchema>;
export const ApiTokenListSchema = Obj({ items: Type.Array(ApiTokenSchema) });
export type ApiTokenList = Static<typeof ApiTokenListSchema>;

/** A token just made: the secret is shown this once. */
export const CreatedTokenSchema = Obj({ id: Id, name: Type.String(), token: Type.String() });
export type CreatedToken = Static<typeof CreatedTokenSchema>;

export const NewUserSchema = Obj({
  username: Username,
  displayName: Name(50),
  password: Password,
  roles: Roles,
  officerId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type NewUser = Static<typeof NewUserSchema>;
export const UserPatchSchema = PartialObj({
  displayName: Name(50),
  roles: Roles,
  officerId: Type.Union([Id, Type.Null()]),
  disabled: Type.Boolean(),
});
export type UserPatch = Static<typeof UserPatchSchema>;
export const PasswordResetSchema = Obj({ password: Password });
export type PasswordReset = Static<typeof PasswordResetSchema>;
export const NewTokenSchema = Obj({ name: Text(100) });
export type NewToken = Static<typeof NewTokenSchema>;
