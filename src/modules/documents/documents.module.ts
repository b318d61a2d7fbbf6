import { Module } from '@nestjs/common';
import { DocumentRenderer } from './document-renderer.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentRenderer],
  exports: [DocumentRenderer, DocumentsService],
})
export class DocumentsModule {}
