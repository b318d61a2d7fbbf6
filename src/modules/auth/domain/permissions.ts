/**
 * Roles and what each may do. One role per user, the same in each of the user's
 * organisations; each role includes everything of the roles below it.
 */
export const ROLES = ['admin', 'dpo', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read',
  'incidents:write',
  'escalations:acknowledge',
  'assessments:write',
  'obligations:file',
  'documents:generate',
  'audit:verify',
  'organisations:manage',
  'channels:manage',
  'users:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ['read'];
// Responders run the incident: facts, timeline, status, and answering the alarms.
const RESPONDER: readonly Permission[] = [...VIEWER, 'incidents:write', 'escalations:acknowledge'];
// The DPO decides: assessment and override, filing with the authority, the notices.
const DPO: readonly Permission[] = [...RESPONDER, 'assessments:write', 'obligations:file', 'documents:generate', 'audit:verify'];
const ADMIN: readonly Permission[] = [...DPO, 'organisations:manage', 'channels:manage', 'users:manage'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set(VIEWER),
  responder: new Set(RESPONDER),
  dpo: new Set(DPO),
  admin: new Set(ADMIN),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
