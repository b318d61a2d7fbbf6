import type { CreateIncidentDto } from '../../src/modules/incidents/dto/incident.dto.js';

/** A valid incident body for an organisation; override any field. */
export function incidentBody(organisationId: string, overrides: Partial<CreateIncidentDto> = {}): CreateIncidentDto {
  return {
    organisationId,
    title: 'Customer list e-mailed to the wrong recipient',
    description: 'An export of 240 customer records was sent to a former supplier.',
    occurredAt: '2026-11-20T08:00:00Z',
    detectedAt: '2026-11-20T09:30:00Z',
    awareAt: '2026-11-20T11:00:00+01:00',
    affectedCountries: ['FI'],
    ...overrides,
  };
}
