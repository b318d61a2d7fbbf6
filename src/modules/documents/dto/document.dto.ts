import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, PHASES, type DocumentKind, type DocumentLanguage, type Phase } from '../domain/document.types.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @ApiProperty({ enum: DOCUMENT_LANGUAGES, description: 'authority_notification and controller_notice: en; data_subject_notice: en, fi, sv, fr, nl, de, lt' })
  @IsIn(DOCUMENT_LANGUAGES)
  language: DocumentLanguage;

  @ApiProperty({ enum: PHASES, description: 'GDPR Art. 33(4): initial, supplementary or final' })
  @IsIn(PHASES)
  phase: Phase;

  @ApiPropertyOptional({ description: 'Produce the notice although the assessment says it is not required (with reason)' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ minLength: 20, maxLength: 2000, description: 'Why the notice is produced although not required (with force)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(20)
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Reasons for the delay when the notice is late (GDPR Art. 33(1))' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  delayReasons?: string;
}

/** The values `inline` accepts; anything else is a 400. */
export const INLINE_VALUES = ['1', 'true', '0', 'false'] as const;

export class PdfQuery {
  @ApiPropertyOptional({
    enum: INLINE_VALUES,
    default: '0',
    description: '1 or true: Content-Disposition inline, for a preview in the browser; 0, false or absent: attachment (a download)',
  })
  @IsOptional()
  @IsIn(INLINE_VALUES, { message: '$property must be one of 1, true, 0, false' })
  inline?: (typeof INLINE_VALUES)[number];
}

export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: DocumentKind;
  @ApiProperty({ enum: DOCUMENT_LANGUAGES }) language: DocumentLanguage;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() version: number;
  @ApiProperty({ example: 'BR-2026-0001-authority_notification-en-v1.pdf' }) fileName: string;
  @ApiProperty({ description: 'SHA-256 of the PDF, hex' }) sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() templateVersion: string;
  @ApiProperty({ type: String, nullable: true }) assessmentId: string | null;
  @ApiProperty({ type: String, nullable: true }) rulesVersion: string | null;
  @ApiProperty({ type: String, nullable: true }) forcedReason: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'The PDF as GET /api/documents/:id/pdf' }) pdfUrl: string;
}

export class DocumentWithPayload extends DocumentView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The view model the PDF was rendered from: machine-readable, for an authority portal or another tool' })
  payload: Record<string, unknown>;
}

export class DocumentList {
  @ApiProperty({ type: [DocumentView] }) items: DocumentView[];
}
