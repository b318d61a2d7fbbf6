import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Obligations with deadlines, the escalation ladder's rungs, alert channels and the delivery outbox. */
export class ObligationsAndAlerts1763913800000 implements MigrationInterface {
  name = 'ObligationsAndAlerts1763913800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organisations ADD COLUMN subject_notice_hours integer NOT NULL DEFAULT 72
      CONSTRAINT organisations_subject_notice_hours_check CHECK (subject_notice_hours BETWEEN 1 AND 720)`);
    await db.query(`ALTER TABLE organisations ADD COLUMN escalation_ladder jsonb`);
    await db.query(`ALTER TABLE incidents ADD COLUMN classified_at timestamptz`);

    await db.query(`
      CREATE TABLE obligations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL CONSTRAINT obligations_incident_id_fkey REFERENCES incidents(id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL CONSTRAINT obligations_organisation_id_fkey REFERENCES organisations(id) ON DELETE RESTRICT,
        kind text NOT NULL,
        regime text NOT NULL,
        recipient text NOT NULL,
        label text NOT NULL,
        anchor jsonb NOT NULL,
        anchor_at timestamptz,
        due_at timestamptz,
        status text NOT NULL CONSTRAINT obligations_status_check CHECK (status IN ('open','fulfilled','not_required')),
        required boolean NOT NULL,
        reasons jsonb NOT NULL,
        rule_id text NOT NULL,
        rules_version text NOT NULL,
        submitted_at timestamptz,
        reference text,
        delay_reasons text,
        on_time boolean,
        filed_by text,
        waived_reason text,
        waived_by text,
        waived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL,
        CONSTRAINT obligations_filing_check CHECK (status <> 'fulfilled' OR (submitted_at IS NOT NULL AND on_time IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX obligations_incident_kind_uq ON obligations (incident_id, kind)`);
    await db.query(`CREATE INDEX obligations_open_due_idx ON obligations (due_at) WHERE status = 'open'`);

    await db.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        obligation_id uuid NOT NULL CONSTRAINT escalations_obligation_id_fkey REFERENCES obligations(id) ON DELETE RESTRICT,
        incident_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        offset_minutes integer NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL CONSTRAINT escalations_state_check CHECK (state IN ('pending','fired','skipped','cancelled')),
        late boolean NOT NULL DEFAULT false,
        fired_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The tick's only query when nothing is due: an index probe, never a scan.
    await db.query(`CREATE INDEX escalations_pending_due_idx ON escalations (due_at) WHERE state = 'pending'`);
    await db.query(`CREATE INDEX escalations_obligation_idx ON escalations (obligation_id, due_at)`);
    // Each rung fires once per obligation.
    await db.query(`CREATE UNIQUE INDEX escalations_obligation_offset_uq ON escalations (obligation_id, offset_minutes) WHERE state IN ('pending','fired')`);

    await db.query(`
      CREATE TABLE alert_channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL CONSTRAINT alert_channels_organisation_id_fkey REFERENCES organisations(id) ON DELETE RESTRICT,
        type text NOT NULL CONSTRAINT alert_channels_type_check CHECK (type IN ('webhook','slack','email')),
        name text NOT NULL,
        url text,
        email_to text[] NOT NULL DEFAULT '{}',
        secret text,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await db.query(`CREATE INDEX alert_channels_organisation_idx ON alert_channels (organisation_id)`);

    await db.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        escalation_id uuid NOT NULL CONSTRAINT deliveries_escalation_id_fkey REFERENCES escalations(id) ON DELETE RESTRICT,
        channel_id uuid NOT NULL CONSTRAINT deliveries_channel_id_fkey REFERENCES alert_channels(id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL,
        incident_id uuid NOT NULL,
        state text NOT NULL CONSTRAINT deliveries_state_check CHECK (state IN ('pending','sending','retrying','delivered','dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        last_error text,
        delivered_at timestamptz,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX deliveries_escalation_channel_uq ON deliveries (escalation_id, channel_id)`);
    await db.query(`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE state IN ('pending','retrying')`);
    await db.query(`CREATE INDEX deliveries_sending_idx ON deliveries (locked_until) WHERE state = 'sending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deliveries`);
    await db.query(`DROP TABLE alert_channels`);
    await db.query(`DROP TABLE escalations`);
    await db.query(`DROP TABLE obligations`);
    await db.query(`ALTER TABLE incidents DROP COLUMN classified_at`);
    await db.query(`ALTER TABLE organisations DROP COLUMN escalation_ladder`);
    await db.query(`ALTER TABLE organisations DROP COLUMN subject_notice_hours`);
  }
}
