import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { type DataSource, In } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { PageQuery } from '../../shared/http/pagination.js';
import { UuidParam } from '../../shared/http/params.js';
import { DeliveryView, toDeliveryView } from './dto/delivery.dto.js';
import { DELIVERY_STATES, DeliveryEntity, type DeliveryState } from './delivery.entity.js';
import { DeliveryService } from './delivery.service.js';

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'dead: the dead-letter queue' })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  state?: DeliveryState;
}

class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty() total: number;
}

@ApiTags('alerts')
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly deliveries: DeliveryService,
  ) {}

  @Get()
  @Requires('read')
  @ApiOkResponse({ type: DeliveryPage, description: 'Alert deliveries, newest first; ?state=dead lists the dead letters' })
  async list(@Query() query: DeliveryQuery, @CurrentPrincipal() principal: Principal): Promise<DeliveryPage> {
    const organisationId = In([...principal.organisationIds]);
    const [rows, total] = await this.db.manager.findAndCount(DeliveryEntity, {
      where: query.state ? { state: query.state, organisationId } : { organisationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });
    return { items: rows.map(toDeliveryView), total };
  }

  @Post(':did/retry')
  @Requires('channels:manage')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryView })
  @ApiNotFoundResponse({ description: 'DELIVERY.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ description: 'DELIVERY.NOT_DEAD' })
  async retry(@Param('did', UuidParam) id: string, @Acting() acting: ActingContext): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.retry(id, this.clock.now(), acting));
  }
}
