import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [DocumentsModule], controllers: [HealthController] })
export class HealthModule {}
