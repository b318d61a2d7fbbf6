import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import type { RegisterReport } from './domain/register.types.js';
import { RegisterQuery, RegisterView } from './dto/register.dto.js';
import { RegisterService } from './register.service.js';

@ApiTags('register')
@Controller('api/register')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Get()
  @Requires('read')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({
    type: RegisterView,
    description: 'The GDPR Art. 33(5) register of your organisations: JSON (default), CSV (`format=csv`, one record per incident) or PDF (`format=pdf`)',
  })
  @ApiBadRequestResponse({ description: 'REQUEST.VALIDATION_FAILED (bad or unknown query parameters), REGISTER.INVALID_PERIOD (from after to)' })
  @ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND: an organisation that does not exist or is not yours' })
  @ApiUnprocessableEntityResponse({ description: 'REGISTER.TOO_LARGE_FOR_PDF: more than 500 incidents for a PDF (narrow the period, or use CSV)' })
  @ApiServiceUnavailableResponse({ description: 'DOCUMENT.RENDERER_UNAVAILABLE (PDF only)' })
  async get(@Query() query: RegisterQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<RegisterReport | string | Buffer> {
    const format = query.format ?? 'json';
    if (format === 'json') return this.register.report(query, principal);
    const file = format === 'csv' ? await this.register.csv(query, principal) : await this.register.pdfFile(query, principal);
    void reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.body;
  }
}
