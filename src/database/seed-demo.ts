import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../shared/domain/clock.js';
import { addHours } from '../shared/domain/time.js';
import { IncidentsService } from '../modules/incidents/incidents.service.js';
import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';
import { OrganisationsService } from '../modules/organisations/organisations.service.js';
import { DEMO_ORGANISATIONS } from './seed-demo.data.js';

const ACTOR = { actor: 'system:demo-seed', requestId: null, userId: null };

/**
 * Creates the five demo organisations and one incident each, through the services. Existing
 * admins join them (on a fresh install the bootstrap admin, created next, joins them all).
 */
export async function seedDemo(app: INestApplicationContext): Promise<number> {
  const organisations = app.get(OrganisationsService);
  const incidents = app.get(IncidentsService);
  const now = app.get<Clock>(CLOCK).now();
  const db = app.get<DataSource>(getDataSourceToken());
  const scope = { organisationIds: [] as string[] };
  const ago = (hours: number | null) => (hours === null ? null : addHours(now, -hours).toISOString());

  for (const demo of DEMO_ORGANISATIONS) {
    const organisation = await organisations.create(demo.organisation, null, ACTOR);
    scope.organisationIds.push(organisation.id);
    await db.query(`INSERT INTO user_organisations (user_id, organisation_id) SELECT id, $1 FROM users WHERE role = 'admin'`, [organisation.id]);
    const { occurredHoursAgo, detectedHoursAgo, awareHoursAgo, ...incident } = demo.incident;
    await incidents.create(
      {
        ...incident,
        organisationId: organisation.id,
        occurredAt: ago(occurredHoursAgo),
        detectedAt: ago(detectedHoursAgo) as string,
        awareAt: ago(awareHoursAgo),
      },
      scope,
      ACTOR,
    );
  }
  return DEMO_ORGANISATIONS.length;
}

/** Seeds only an empty database (no organisation yet); returns how many were created. */
export async function seedDemoIfEmpty(app: INestApplicationContext): Promise<number> {
  const db = app.get<DataSource>(getDataSourceToken());
  if ((await db.manager.count(OrganisationEntity)) > 0) return 0;
  return seedDemo(app);
}
