import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DomainError } from '../../shared/domain/domain-error.js';
import { PageQuery } from '../../shared/http/pagination.js';
import { can } from '../auth/domain/permissions.js';
import { CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import { AuditService, type VerifyReport } from './audit.service.js';

class ChainReportView {
  @ApiProperty() chain: string;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() checked: number;
  @ApiProperty() ok: boolean;
  @ApiProperty({ nullable: true, type: String }) firstBrokenId: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['hash_mismatch', 'broken_link', 'sequence_gap', 'head_mismatch'] }) problem: string | null;
  @ApiProperty({ description: 'Hash of the last entry: keep it elsewhere to detect a rewrite of the whole chain' }) headHash: string;
  @ApiProperty() headSeq: string;
}

class VerifyView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Entries checked' }) checked: number;
  @ApiProperty({ nullable: true, type: String, description: 'Id of the first entry that does not verify' }) firstBrokenId: string | null;
  @ApiProperty({ type: [ChainReportView] }) chains: ChainReportView[];
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}

class AuditEntryView {
  @ApiProperty() id: string;
  @ApiProperty() chain: string;
  @ApiProperty() seq: string;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() at: string;
  @ApiProperty() actor: string;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: Object }) changes: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() hash: string;
}

class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty() total: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Requires('audit:verify')
  @ApiOkResponse({ type: VerifyView, description: 'Recomputes the hash chain of each of your organisations (and, for admins, the system chain)' })
  verify(@CurrentPrincipal() principal: Principal): Promise<VerifyReport> {
    return this.audit.verify(principal, can(principal.role, 'users:manage'));
  }

  @Get()
  @Requires('audit:verify')
  @ApiOkResponse({ type: AuditPage, description: 'Audit entries of your organisations, newest first' })
  async list(@Query() query: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<AuditPage> {
    if (query.organisationId && !principal.organisationIds.includes(query.organisationId)) {
      throw DomainError.notFound('ORGANISATION.NOT_FOUND', `Organisation ${query.organisationId} does not exist`);
    }
    const { items, total } = await this.audit.list(query.organisationId ? [query.organisationId] : principal.organisationIds, query.limit, query.offset);
    return {
      items: items.map((e) => ({ id: e.id, chain: e.chain, seq: e.seq, organisationId: e.organisationId, at: e.at.toISOString(), actor: e.actor, action: e.action, entityType: e.entityType, entityId: e.entityId, summary: e.summary, changes: e.changes, requestId: e.requestId, hash: e.hash })),
      total,
    };
  }
}
