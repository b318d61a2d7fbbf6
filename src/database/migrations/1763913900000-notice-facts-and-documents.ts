import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What notices say beyond the assessment (GDPR Art. 33(3)), and the immutable documents themselves. */
export class NoticeFactsAndDocuments1763913900000 implements MigrationInterface {
  name = 'NoticeFactsAndDocuments1763913900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE incidents ADD COLUMN records_approx bigint CONSTRAINT incidents_records_approx_check CHECK (records_approx >= 0)`);
    await db.query(`ALTER TABLE incidents ADD COLUMN subject_categories text[] NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE incidents ADD COLUMN likely_consequences text`);
    await db.query(`ALTER TABLE incidents ADD COLUMN measures_taken text`);
    await db.query(`ALTER TABLE incidents ADD COLUMN measures_proposed text`);

    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL CONSTRAINT documents_incident_id_fkey REFERENCES incidents(id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL CONSTRAINT documents_organisation_id_fkey REFERENCES organisations(id) ON DELETE RESTRICT,
        kind text NOT NULL CONSTRAINT documents_kind_check CHECK (kind IN ('authority_notification','controller_notice','data_subject_notice')),
        language text NOT NULL,
        phase text NOT NULL CONSTRAINT documents_phase_check CHECK (phase IN ('initial','supplementary','final')),
        version integer NOT NULL CONSTRAINT documents_version_check CHECK (version >= 1),
        file_name text NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes integer NOT NULL,
        pdf bytea NOT NULL,
        payload jsonb NOT NULL,
        template_version text NOT NULL,
        assessment_id uuid,
        rules_version text,
        forced_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        request_id text
      )`);
    await db.query(`CREATE UNIQUE INDEX documents_incident_kind_language_version_uq ON documents (incident_id, kind, language, version)`);
    await db.query(`CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION breach_clock_forbid_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE documents`);
    for (const column of ['measures_proposed', 'measures_taken', 'likely_consequences', 'subject_categories', 'records_approx']) {
      await db.query(`ALTER TABLE incidents DROP COLUMN ${column}`);
    }
  }
}
