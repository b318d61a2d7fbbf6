import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, incidents with gap-free references, and the incident timeline. */
export class InitialSchema1763913600000 implements MigrationInterface {
  name = 'InitialSchema1763913600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 300),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        time_zone text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['controller','processor']),
        contact_kind text NOT NULL CHECK (contact_kind IN ('dpo','contact_point')),
        contact_name text,
        contact_email text,
        contact_phone text,
        contact_address text,
        main_establishment_country char(2),
        other_establishment_countries text[] NOT NULL DEFAULT '{}',
        representative_country char(2),
        nis2_entity boolean NOT NULL DEFAULT false,
        trust_service_provider boolean NOT NULL DEFAULT false,
        dora_financial_entity boolean NOT NULL DEFAULT false,
        controller_notice_window_hours integer NOT NULL DEFAULT 24 CHECK (controller_notice_window_hours BETWEEN 1 AND 720),
        notify_when_in_doubt boolean NOT NULL DEFAULT false,
        breach_notice_commitment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL
      )`);
    await db.query(`CREATE INDEX organisations_legal_name_idx ON organisations (lower(legal_name))`);

    await db.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        reference text NOT NULL CHECK (reference ~ '^BR-[0-9]{4}-[0-9]{4,}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text NOT NULL DEFAULT '',
        role text NOT NULL CHECK (role IN ('controller','processor')),
        occurred_at timestamptz,
        detected_at timestamptz NOT NULL,
        aware_at timestamptz,
        status text NOT NULL DEFAULT 'investigating'
          CHECK (status IN ('investigating','confirmed','notified','closed','not_a_breach')),
        affected_countries text[] NOT NULL DEFAULT '{}',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL,
        CONSTRAINT incidents_detected_after_occurred CHECK (occurred_at IS NULL OR occurred_at <= detected_at),
        CONSTRAINT incidents_aware_after_detected CHECK (aware_at IS NULL OR aware_at >= detected_at),
        CONSTRAINT incidents_confirmed_has_awareness CHECK (status IN ('investigating','not_a_breach') OR aware_at IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX incidents_organisation_reference_uq ON incidents (organisation_id, reference)`);
    await db.query(`CREATE INDEX incidents_organisation_created_idx ON incidents (organisation_id, created_at DESC, id)`);
    await db.query(`CREATE INDEX incidents_status_created_idx ON incidents (status, created_at DESC, id)`);
    await db.query(`CREATE INDEX incidents_created_idx ON incidents (created_at DESC, id)`);

    await db.query(`
      CREATE TABLE incident_reference_counters (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
        last_sequence integer NOT NULL CHECK (last_sequence >= 1),
        PRIMARY KEY (organisation_id, year)
      )`);

    await db.query(`
      CREATE TABLE incident_timeline (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        summary text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        request_id text
      )`);
    await db.query(`CREATE INDEX incident_timeline_incident_at_idx ON incident_timeline (incident_id, at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE incident_timeline`);
    await db.query(`DROP TABLE incident_reference_counters`);
    await db.query(`DROP TABLE incidents`);
    await db.query(`DROP TABLE organisations`);
  }
}
