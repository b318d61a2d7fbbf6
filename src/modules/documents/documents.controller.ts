import { Acting, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '../../shared/http/params.js';
import { DocumentsService } from './documents.service.js';
import { CreateDocumentDto, DocumentList, DocumentWithPayload, PdfQuery } from './dto/document.dto.js';

@ApiTags('documents')
@Controller('api')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('incidents/:id/documents')
  @Requires('documents:generate')
  @HttpCode(201)
  @ApiCreatedResponse({ type: DocumentWithPayload, description: 'A new immutable version: PDF stored with its SHA-256, and the JSON payload' })
  @ApiBadRequestResponse({ description: 'Unknown kind or language, or a language the kind is not written in' })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({
    description:
      'DOCUMENT.NOT_REQUIRED (unless force with a reason), DOCUMENT.INCOMPLETE_FINAL (a final notice missing an Art. 33(3) element, or a final controller notice naming no controller; `details.missing`), DOCUMENT.DELAY_REASONS_REQUIRED, DOCUMENT.WRONG_ROLE, DOCUMENT.NOT_AWARE',
  })
  @ApiConflictResponse({ description: 'DOCUMENT.FACTS_CHANGED: the facts changed while each of 3 prints was made; nothing was stored' })
  @ApiServiceUnavailableResponse({ description: 'DOCUMENT.RENDERER_UNAVAILABLE' })
  generate(@Param('id', UuidParam) id: string, @Body() dto: CreateDocumentDto, @Acting() acting: ActingContext): Promise<DocumentWithPayload> {
    return this.documents.generate(id, dto, acting);
  }

  @Get('incidents/:id/documents')
  @Requires('read')
  @ApiOkResponse({ type: DocumentList })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  list(@Param('id', UuidParam) id: string): Promise<DocumentList> {
    return this.documents.list(id);
  }

  @Get('documents/:id')
  @Requires('read')
  @ApiOkResponse({ type: DocumentWithPayload })
  @ApiNotFoundResponse({ description: 'DOCUMENT.NOT_FOUND' })
  get(@Param('id', UuidParam) id: string): Promise<DocumentWithPayload> {
    return this.documents.get(id);
  }

  @Get('documents/:id/pdf')
  @Requires('read')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF, as application/pdf; Content-Disposition attachment, or inline with ?inline=1 (a preview in the browser)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiBadRequestResponse({ description: 'inline other than 1, true, 0 or false, or an unknown query parameter' })
  @ApiNotFoundResponse({ description: 'DOCUMENT.NOT_FOUND' })
  async pdf(@Param('id', UuidParam) id: string, @Query() query: PdfQuery, @Acting() acting: ActingContext, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.documents.download(id, acting);
    const disposition = query.inline === '1' || query.inline === 'true' ? 'inline' : 'attachment';
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `${disposition}; filename="${file.fileName}"`)
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'no-store')
      .send(file.pdf);
  }
}
