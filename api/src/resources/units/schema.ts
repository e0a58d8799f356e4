import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../shared/schema';

const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'lowercase, e.g. dinkes or upt-puskesmas-a' });
const RoleName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'as the diagrams name it (candidate group or lane), e.g. petugas' });
const Kind = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,31}$', description: 'opd, skpd, upt, uptd, bidang, seksi, kecamatan, kelurahan...' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
/** Code of the parent unit; null or none for a top-level unit (an OPD). */
const Parent = Type.Unsafe<string | null>({ anyOf: [Code, { type: 'null' }] });

const unitProperties = {
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parent: Nullable(Type.String()),
  createdAt: Type.Optional(Type.String()),
};

/** A unit of the government structure (an OPD/SKPD, a UPT/UPTD below it...). */
export const Unit = Type.Object(unitProperties);
export type Unit = Static<typeof Unit>;

export const UnitRole = Type.Object({
  role: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  supervisor: Type.Optional(Type.Boolean()),
  staff: Type.Optional(Type.Array(Type.String())),
});

/** A unit with its sub-units (codes), roles and the staff holding them. */
export const UnitDetail = Type.Object({
  ...unitProperties,
  children: Type.Array(Type.String()),
  roles: Type.Array(UnitRole),
});
export type UnitDetail = Static<typeof UnitDetail>;

export const UnitInput = Type.Object({ code: Code, name: Name, kind: Kind, parent: Type.Optional(Parent) }, { additionalProperties: false });
export type UnitInput = Static<typeof UnitInput>;

export const UnitPatch = Type.Object(
  { name: Type.Optional(Name), kind: Type.Optional(Kind), parent: Type.Optional(Parent) },
  { additionalProperties: false, minProperties: 1 },
);
export type UnitPatch = Static<typeof UnitPatch>;

export const UnitRoleInput = Type.Object(
  { role: RoleName, name: Type.Optional(Name), supervisor: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type UnitRoleInput = Static<typeof UnitRoleInput>;

export const StaffInput = Type.Object({ username: Type.String({ minLength: 1 }), role: RoleName }, { additionalProperties: false });
export type StaffInput = Static<typeof StaffInput>;

export const CodeParams = Type.Object({ code: Type.String() });
export const RoleParams = Type.Object({ code: Type.String(), role: Type.String() });
export const StaffParams = Type.Object({ code: Type.String(), username: Type.String(), role: Type.String() });
