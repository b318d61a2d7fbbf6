import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a user, a membership or a token (but the minute-by-minute last_used_at)
 * announces the user id on the channel breach_clock_auth, at commit: each service process
 * drops that user's cached principals (src/modules/auth/principal-cache.ts).
 */
export class AuthCacheInvalidation1764000100000 implements MigrationInterface {
  name = 'AuthCacheInvalidation1764000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION breach_clock_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('breach_clock_auth', COALESCE(NEW.id, OLD.id)::text);
          RETURN NULL;
        END IF;
        -- Nested, not AND: plpgsql resolves NEW.revoked_at even where the test would be false.
        IF TG_TABLE_NAME = 'api_tokens' AND TG_OP = 'UPDATE' THEN
          IF NEW.revoked_at IS NOT DISTINCT FROM OLD.revoked_at AND NEW.expires_at IS NOT DISTINCT FROM OLD.expires_at
             AND NEW.token_hash = OLD.token_hash AND NEW.user_id = OLD.user_id THEN
            RETURN NULL; -- only last_used_at moved
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('breach_clock_auth', OLD.user_id::text);
        ELSE
          PERFORM pg_notify('breach_clock_auth', NEW.user_id::text);
          IF TG_OP = 'UPDATE' THEN
            IF NEW.user_id <> OLD.user_id THEN PERFORM pg_notify('breach_clock_auth', OLD.user_id::text); END IF;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['users', 'user_organisations', 'api_tokens']) {
      await db.query(`CREATE TRIGGER ${table}_auth_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION breach_clock_auth_changed()`);
    }
    // TRUNCATE fires no row trigger: announce "everyone" (an empty payload).
    await db.query(`
      CREATE FUNCTION breach_clock_auth_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('breach_clock_auth', ''); RETURN NULL; END $$`);
    for (const table of ['users', 'user_organisations', 'api_tokens']) {
      await db.query(`CREATE TRIGGER ${table}_auth_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION breach_clock_auth_truncated()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['users', 'user_organisations', 'api_tokens']) {
      await db.query(`DROP TRIGGER ${table}_auth_truncated ON ${table}`);
      await db.query(`DROP TRIGGER ${table}_auth_changed ON ${table}`);
    }
    await db.query(`DROP FUNCTION breach_clock_auth_truncated()`);
    await db.query(`DROP FUNCTION breach_clock_auth_changed()`);
  }
}
