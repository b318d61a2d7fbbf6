import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts the notices were missing: the organisation's registration number and postal address
 * (its identity in the authority notification and the controller notice), whether the breach
 * is contained, and which controllers a processor's breach affects (GDPR Art. 33(2)).
 */
export class NoticeIdentityAndContainment1764000200000 implements MigrationInterface {
  name = 'NoticeIdentityAndContainment1764000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE organisations ADD COLUMN registration_number text CONSTRAINT organisations_registration_number_check CHECK (length(registration_number) BETWEEN 1 AND 100)`,
    );
    await db.query(`ALTER TABLE organisations ADD COLUMN postal_address text CONSTRAINT organisations_postal_address_check CHECK (length(postal_address) BETWEEN 1 AND 500)`);

    await db.query(`ALTER TABLE incidents ADD COLUMN contained_at timestamptz`);
    await db.query(`ALTER TABLE incidents ADD CONSTRAINT incidents_contained_after_detected CHECK (contained_at IS NULL OR contained_at >= detected_at)`);
    await db.query(`ALTER TABLE incidents ADD COLUMN controllers jsonb NOT NULL DEFAULT '[]' CONSTRAINT incidents_controllers_check CHECK (jsonb_typeof(controllers) = 'array')`);
    // GDPR Art. 33(2): only a processor has controllers to notify.
    await db.query(`ALTER TABLE incidents ADD CONSTRAINT incidents_controllers_processor_only CHECK (role = 'processor' OR controllers = '[]'::jsonb)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE incidents DROP CONSTRAINT incidents_controllers_processor_only`);
    await db.query(`ALTER TABLE incidents DROP COLUMN controllers`);
    await db.query(`ALTER TABLE incidents DROP CONSTRAINT incidents_contained_after_detected`);
    await db.query(`ALTER TABLE incidents DROP COLUMN contained_at`);
    await db.query(`ALTER TABLE organisations DROP COLUMN postal_address`);
    await db.query(`ALTER TABLE organisations DROP COLUMN registration_number`);
  }
}
