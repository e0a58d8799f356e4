import { Type, type Static } from '@sinclair/typebox';
import { NewPassword } from '../auth/schema';

const RoleList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { uniqueItems: true });

/** A staff account with its global roles and its roles in units. */
export const UserWithUnits = Type.Object({
  id: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean({ description: 'An admin disabled the account: it cannot log in' }),
  unitRoles: Type.Array(Type.Object({ unit: Type.Optional(Type.String()), role: Type.Optional(Type.String()) })),
});
export type UserWithUnits = Static<typeof UserWithUnits>;

export const NewUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9._-]{2,64}$' }),
    password: NewPassword,
    roles: RoleList,
  },
  { additionalProperties: false },
);

export const RolesBody = Type.Object({ roles: RoleList }, { additionalProperties: false });
export const PasswordResetBody = Type.Object({ password: NewPassword }, { additionalProperties: false });

export const UsernameParams = Type.Object({ username: Type.String() });
export const LimitedUsernameParams = Type.Object({ username: Type.String({ maxLength: 64 }) });

export const AccountState = Type.Object({ username: Type.String(), disabled: Type.Boolean() });
export type AccountState = Static<typeof AccountState>;
