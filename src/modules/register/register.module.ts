import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { RegisterController } from './register.controller.js';
import { RegisterPdf } from './register-pdf.js';
import { RegisterService } from './register.service.js';

/** GDPR Art. 33(5): the register of every personal data breach (GET /api/register). */
@Module({
  imports: [DocumentsModule],
  controllers: [RegisterController],
  providers: [RegisterService, RegisterPdf],
  exports: [RegisterService],
})
export class RegisterModule {}
