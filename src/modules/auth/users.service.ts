import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { toInstant } from '../../shared/http/validators.js';
import { type ActingContext, audited, recordAudit } from '../audit/audit-trail.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { PRINCIPAL_CACHE } from './auth.tokens.js';
import { ApiTokenEntity, SessionEntity } from './credential.entity.js';
import type { PrincipalCache } from './principal-cache.js';
import { can, type Role } from './domain/permissions.js';
import { newSecret, normaliseEmail, secretHash, secretPrefix } from './domain/secrets.js';
import type { ChangePasswordDto, CreatedTokenView, CreateTokenDto, CreateUserDto, TokenView, UpdateUserDto, UserView } from './dto/user.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { UserEntity, UserOrganisationEntity } from './user.entity.js';

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisationIds: readonly string[];
  readonly password?: string;
  readonly passwordChangeRequired?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PRINCIPAL_CACHE) private readonly cache: PrincipalCache,
  ) {}

  async create(dto: CreateUserDto, principal: Principal, acting: ActingContext): Promise<UserView> {
    assertWithinScope(principal, dto.organisationIds);
    return audited(this.db, async (manager) => toUserView(...(await this.insertUser(manager, dto, acting))));
  }

  /** Inserts a user and memberships, audited in each organisation it joins (system when none). */
  async insertUser(manager: EntityManager, input: NewUser, acting: ActingContext): Promise<[UserEntity, string[]]> {
    const email = normaliseEmail(input.email);
    if (await manager.exists(UserEntity, { where: { email } })) {
      throw new DomainError('USER.EMAIL_TAKEN', `A user with the e-mail address ${email} already exists`, 'conflict', { field: 'email' });
    }
    const organisationIds = [...input.organisationIds].sort();
    const known = await manager.count(OrganisationEntity, { where: { id: In(organisationIds) } });
    if (known !== organisationIds.length) throw DomainError.notFound('ORGANISATION.NOT_FOUND', 'An organisation in organisationIds does not exist');
    const user = await manager.save(
      manager.create(UserEntity, {
        email,
        displayName: input.displayName,
        role: input.role,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        passwordChangeRequired: input.passwordChangeRequired ?? false,
        createdBy: acting.actor,
      }),
    );
    if (organisationIds.length > 0) await manager.insert(UserOrganisationEntity, organisationIds.map((organisationId) => ({ userId: user.id, organisationId })));
    const change = { email: { from: null, to: email }, role: { from: null, to: input.role }, organisationIds: { from: null, to: organisationIds } };
    for (const organisationId of organisationIds.length > 0 ? organisationIds : [null]) {
      recordAudit(manager, acting, { organisationId, at: this.clock.now(), action: 'user.created', entityType: 'user', entityId: user.id, summary: `User ${email} created as ${input.role}`, changes: change });
    }
    return [user, organisationIds];
  }

  /** Users who share an organisation with the caller, and the caller. */
  async list(principal: Principal): Promise<{ items: UserView[]; total: number }> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT DISTINCT u.id, u.email FROM users u LEFT JOIN user_organisations m ON m.user_id = u.id
        WHERE u.id = $1 OR m.organisation_id = ANY($2::uuid[]) ORDER BY u.email`,
      [principal.userId, principal.organisationIds],
    );
    const items = await Promise.all(rows.map((r) => this.view(r.id, principal)));
    return { items, total: items.length };
  }

  /** A user as `viewer` may see them: only the organisations the two share (all, for oneself). */
  async view(id: string, viewer: Pick<Principal, 'userId' | 'organisationIds'>): Promise<UserView> {
    const user = await this.db.manager.findOne(UserEntity, { where: { id } });
    if (!user) throw DomainError.notFound('USER.NOT_FOUND', `User ${id} does not exist`);
    return toUserView(user, visibleTo(viewer, id, await this.organisationsOf(this.db.manager, id)));
  }

  async update(id: string, dto: UpdateUserDto, principal: Principal, acting: ActingContext): Promise<UserView> {
    const view = await audited(this.db, async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('USER.NOT_FOUND', `User ${id} does not exist`);
      const before = await this.organisationsOf(manager, id);
      assertManageable(principal, before);
      const after = dto.organisationIds ? [...dto.organisationIds].sort() : before;
      assertWithinScope(principal, after);
      if (id === principal.userId && ((dto.role && dto.role !== user.role) || dto.disabled === true)) {
        throw new DomainError('USER.SELF_LOCKOUT', 'You cannot change your own role or disable yourself; ask another admin', 'unprocessable');
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (dto.displayName !== undefined && dto.displayName !== user.displayName) changes.displayName = { from: user.displayName, to: dto.displayName };
      if (dto.role !== undefined && dto.role !== user.role) changes.role = { from: user.role, to: dto.role };
      if (dto.disabled !== undefined && dto.disabled !== (user.disabledAt !== null)) changes.disabled = { from: user.disabledAt !== null, to: dto.disabled };
      if (after.join() !== before.join()) changes.organisationIds = { from: before, to: after };
      if (Object.keys(changes).length === 0) return toUserView(user, visibleTo(principal, id, before));

      user.displayName = dto.displayName ?? user.displayName;
      user.role = dto.role ?? user.role;
      if (dto.disabled !== undefined) user.disabledAt = dto.disabled ? (user.disabledAt ?? this.clock.now()) : null;
      await manager.save(user);
      if (changes.organisationIds) {
        await manager.delete(UserOrganisationEntity, { userId: id });
        if (after.length > 0) await manager.insert(UserOrganisationEntity, after.map((organisationId) => ({ userId: id, organisationId })));
      }
      if (dto.disabled) await manager.update(SessionEntity, { userId: id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      for (const organisationId of chainsFor(before, after)) {
        recordAudit(manager, acting, { organisationId, at: this.clock.now(), action: 'user.updated', entityType: 'user', entityId: id, summary: `User ${user.email} changed`, changes });
      }
      return toUserView(user, visibleTo(principal, id, after));
    });
    // Not only at the database's NOTIFY: this process answers with the change already in force.
    this.cache.invalidateUser(id);
    return view;
  }

  async changePassword(principal: Principal, dto: ChangePasswordDto, acting: ActingContext): Promise<void> {
    const user = await this.db.manager.findOneOrFail(UserEntity, { where: { id: principal.userId } });
    if (!user.passwordHash || !(await verifyPassword(dto.currentPassword, user.passwordHash))) {
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'The current password is wrong', 'unprocessable', { field: 'currentPassword' });
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new DomainError('USER.PASSWORD_UNCHANGED', 'The new password must differ from the current one', 'unprocessable', { field: 'newPassword' });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await audited(this.db, async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash, passwordChangeRequired: false });
      // Every other session of this user ends: a changed password must lock out whoever had the old one.
      const current = principal.via === 'session' ? principal.credentialId : null;
      await manager.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`, [user.id, this.clock.now(), current]);
      recordAudit(manager, acting, { organisationId: null, at: this.clock.now(), action: 'user.password_changed', entityType: 'user', entityId: user.id, summary: `${user.email} changed their password` });
    });
  }

  async issueToken(userId: string, dto: CreateTokenDto, principal: Principal, acting: ActingContext): Promise<CreatedTokenView> {
    return audited(this.db, async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId } });
      if (!user) throw DomainError.notFound('USER.NOT_FOUND', `User ${userId} does not exist`);
      const organisations = await this.organisationsOf(manager, userId);
      if (userId !== principal.userId) assertManageable(principal, organisations);
      const expiresAt = toInstant(dto.expiresAt ?? null);
      if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) {
        throw new DomainError('TOKEN.EXPIRY_IN_PAST', 'expiresAt must be in the future', 'unprocessable', { field: 'expiresAt' });
      }
      const { secret, token } = await this.insertToken(manager, userId, dto.name, expiresAt);
      for (const organisationId of organisations.length > 0 ? organisations : [null]) {
        recordAudit(manager, acting, { organisationId, at: this.clock.now(), action: 'token.created', entityType: 'token', entityId: token.id, summary: `Token "${token.name}" (${token.prefix}…) issued to ${user.email}` });
      }
      return { ...toTokenView(token), token: secret };
    });
  }

  async insertToken(manager: EntityManager, userId: string, name: string, expiresAt: Date | null, secret = newSecret('bct')): Promise<{ secret: string; token: ApiTokenEntity }> {
    const token = await manager.save(manager.create(ApiTokenEntity, { userId, name, tokenHash: secretHash(secret), prefix: secretPrefix(secret), expiresAt }));
    return { secret, token };
  }

  async listTokens(userId: string, principal: Principal): Promise<TokenView[]> {
    if (userId !== principal.userId) assertManageable(principal, await this.organisationsOf(this.db.manager, userId));
    const tokens = await this.db.manager.find(ApiTokenEntity, { where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return tokens.map(toTokenView);
  }

  async revokeToken(tokenId: string, principal: Principal, acting: ActingContext): Promise<void> {
    const owner = await audited(this.db, async (manager) => {
      const token = await manager.findOne(ApiTokenEntity, { where: { id: tokenId }, lock: { mode: 'pessimistic_write' } });
      if (!token) throw DomainError.notFound('TOKEN.NOT_FOUND', `Token ${tokenId} does not exist`);
      const organisations = await this.organisationsOf(manager, token.userId);
      if (token.userId !== principal.userId) assertManageable(principal, organisations);
      if (token.revokedAt) return token.userId;
      await manager.update(ApiTokenEntity, { id: tokenId }, { revokedAt: this.clock.now() });
      for (const organisationId of organisations.length > 0 ? organisations : [null]) {
        recordAudit(manager, acting, { organisationId, at: this.clock.now(), action: 'token.revoked', entityType: 'token', entityId: tokenId, summary: `Token "${token.name}" (${token.prefix}…) revoked`, changes: { revoked: { from: false, to: true } } });
      }
      return token.userId;
    });
    this.cache.invalidateUser(owner);
  }

  async organisationsOf(manager: EntityManager, userId: string): Promise<string[]> {
    const rows = await manager.find(UserOrganisationEntity, { where: { userId }, order: { organisationId: 'ASC' } });
    return rows.map((r) => r.organisationId);
  }
}

/** An admin may grant only organisations they belong to (others answer 404, as if absent). */
function assertWithinScope(principal: Principal, organisationIds: readonly string[]): void {
  const outside = organisationIds.find((id) => !principal.organisationIds.includes(id));
  if (outside) throw DomainError.notFound('ORGANISATION.NOT_FOUND', `Organisation ${outside} does not exist`);
}

/**
 * Managing another user (role, tokens) needs users:manage over every organisation the user
 * belongs to: an admin of one organisation cannot change what a shared user does in another.
 */
function assertManageable(principal: Principal, userOrganisations: readonly string[]): void {
  if (!can(principal.role, 'users:manage')) {
    throw new DomainError('AUTH.FORBIDDEN', `Your role (${principal.role}) lacks the permission "users:manage"`, 'forbidden', { permission: 'users:manage' });
  }
  if (userOrganisations.some((id) => !principal.organisationIds.includes(id))) {
    throw new DomainError('USER.OUTSIDE_SCOPE', 'This user also works for organisations you do not administer', 'forbidden');
  }
}

/** Another user's other organisations are none of the viewer's business (nor their ids). */
function visibleTo(viewer: Pick<Principal, 'userId' | 'organisationIds'>, userId: string, organisationIds: string[]): string[] {
  return userId === viewer.userId ? organisationIds : organisationIds.filter((id) => viewer.organisationIds.includes(id));
}

function chainsFor(before: readonly string[], after: readonly string[]): Array<string | null> {
  const all = [...new Set([...before, ...after])].sort();
  return all.length > 0 ? all : [null];
}

export function toUserView(user: UserEntity, organisationIds: string[]): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organisationIds,
    disabled: user.disabledAt !== null,
    hasPassword: user.passwordHash !== null,
    passwordChangeRequired: user.passwordChangeRequired,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toTokenView(token: ApiTokenEntity): TokenView {
  return {
    id: token.id,
    userId: token.userId,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
