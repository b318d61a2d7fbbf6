import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { type ActingContext, audited, recordAudit } from '../audit/audit-trail.js';
import { diffFields } from '../audit/domain/diff.js';
import { ChannelEntity } from './channel.entity.js';
import type { ChannelConfig } from './domain/alert.types.js';
import type { ChannelList, ChannelView, CreateChannelDto } from './dto/channel.dto.js';

@Injectable()
export class ChannelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async assertOrganisation(id: string): Promise<void> {
    if (!(await this.db.manager.exists(OrganisationEntity, { where: { id } }))) {
      throw DomainError.notFound('ORGANISATION.NOT_FOUND', `Organisation ${id} does not exist`);
    }
  }

  async create(organisationId: string, dto: CreateChannelDto, acting: ActingContext): Promise<ChannelView> {
    await this.assertOrganisation(organisationId);
    return audited(this.db, async (manager) => {
      const channel = await manager.save(
        manager.create(ChannelEntity, {
        organisationId,
        type: dto.type,
        name: dto.name,
        url: dto.type === 'email' ? null : (dto.url ?? null),
        emailTo: dto.type === 'email' ? (dto.to ?? []) : [],
        secret: dto.type === 'webhook' ? (dto.secret ?? null) : null,
        }),
      );
      // The view, not the row: the secret never enters the audit trail.
      const view = toChannelView(channel);
      recordAudit(manager, acting, {
        organisationId,
        at: this.clock.now(),
        action: 'channel.created',
        entityType: 'channel',
        entityId: channel.id,
        summary: `Alert channel "${channel.name}" (${channel.type}) added`,
        changes: diffFields({}, { ...view }, ['id', 'organisationId', 'createdAt']),
      });
      return view;
    });
  }

  async list(organisationId: string): Promise<ChannelList> {
    await this.assertOrganisation(organisationId);
    const rows = await this.db.manager.find(ChannelEntity, { where: { organisationId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return { items: rows.map(toChannelView) };
  }

  /** Soft delete: past deliveries keep their channel; no new alert goes to it. */
  async remove(organisationId: string, channelId: string, acting: ActingContext): Promise<void> {
    await this.assertOrganisation(organisationId);
    await audited(this.db, async (manager) => {
      const result = await manager.update(ChannelEntity, { id: channelId, organisationId, deletedAt: IsNull() }, { deletedAt: this.clock.now() });
      if (!result.affected) throw DomainError.notFound('CHANNEL.NOT_FOUND', `Channel ${channelId} does not exist for organisation ${organisationId}`);
      recordAudit(manager, acting, { organisationId, at: this.clock.now(), action: 'channel.deleted', entityType: 'channel', entityId: channelId, summary: 'Alert channel removed', changes: { deleted: { from: false, to: true } } });
    });
  }
}

export function channelConfig(channel: ChannelEntity): ChannelConfig {
  switch (channel.type) {
    case 'webhook':
      return { type: 'webhook', url: channel.url ?? '', secret: channel.secret ?? '' };
    case 'slack':
      return { type: 'slack', url: channel.url ?? '' };
    case 'email':
      return { type: 'email', to: channel.emailTo };
  }
}

function toChannelView(c: ChannelEntity): ChannelView {
  return {
    id: c.id,
    organisationId: c.organisationId,
    type: c.type,
    name: c.name,
    url: c.url,
    to: c.emailTo,
    hasSecret: c.secret !== null,
    createdAt: c.createdAt.toISOString(),
  };
}
