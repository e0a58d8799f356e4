import { Type, type Static } from '@sinclair/typebox';
import { Nullable, User } from '../shared/schema';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

/** A new password: the policy (length, not the username, not a common password) answers 422 naming the field. */
export const NewPassword = Type.String({
  minLength: 1,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `At least ${PASSWORD_MIN_LENGTH} characters, not the username, not a common password (else 422 naming the field)`,
});

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1 }),
    password: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const Login = Type.Object({ token: Type.String(), user: User });
export type Login = Static<typeof Login>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: NewPassword,
  },
  { additionalProperties: false },
);

/** A unit one holds a role in, which role, and whether it supervises the unit. */
export const ProfileUnit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  role: Type.String(),
  roleName: Type.Optional(Nullable(Type.String())),
  supervisor: Type.Boolean(),
});

/** GET /api/auth/me: one's own account. */
export const Profile = Type.Object({
  ...User.properties,
  units: Type.Array(ProfileUnit),
});
export type Profile = Static<typeof Profile>;
