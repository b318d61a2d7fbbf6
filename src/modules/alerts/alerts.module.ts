import { Module } from '@nestjs/common';
import { ChannelsController } from './channels.controller.js';
import { ChannelsService } from './channels.service.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveryService } from './delivery.service.js';

@Module({
  controllers: [ChannelsController, DeliveriesController],
  providers: [ChannelsService, DeliveryService],
  exports: [DeliveryService, ChannelsService],
})
export class AlertsModule {}
