import { DomainError } from '../../../shared/domain/domain-error.js';
import type { OrganisationRole } from '../../organisations/domain/organisation-rules.js';

/** An incident is recorded in a role (controller or processor) its organisation is registered in. */
export function assertRoleHeld(organisation: { readonly legalName: string; readonly roles: readonly OrganisationRole[] }, role: string): void {
  if (!organisation.roles.includes(role as OrganisationRole)) {
    throw new DomainError(
      'INCIDENT.ROLE_NOT_HELD',
      `${organisation.legalName} is not registered as ${role} (its roles: ${organisation.roles.join(', ')})`,
      'unprocessable',
      { field: 'role' },
    );
  }
}
