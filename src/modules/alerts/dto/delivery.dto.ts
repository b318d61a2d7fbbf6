import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATES, type DeliveryEntity, type DeliveryState } from '../delivery.entity.js';

export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'The idempotency key sent as X-Breach-Delivery' }) id: string;
  @ApiProperty({ format: 'uuid' }) escalationId: string;
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state: DeliveryState;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
}

export function toDeliveryView(d: DeliveryEntity): DeliveryView {
  return {
    id: d.id,
    escalationId: d.escalationId,
    channelId: d.channelId,
    incidentId: d.incidentId,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}
