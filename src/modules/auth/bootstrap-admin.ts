import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { type ActingContext, audited } from '../audit/audit-trail.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { UserEntity } from './user.entity.js';
import type { UsersService } from './users.service.js';

export const INITIAL_PASSWORD_FILE = 'initial-admin-password.txt';
const DEFAULT_ADMIN_EMAIL = 'admin@breach-clock.local';
const BOOTSTRAP: ActingContext = { actor: 'system:bootstrap', requestId: null, userId: null };

export type BootstrapOutcome =
  | { readonly kind: 'existing' }
  | { readonly kind: 'created'; readonly email: string; readonly passwordFile?: string };

/**
 * The first admin, when no user exists yet: with BOOTSTRAP_ADMIN_TOKEN as its API token and/or
 * BOOTSTRAP_ADMIN_EMAIL + BOOTSTRAP_ADMIN_PASSWORD; with neither, a one-time password (to be
 * changed at first sign-in) written to a file in DATA_DIR that only its owner can read.
 * The admin joins every organisation that exists (the demo seed runs first). Instances
 * starting together take an advisory lock, so exactly one admin is created.
 */
export async function bootstrapAdmin(db: DataSource, users: UsersService, config: AppConfig): Promise<BootstrapOutcome> {
  return audited(db, async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('breach-clock:bootstrap-admin'))`);
    if ((await manager.count(UserEntity)) > 0) return { kind: 'existing' } as const;
    const organisations = await manager.find(OrganisationEntity, { select: { id: true } });
    const generated = config.bootstrapAdminToken === undefined && config.bootstrapAdminPassword === undefined;
    const password = config.bootstrapAdminPassword ?? (generated ? randomBytes(18).toString('base64url') : undefined);
    const email = config.bootstrapAdminEmail ?? DEFAULT_ADMIN_EMAIL;
    const [user] = await users.insertUser(
      manager,
      { email, displayName: 'Administrator', role: 'admin', organisationIds: organisations.map((o) => o.id), password, passwordChangeRequired: generated },
      BOOTSTRAP,
    );
    if (config.bootstrapAdminToken !== undefined) await users.insertToken(manager, user.id, 'BOOTSTRAP_ADMIN_TOKEN', null, config.bootstrapAdminToken);
    if (!generated) return { kind: 'created', email } as const;
    const passwordFile = writeOwnerOnly(config.dataDir, `e-mail: ${email}\npassword: ${password}\n\nSign in at /login; you will be asked to choose a new password. Delete this file afterwards.\n`);
    return { kind: 'created', email, passwordFile } as const;
  });
}

function writeOwnerOnly(dataDir: string, content: string): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
  fs.rmSync(file, { force: true });
  // 'wx' with mode 0600: created for its owner alone, never through an existing file or link.
  fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
  return file;
}
