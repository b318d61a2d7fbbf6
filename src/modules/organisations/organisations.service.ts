import { audited, recordAudit } from '../audit/audit-trail.js';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { diffFields } from '../audit/domain/diff.js';
import type { Principal, Scope } from '../auth/principal.js';
import { UserOrganisationEntity } from '../auth/user.entity.js';
import { PRINCIPAL_CACHE } from '../auth/auth.tokens.js';
import type { PrincipalCache } from '../auth/principal-cache.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { escapeLike } from '../../database/escape-like.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import type { Page } from '../../shared/http/pagination.js';
import { IncidentEntity } from '../incidents/incident.entity.js';
import type { ActingContext } from '../incidents/timeline.js';
import { type Ladder, ladderViolations } from '../obligations/domain/ladder.js';
import { ladderOf } from '../obligations/escalation-planner.js';
import { ObligationsService } from '../obligations/obligations.service.js';
import { assertOrganisationRules, DEFAULT_CONTROLLER_NOTICE_WINDOW_HOURS } from './domain/organisation-rules.js';
import type { CreateOrganisationDto, LadderDto, LadderView, ListOrganisationsQuery, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto.js';
import { OrganisationEntity } from './organisation.entity.js';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PRINCIPAL_CACHE) private readonly cache: PrincipalCache,
    private readonly obligations: ObligationsService,
  ) {}

  /** The creator joins the new organisation (otherwise nobody could see it); the demo seed has none. */
  async create(dto: CreateOrganisationDto, creator: Pick<Principal, 'userId' | 'email'> | null, acting: ActingContext): Promise<OrganisationView> {
    const organisation = this.db.manager.create(OrganisationEntity, {
      legalName: dto.legalName,
      country: dto.country,
      timeZone: dto.timeZone,
      registrationNumber: dto.registrationNumber ?? null,
      postalAddress: dto.postalAddress ?? null,
      roles: dto.roles,
      contactKind: dto.contact.kind,
      contactName: dto.contact.name ?? null,
      contactEmail: dto.contact.email ?? null,
      contactPhone: dto.contact.phone ?? null,
      contactAddress: dto.contact.address ?? null,
      mainEstablishmentCountry: dto.establishment?.mainEstablishmentCountry ?? null,
      otherEstablishmentCountries: dto.establishment?.otherEstablishmentCountries ?? [],
      representativeCountry: dto.establishment?.representativeCountry ?? null,
      nis2Entity: dto.nis2Entity ?? false,
      trustServiceProvider: dto.trustServiceProvider ?? false,
      doraFinancialEntity: dto.doraFinancialEntity ?? false,
      controllerNoticeWindowHours: dto.controllerNoticeWindowHours ?? DEFAULT_CONTROLLER_NOTICE_WINDOW_HOURS,
      subjectNoticeHours: dto.subjectNoticeHours ?? 72,
      notifyWhenInDoubt: dto.notifyWhenInDoubt ?? false,
      breachNoticeCommitment: dto.breachNoticeCommitment ?? null,
    });
    assertOrganisationRules(organisation);
    const view = await audited(this.db, async (manager) => {
      const saved = await manager.save(organisation);
      if (creator) await manager.insert(UserOrganisationEntity, { userId: creator.userId, organisationId: saved.id });
      const created = toOrganisationView(saved);
      recordAudit(manager, acting, {
        organisationId: saved.id,
        at: this.clock.now(),
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: saved.id,
        summary: creator ? `Organisation ${saved.legalName} created; ${creator.email} joined it` : `Organisation ${saved.legalName} created`,
        changes: diffFields({}, { ...created }, ['id', 'createdAt', 'updatedAt']),
      });
      return created;
    });
    // The creator's next request already sees the new organisation.
    if (creator) this.cache.invalidateUser(creator.userId);
    return view;
  }

  async get(id: string): Promise<OrganisationView> {
    return toOrganisationView(await this.load(this.db.manager, id));
  }

  async load(manager: EntityManager, id: string, lock = false): Promise<OrganisationEntity> {
    const organisation = await manager.findOne(OrganisationEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!organisation) throw DomainError.notFound('ORGANISATION.NOT_FOUND', `Organisation ${id} does not exist`);
    return organisation;
  }

  async list(query: ListOrganisationsQuery, scope: Scope): Promise<Page<OrganisationView>> {
    const qb = this.db.manager.createQueryBuilder(OrganisationEntity, 'o').where('o.id = ANY(:scope::uuid[])', { scope: scope.organisationIds });
    if (query.q) qb.andWhere('o.legal_name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    const [rows, total] = await qb.orderBy('o.legal_name', 'ASC').addOrderBy('o.id', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
    return { items: rows.map(toOrganisationView), total, limit: query.limit, offset: query.offset };
  }

  async update(id: string, dto: UpdateOrganisationDto, acting: ActingContext): Promise<OrganisationView> {
    return audited(this.db, async (manager) => {
      const organisation = await this.load(manager, id, true);
      const before = deadlineFacts(organisation);
      const viewBefore = toOrganisationView(organisation);
      if (dto.legalName !== undefined) organisation.legalName = dto.legalName;
      if (dto.country !== undefined) organisation.country = dto.country;
      if (dto.timeZone !== undefined) organisation.timeZone = dto.timeZone;
      if (dto.registrationNumber !== undefined) organisation.registrationNumber = dto.registrationNumber;
      if (dto.postalAddress !== undefined) organisation.postalAddress = dto.postalAddress;
      if (dto.roles !== undefined) {
        await this.assertRolesNotInUse(manager, organisation, dto.roles);
        organisation.roles = dto.roles;
      }
      if (dto.contact !== undefined) {
        organisation.contactKind = dto.contact.kind;
        organisation.contactName = dto.contact.name ?? null;
        organisation.contactEmail = dto.contact.email ?? null;
        organisation.contactPhone = dto.contact.phone ?? null;
        organisation.contactAddress = dto.contact.address ?? null;
      }
      if (dto.establishment !== undefined) {
        organisation.mainEstablishmentCountry = dto.establishment.mainEstablishmentCountry ?? null;
        organisation.otherEstablishmentCountries = dto.establishment.otherEstablishmentCountries ?? [];
        organisation.representativeCountry = dto.establishment.representativeCountry ?? null;
      }
      if (dto.nis2Entity !== undefined) organisation.nis2Entity = dto.nis2Entity;
      if (dto.trustServiceProvider !== undefined) organisation.trustServiceProvider = dto.trustServiceProvider;
      if (dto.doraFinancialEntity !== undefined) organisation.doraFinancialEntity = dto.doraFinancialEntity;
      if (dto.controllerNoticeWindowHours !== undefined) organisation.controllerNoticeWindowHours = dto.controllerNoticeWindowHours;
      if (dto.subjectNoticeHours !== undefined) organisation.subjectNoticeHours = dto.subjectNoticeHours;
      if (dto.notifyWhenInDoubt !== undefined) organisation.notifyWhenInDoubt = dto.notifyWhenInDoubt;
      if (dto.breachNoticeCommitment !== undefined) organisation.breachNoticeCommitment = dto.breachNoticeCommitment;
      assertOrganisationRules(organisation);
      const saved = await manager.save(organisation);
      // Flags, windows and the time zone (calendar months) move deadlines of open incidents.
      const view = toOrganisationView(saved);
      const changes = diffFields({ ...viewBefore }, { ...view }, ['updatedAt']);
      if (Object.keys(changes).length > 0) {
        recordAudit(manager, acting, { organisationId: id, at: this.clock.now(), action: 'organisation.updated', entityType: 'organisation', entityId: id, summary: `Changed ${Object.keys(changes).join(', ')}`, changes });
      }
      if (before !== deadlineFacts(saved)) await this.recomputeOpenIncidents(manager, id, acting);
      return view;
    });
  }

  async ladder(id: string): Promise<LadderView> {
    const organisation = await this.load(this.db.manager, id);
    const ladder = ladderOf(organisation);
    return { ...ladder, rungsBeforeHours: [...ladder.rungsBeforeHours], isDefault: organisation.escalationLadder === null };
  }

  async setLadder(id: string, dto: LadderDto, acting: ActingContext): Promise<LadderView> {
    const ladder: Ladder = { rungsBeforeHours: dto.rungsBeforeHours, atDeadline: dto.atDeadline, overdueEveryHours: dto.overdueEveryHours };
    const violations = ladderViolations(ladder);
    if (violations.length > 0) {
      throw new DomainError('ORGANISATION.INVALID_LADDER', violations.map((v) => v.message).join('; '), 'invalid', {
        violations,
        fields: [...new Set(violations.map((v) => v.field))],
      });
    }
    return audited(this.db, async (manager) => {
      const organisation = await this.load(manager, id, true);
      recordAudit(manager, acting, {
        organisationId: id,
        at: this.clock.now(),
        action: 'organisation.ladder_replaced',
        entityType: 'organisation',
        entityId: id,
        summary: 'Escalation ladder replaced',
        changes: { escalationLadder: { from: organisation.escalationLadder, to: ladder } },
      });
      organisation.escalationLadder = ladder;
      await manager.save(organisation);
      await this.recomputeOpenIncidents(manager, id, acting, true);
      return { ...ladder, rungsBeforeHours: [...ladder.rungsBeforeHours], isDefault: false };
    });
  }

  private async recomputeOpenIncidents(manager: EntityManager, organisationId: string, acting: ActingContext, replanRungs = false): Promise<void> {
    const open = await manager.find(IncidentEntity, { where: { organisationId, status: In(['investigating', 'confirmed', 'notified']) }, select: { id: true } });
    for (const incident of open) await this.obligations.recompute(manager, incident.id, acting, { replanRungs });
  }

  /** A role cannot be dropped while incidents are recorded in it: their duties depend on it. */
  private async assertRolesNotInUse(manager: EntityManager, organisation: OrganisationEntity, roles: readonly string[]): Promise<void> {
    const dropped = organisation.roles.filter((role) => !roles.includes(role));
    for (const role of dropped) {
      const used = await manager.exists(IncidentEntity, { where: { organisationId: organisation.id, role } });
      if (used) {
        throw new DomainError('ORGANISATION.ROLE_IN_USE', `Incidents are recorded with the role ${role}; it cannot be removed`, 'unprocessable', {
          field: 'roles',
          role,
        });
      }
    }
  }
}

export function toOrganisationView(o: OrganisationEntity): OrganisationView {
  return {
    id: o.id,
    legalName: o.legalName,
    country: o.country,
    timeZone: o.timeZone,
    registrationNumber: o.registrationNumber,
    postalAddress: o.postalAddress,
    roles: o.roles,
    contact: { kind: o.contactKind, name: o.contactName, email: o.contactEmail, phone: o.contactPhone, address: o.contactAddress },
    establishment: {
      mainEstablishmentCountry: o.mainEstablishmentCountry,
      otherEstablishmentCountries: o.otherEstablishmentCountries,
      representativeCountry: o.representativeCountry,
      establishedInEea: o.mainEstablishmentCountry !== null,
    },
    nis2Entity: o.nis2Entity,
    trustServiceProvider: o.trustServiceProvider,
    doraFinancialEntity: o.doraFinancialEntity,
    controllerNoticeWindowHours: o.controllerNoticeWindowHours,
    subjectNoticeHours: o.subjectNoticeHours,
    notifyWhenInDoubt: o.notifyWhenInDoubt,
    breachNoticeCommitment: o.breachNoticeCommitment,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    version: o.version,
  };
}

/** The organisation facts deadlines depend on (see ObligationsService.recompute). */
function deadlineFacts(o: OrganisationEntity): string {
  return JSON.stringify([o.timeZone, o.nis2Entity, o.trustServiceProvider, o.doraFinancialEntity, o.controllerNoticeWindowHours, o.subjectNoticeHours]);
}
