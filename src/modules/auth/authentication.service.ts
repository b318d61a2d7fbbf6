import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../database/prepared.js';
import { PRINCIPAL_CACHE } from './auth.tokens.js';
import type { PrincipalCache } from './principal-cache.js';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { audited, recordAudit } from '../audit/audit-trail.js';
import { LoginFailureEntity, SessionEntity } from './credential.entity.js';
import { SESSION_LIFETIME_MS } from './credentials.js';
import type { Role } from './domain/permissions.js';
import { newSecret, normaliseEmail, secretHash, SESSION_SHAPE, TOKEN_SHAPE } from './domain/secrets.js';
import { decoyHash, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { UserEntity } from './user.entity.js';

/** Sessions end after 2 hours without a request (and after SESSION_LIFETIME_MS in any case). */
export const SESSION_IDLE_MS = 2 * 3600_000;

/** Failed logins counted over 15 minutes: 5 per account, 20 per address, then 429. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_ADDRESS = 20;

/** last_used_at is written at most once a minute per token: a write per request costs too much. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface CredentialRow {
  credential_id: string;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_change_required: boolean;
  organisation_ids: string[];
  last_used_at: Date | null;
}

const PRINCIPAL_COLUMNS = `u.id AS user_id, u.email, u.display_name, u.role, u.password_change_required,
  ARRAY(SELECT m.organisation_id::text FROM user_organisations m WHERE m.user_id = u.id ORDER BY m.organisation_id) AS organisation_ids`;

export interface NewSession {
  readonly secret: string;
  readonly session: SessionEntity;
  readonly user: UserEntity;
}

@Injectable()
export class AuthenticationService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PRINCIPAL_CACHE) private readonly cache: PrincipalCache,
  ) {}

  /** The principal of a bearer token, or null when the token is unknown, revoked, expired or its user disabled. */
  async byToken(token: string): Promise<Principal | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const now = this.clock.now();
    const hash = secretHash(token);
    const cached = this.cache.get(hash, now.getTime());
    if (cached) {
      if (now.getTime() - cached.lastUsedWrittenAt >= LAST_USED_RESOLUTION_MS) {
        cached.lastUsedWrittenAt = now.getTime();
        await this.db.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [cached.principal.credentialId, now]);
      }
      return cached.principal;
    }
    const stamp = this.cache.stamp;
    const rows = await preparedQuery<CredentialRow & { expires_at: Date | null }>(
      this.db,
      'breach_clock_auth_token',
      `SELECT t.id AS credential_id, t.last_used_at, t.expires_at, ${PRINCIPAL_COLUMNS}
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled_at IS NULL`,
      [hash, now],
    );
    const row = rows[0];
    if (!row) return null;
    let lastUsedAt = row.last_used_at;
    if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.db.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [row.credential_id, now]);
      lastUsedAt = now;
    }
    const principal = toPrincipal(row, 'token');
    this.cache.set(hash, principal, row.expires_at, lastUsedAt, now.getTime(), stamp);
    return principal;
  }

  /** The principal of a session cookie; a session in use is kept alive (idle timeout). */
  async bySession(secret: string): Promise<(Principal & { csrfToken: string }) | null> {
    if (!SESSION_SHAPE.test(secret)) return null;
    const now = this.clock.now();
    const rows = await preparedQuery<CredentialRow & { csrf_token: string }>(
      this.db,
      'breach_clock_auth_session',
      `UPDATE sessions s SET last_seen_at = $2
         FROM users u
        WHERE s.token_hash = $1 AND u.id = s.user_id AND s.revoked_at IS NULL AND s.expires_at > $2
          AND s.last_seen_at > $3 AND u.disabled_at IS NULL
       RETURNING s.id AS credential_id, s.csrf_token, s.last_seen_at AS last_used_at, ${PRINCIPAL_COLUMNS}`,
      [secretHash(secret), now, new Date(now.getTime() - SESSION_IDLE_MS)],
    );
    const row = rows[0];
    return row ? { ...toPrincipal(row, 'session'), csrfToken: row.csrf_token } : null;
  }

  /**
   * Password login. Unknown account and wrong password give the same 401 after the same work;
   * too many failures for the account or from the address give 429 until the window passes.
   */
  async login(emailInput: string, password: string, address: string, requestId: string | null): Promise<NewSession> {
    const account = normaliseEmail(emailInput);
    const now = this.clock.now();
    await this.refuseWhenThrottled(account, address, now, requestId);

    const user = await this.db.manager.findOne(UserEntity, { where: { email: account } });
    const usable = user && user.disabledAt === null && user.passwordHash !== null;
    const valid = await verifyPassword(password, usable ? (user.passwordHash as string) : await decoyHash());
    if (!usable || !valid) {
      await this.db.manager.insert(LoginFailureEntity, { account, address, at: now });
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'The e-mail address or the password is wrong', 'unauthenticated');
    }

    const secret = newSecret('bcs');
    const session = await audited(this.db, async (manager) => {
      const created = await manager.save(
        manager.create(SessionEntity, {
          userId: user.id,
          tokenHash: secretHash(secret),
          csrfToken: newSecret('bcs').slice(4),
          address,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
        }),
      );
      recordAudit(manager, { actor: user.email, userId: user.id, requestId }, {
        organisationId: null,
        at: now,
        action: 'auth.login',
        entityType: 'session',
        entityId: created.id,
        summary: `${user.email} signed in from ${address}`,
      });
      return created;
    });
    return { secret, session, user };
  }

  async logout(principal: Principal, requestId: string | null): Promise<void> {
    if (principal.via !== 'session') return;
    const now = this.clock.now();
    await audited(this.db, async (manager) => {
      await manager.update(SessionEntity, { id: principal.credentialId }, { revokedAt: now });
      recordAudit(manager, { actor: principal.email, userId: principal.userId, requestId }, {
        organisationId: null,
        at: now,
        action: 'auth.logout',
        entityType: 'session',
        entityId: principal.credentialId,
        summary: `${principal.email} signed out`,
      });
    });
  }

  private async refuseWhenThrottled(account: string, address: string, now: Date, requestId: string | null): Promise<void> {
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const [counts] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE account = $1)::int AS account, count(*) FILTER (WHERE address = $2)::int AS address,
              min(at) FILTER (WHERE account = $1) AS account_oldest, min(at) FILTER (WHERE address = $2) AS address_oldest
         FROM login_failures WHERE (account = $1 OR address = $2) AND at > $3`,
      [account, address, since],
    )) as Array<{ account: number; address: number; account_oldest: Date | null; address_oldest: Date | null }>;
    const byAccount = counts.account >= LOGIN_LIMIT_PER_ACCOUNT;
    const byAddress = counts.address >= LOGIN_LIMIT_PER_ADDRESS;
    if (!byAccount && !byAddress) return;
    const oldest = (byAccount ? counts.account_oldest : counts.address_oldest) as Date;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
    const what = byAccount ? `account ${account}` : `address ${address}`;
    this.logger.warn(`Login locked for ${what} after repeated failures [request ${requestId ?? '-'}]; retry in ${retryAfterSeconds} s`);
    await audited(this.db, async (manager) => {
      recordAudit(manager, { actor: 'system:auth', userId: null, requestId }, {
        organisationId: null,
        at: now,
        action: 'auth.locked_out',
        entityType: byAccount ? 'account' : 'address',
        entityId: byAccount ? account : address,
        summary: `Login refused for ${what}: too many failed attempts in 15 minutes`,
      });
    });
    throw new DomainError('AUTH.TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${retryAfterSeconds} seconds`, 'rate_limited', { retryAfterSeconds });
  }
}

function toPrincipal(row: CredentialRow, via: Principal['via']): Principal {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    via,
    credentialId: row.credential_id,
    passwordChangeRequired: row.password_change_required,
    organisationIds: row.organisation_ids,
  };
}
