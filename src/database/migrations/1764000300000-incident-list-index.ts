import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The incidents list as the API and the pages ask for it most (one organisation's incidents in
 * a status, newest first, a page at a time): an index in exactly that order, so a page is read
 * straight off it and the scan stops after the page instead of sorting the organisation's
 * incidents in that status.
 */
export class IncidentListIndex1764000300000 implements MigrationInterface {
  name = 'IncidentListIndex1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX incidents_organisation_status_created_idx ON incidents (organisation_id, status, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX incidents_organisation_status_created_idx`);
  }
}
