import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode, IsIanaTimeZone, IsOmittable } from '../../../shared/http/validators.js';
import { PageQuery } from '../../../shared/http/pagination.js';
import { CONTACT_KINDS, ORGANISATION_ROLES, type ContactKind, type OrganisationRole } from '../domain/organisation-rules.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Trimmed, line breaks made uniform; blank means "none" (null). */
const textOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() || null : value);

export class ContactDto {
  @ApiProperty({ enum: CONTACT_KINDS, description: 'A designated DPO (GDPR Art. 37) or another contact point (Art. 33(3)(b))' })
  @IsIn(CONTACT_KINDS)
  kind: ContactKind;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+358 50 3040034' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: '$property must be a telephone number' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export class EstablishmentDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'EEA country of the main establishment (GDPR Art. 4(16)); null when not established in the EEA', example: 'FI' })
  @IsOptional()
  @IsCountryCode()
  mainEstablishmentCountry?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Other EEA establishments' })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsCountryCode({ each: true })
  otherEstablishmentCountries?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Country of the Art. 27 representative (only without an EEA establishment)' })
  @IsOptional()
  @IsCountryCode()
  representativeCountry?: string | null;
}

export class CreateOrganisationDto {
  @ApiProperty({ maxLength: 300, example: 'Netox Oy' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  legalName: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'FI' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ description: 'IANA time zone', example: 'Europe/Helsinki' })
  @IsIanaTimeZone()
  timeZone: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    example: '1234567-8',
    description: "Business or company registration number in the registry of the organisation's country (a Finnish Y-tunnus, a Belgian enterprise number...); one line, trimmed; blank or null: none. Shown in the notices' identity sections",
  })
  @IsOptional()
  @Transform(textOrNull)
  @IsString()
  @MaxLength(100)
  // Counted in code points, as PostgreSQL's length() in the column's check (MaxLength skips variation selectors).
  @Matches(/^[^\p{Cc}]{1,100}$/u, { message: '$property must be a single line of at most 100 characters' })
  registrationNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'Tekniikantie 14\n02150 Espoo\nFinland',
    description:
      "The organisation's own postal (registered) address, one line per address line; blank or null: none. Not the DPO's or contact point's address (contact.address), which the notices give as the place where more information can be obtained (GDPR Art. 33(3)(b))",
  })
  @IsOptional()
  @Transform(textOrNull)
  @IsString()
  @MaxLength(500)
  @Matches(/^[\s\S]{1,500}$/u, { message: '$property must be at most 500 characters' })
  postalAddress?: string | null;

  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ORGANISATION_ROLES, { each: true })
  roles: OrganisationRole[];

  @ApiProperty({ type: ContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiPropertyOptional({ type: EstablishmentDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => EstablishmentDto)
  establishment?: EstablishmentDto;

  @ApiPropertyOptional({ default: false, description: 'Essential or important entity under NIS2' })
  @IsOmittable()
  @IsBoolean()
  nis2Entity?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Trust service provider (NIS2 Art. 23(4): 24 h notification)' })
  @IsOmittable()
  @IsBoolean()
  trustServiceProvider?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Financial entity under DORA' })
  @IsOmittable()
  @IsBoolean()
  doraFinancialEntity?: boolean;

  @ApiPropertyOptional({ default: 24, minimum: 1, maximum: 720, description: 'Contractual window (hours) for notifying controllers when acting as processor' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(720)
  controllerNoticeWindowHours?: number;

  @ApiPropertyOptional({ default: 72, minimum: 1, maximum: 720, description: 'GDPR Art. 34 target: hours from awareness to tell data subjects of a high risk' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(720)
  subjectNoticeHours?: number;

  @ApiPropertyOptional({ default: false, description: 'Notify the authority whenever the assessment is borderline' })
  @IsOmittable()
  @IsBoolean()
  notifyWhenInDoubt?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'What the organisation promises about breach notices' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  breachNoticeCommitment?: string | null;
}

/**
 * Every field optional; null is not "leave unchanged" but a value, checked like any other
 * (so `legalName: null` is a 400, while the nullable contact fields may still be cleared).
 */
export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto, { skipNullProperties: false }) {}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text contained in the legal name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ContactView {
  @ApiProperty({ enum: CONTACT_KINDS }) kind: ContactKind;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
}

export class EstablishmentView {
  @ApiProperty({ type: String, nullable: true }) mainEstablishmentCountry: string | null;
  @ApiProperty({ type: [String] }) otherEstablishmentCountries: string[];
  @ApiProperty({ type: String, nullable: true }) representativeCountry: string | null;
  @ApiProperty({ description: 'Derived: has a main establishment in the EEA' }) establishedInEea: boolean;
}

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() legalName: string;
  @ApiProperty() country: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: String, nullable: true, description: 'Business or company registration number' }) registrationNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The organisation's postal (registered) address, multi-line" }) postalAddress: string | null;
  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true }) roles: OrganisationRole[];
  @ApiProperty({ type: ContactView }) contact: ContactView;
  @ApiProperty({ type: EstablishmentView }) establishment: EstablishmentView;
  @ApiProperty() nis2Entity: boolean;
  @ApiProperty() trustServiceProvider: boolean;
  @ApiProperty() doraFinancialEntity: boolean;
  @ApiProperty() controllerNoticeWindowHours: number;
  @ApiProperty() subjectNoticeHours: number;
  @ApiProperty() notifyWhenInDoubt: boolean;
  @ApiProperty({ type: String, nullable: true }) breachNoticeCommitment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class OrganisationPage {
  @ApiProperty({ type: [OrganisationView] }) items: OrganisationView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class LadderDto {
  @ApiProperty({ type: [Number], example: [48, 24, 12, 6, 1], description: 'Rungs in hours before the deadline (positive, distinct, whole minutes, up to 30 days)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  rungsBeforeHours: number[];

  @ApiProperty({ description: 'A rung at the deadline itself' })
  @IsBoolean()
  atDeadline: boolean;

  @ApiProperty({ example: 12, description: 'Hours between overdue reminders (at least 1)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  overdueEveryHours: number;
}

export class LadderView extends LadderDto {
  @ApiProperty({ description: 'True when the organisation uses the default ladder' }) isDefault: boolean;
}
