/** The four roles: one type for accounts (who holds which), routes (who may call which) and scope rules. */
export const ROLES = ['admin', 'supervisor', 'mediator', 'informant'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Where an account may act. `subDistrict` undefined means the whole district (admins, district
 * supervisors); mediators and informants always belong to one sub-district.
 */
export interface Scope {
  role: Role;
  subDistrict?: string;
}

/** Whether a role must, may or must not name a sub-district. */
export const SUB_DISTRICT_RULE: Record<Role, 'required' | 'optional' | 'forbidden'> = {
  admin: 'forbidden',
  supervisor: 'optional',
  mediator: 'required',
  informant: 'required',
};
