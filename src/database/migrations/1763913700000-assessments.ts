import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Immutable assessments and their overrides (GDPR Art. 33(5) documentation of decisions). */
export class Assessments1763913700000 implements MigrationInterface {
  name = 'Assessments1763913700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL CONSTRAINT assessments_incident_id_fkey REFERENCES incidents(id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL CONSTRAINT assessments_organisation_id_fkey REFERENCES organisations(id) ON DELETE RESTRICT,
        sequence integer NOT NULL CONSTRAINT assessments_sequence_check CHECK (sequence >= 1),
        role text NOT NULL,
        facts jsonb NOT NULL,
        notify_when_in_doubt boolean NOT NULL,
        result jsonb NOT NULL,
        rules_version text NOT NULL,
        risk_level text NOT NULL CONSTRAINT assessments_risk_level_check CHECK (risk_level IN ('unlikely','risk','high')),
        notify_authority boolean NOT NULL,
        communicate_subjects text NOT NULL,
        notify_controller boolean NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        request_id text
      )`);
    await db.query(`CREATE UNIQUE INDEX assessments_incident_sequence_uq ON assessments (incident_id, sequence)`);

    await db.query(`
      CREATE TABLE assessment_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL CONSTRAINT assessment_overrides_assessment_id_fkey REFERENCES assessments(id) ON DELETE RESTRICT,
        risk_level text NOT NULL CONSTRAINT assessment_overrides_risk_level_check CHECK (risk_level IN ('unlikely','risk','high')),
        notify_authority boolean NOT NULL,
        communicate_subjects text NOT NULL,
        notify_controller boolean NOT NULL,
        exemption text CONSTRAINT assessment_overrides_exemption_check CHECK (exemption IN ('art34_3_a','art34_3_b')),
        justification text NOT NULL CONSTRAINT assessment_overrides_justification_check CHECK (length(justification) >= 20),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        request_id text
      )`);
    await db.query(`CREATE UNIQUE INDEX assessment_overrides_assessment_uq ON assessment_overrides (assessment_id)`);

    // Decisions are evidence: once written they are never changed or removed.
    await db.query(`
      CREATE FUNCTION breach_clock_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER assessments_immutable BEFORE UPDATE OR DELETE ON assessments FOR EACH ROW EXECUTE FUNCTION breach_clock_forbid_change()`);
    await db.query(
      `CREATE TRIGGER assessment_overrides_immutable BEFORE UPDATE OR DELETE ON assessment_overrides FOR EACH ROW EXECUTE FUNCTION breach_clock_forbid_change()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE assessment_overrides`);
    await db.query(`DROP TABLE assessments`);
    await db.query(`DROP FUNCTION breach_clock_forbid_change()`);
  }
}
