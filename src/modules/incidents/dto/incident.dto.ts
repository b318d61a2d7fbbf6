import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../shared/http/pagination.js';
import { IsCountryCode, IsInstant } from '../../../shared/http/validators.js';
import { ORGANISATION_ROLES, type OrganisationRole } from '../../organisations/domain/organisation-rules.js';
import { MAX_CONTROLLERS } from '../domain/incident-controllers.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../domain/incident-status.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const AWARE_HELP =
  'The moment of reasonable certainty that a security incident compromised personal data (EDPB Guidelines 9/2022); the GDPR Art. 33(1) 72-hour clock runs from it. Leave unset while investigating.';

const CLASSIFIED_HELP = 'DORA: when the incident was classified as a major ICT-related incident (the initial notification is due within 4 h of it)';

const CONTAINED_HELP =
  'When the breach was contained (stopped): not before detectedAt, not in the future. null or absent: still ongoing. The authority notification, the controller notice and the data-subject notice say "contained at ..." or "ongoing".';

const CONTROLLERS_HELP = `Processor incidents only: the controller(s) whose data the breach affects, the addressees of the controller notice (GDPR Art. 33(2), Art. 28(3)(f)); at most ${MAX_CONTROLLERS}. Refused with 422 INCIDENT.CONTROLLERS_NOT_APPLICABLE on a controller incident. A final controller notice needs at least one. null or [] clears the list.`;

/** Text or null: trimmed, blank means none. */
const textOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** A controller the processor notifies (GDPR Art. 33(2)). */
export class ControllerDto {
  @ApiProperty({ maxLength: 300, example: 'Kauppa Oy', description: 'Legal name of the controller' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email', maxLength: 254, description: 'Where the controller receives the notice' })
  @IsOptional()
  @Transform(textOrNull)
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'DPA-2024-117', description: 'The contract, data processing agreement or customer number' })
  @IsOptional()
  @Transform(textOrNull)
  @IsString()
  @MaxLength(100)
  @Matches(/^[^\p{Cc}]+$/u, { message: '$property must be a single line of text' })
  reference?: string | null;
}

/** What notices say beyond the assessment (GDPR Art. 33(3)); null or absent: to be provided later (Art. 33(4)). */
export class NoticeFactsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'Approximate number of personal data records concerned (GDPR Art. 33(3)(a)); null: to be provided later' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  recordsApprox?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'Categories of data subjects (customers, employees, pupils...)', example: ['customers'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  subjectCategories?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000, description: 'Likely consequences (Art. 33(3)(c))' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  likelyConsequences?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000, description: 'Measures taken to address the breach and mitigate its effects (Art. 33(3)(d))' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  measuresTaken?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000, description: 'Measures proposed (Art. 33(3)(d))' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  measuresProposed?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: CONTAINED_HELP })
  @IsOptional()
  @IsInstant()
  containedAt?: string | null;

  @ApiPropertyOptional({ type: [ControllerDto], nullable: true, maxItems: MAX_CONTROLLERS, description: CONTROLLERS_HELP })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTROLLERS)
  @IsObject({ each: true, message: 'each of $property must be an object { name, contactEmail?, reference? }' })
  @ValidateNested({ each: true })
  @Type(() => ControllerDto)
  controllers?: ControllerDto[] | null;
}

export class CreateIncidentDto extends NoticeFactsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organisationId: string;

  @ApiProperty({ maxLength: 300, example: 'Customer export e-mailed to the wrong recipient' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_ROLES, description: 'Role in which the organisation is hit; defaults to controller when it holds that role' })
  @IsOptional()
  @IsIn(ORGANISATION_ROLES)
  role?: OrganisationRole;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the breach happened, if known' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string | null;

  @ApiProperty({ format: 'date-time', description: 'First signal of the incident' })
  @IsInstant()
  detectedAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: AWARE_HELP })
  @IsOptional()
  @IsInstant()
  awareAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: CLASSIFIED_HELP })
  @IsOptional()
  @IsInstant()
  classifiedAt?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 countries where affected people live (GB triggers UK GDPR)' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  affectedCountries?: string[];
}

export class UpdateIncidentDto extends NoticeFactsDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_ROLES })
  @IsOptional()
  @IsIn(ORGANISATION_ROLES)
  role?: OrganisationRole;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsInstant()
  occurredAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  // detectedAt cannot be cleared: null is refused, undefined leaves it unchanged.
  @ValidateIf((_o, value) => value !== undefined)
  @IsInstant()
  detectedAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: AWARE_HELP })
  @IsOptional()
  @IsInstant()
  awareAt?: string | null;

  @ApiPropertyOptional({ minLength: 10, maxLength: 2000, description: 'Required to move awareAt while a deadline counted from it is open' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  awareAtChangeReason?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: CLASSIFIED_HELP })
  @IsOptional()
  @IsInstant()
  classifiedAt?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  affectedCountries?: string[];
}

export class ChangeStatusDto {
  @ApiProperty({ enum: INCIDENT_STATUSES })
  @IsIn(INCIDENT_STATUSES)
  status: IncidentStatus;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Why; required (10+ characters) for not_a_breach' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({ description: 'One status or several, comma-separated', example: 'investigating,confirmed' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(INCIDENT_STATUSES, { each: true })
  status?: IncidentStatus[];

  @ApiPropertyOptional({ description: 'Text in the reference, title or description', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ControllerView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Contract or customer number' }) reference: string | null;
}

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'BR-2026-0001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) occurredAt: string | null;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) awareAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) classifiedAt: string | null;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: IncidentStatus;
  @ApiProperty({ enum: INCIDENT_STATUSES, isArray: true }) allowedTransitions: IncidentStatus[];
  @ApiProperty({ type: [String] }) affectedCountries: string[];
  @ApiProperty({ type: Number, nullable: true }) recordsApprox: number | null;
  @ApiProperty({ type: [String] }) subjectCategories: string[];
  @ApiProperty({ type: String, nullable: true }) likelyConsequences: string | null;
  @ApiProperty({ type: String, nullable: true }) measuresTaken: string | null;
  @ApiProperty({ type: String, nullable: true }) measuresProposed: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the breach was contained; null: ongoing' }) containedAt: string | null;
  @ApiProperty({ type: [ControllerView], description: 'Processor incidents: the controllers to notify (GDPR Art. 33(2))' }) controllers: ControllerView[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class IncidentPage {
  @ApiProperty({ type: [IncidentView] }) items: IncidentView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class TimelineEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty({ example: 'updated' }) action: string;
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'Changed fields: { field: { from, to } }', type: 'object', additionalProperties: true })
  changes: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineEntryView] }) items: TimelineEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
