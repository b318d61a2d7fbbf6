import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  AVAILABILITY_LOSSES,
  BREACH_TYPES,
  DATA_CATEGORIES,
  DPC_SCORES,
  EXFILTRATION_STATES,
  EXPOSURES,
  IDENTIFIABILITY_LEVELS,
  INTEGRITY_LOSSES,
  PROTECTION_LEVELS,
  ROLES,
  type AvailabilityLoss,
  type BreachType,
  type DataCategory,
  type DpcScore,
  type Exfiltration,
  type Exposure,
  type Identifiability,
  type IntegrityLoss,
  type Protection,
  type Role,
} from '../domain/index.js';
import { MIN_JUSTIFICATION_LENGTH, OVERRIDE_EXEMPTIONS, type OverrideExemption } from '../domain/override.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DpcOverrideDto {
  @ApiProperty({ enum: DPC_SCORES, description: 'ENISA DPC score after the contextual adjustment' })
  @IsIn(DPC_SCORES)
  score: DpcScore;

  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'ENISA requires the contextual factors to be explained' })
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason: string;
}

/** The assessment contract's request (DESIGN.md § Assessment contract); unknown fields are 400. */
export class BreachFactsDto {
  @ApiPropertyOptional({ enum: ROLES, default: 'controller' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiProperty({ enum: BREACH_TYPES, isArray: true, description: 'Non-empty; a breach may be of several types (EDPB 01/2021 para. 5)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(BREACH_TYPES, { each: true })
  breachTypes: BreachType[];

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true, description: 'Non-empty' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  dataCategories: DataCategory[];

  @ApiPropertyOptional({ type: DpcOverrideDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DpcOverrideDto)
  dpcOverride?: DpcOverrideDto;

  @ApiProperty({ minimum: 0, description: 'Approximate number of people affected (Art. 33(3)(a) allows approximations)' })
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  subjectsCount: number;

  @ApiProperty({ description: 'Children, patients, others in need of protection' })
  @IsBoolean()
  vulnerableSubjects: boolean;

  @ApiProperty({ enum: IDENTIFIABILITY_LEVELS, description: 'ENISA ease of identification' })
  @IsIn(IDENTIFIABILITY_LEVELS)
  identifiability: Identifiability;

  @ApiProperty({ enum: EXPOSURES })
  @IsIn(EXPOSURES)
  exposure: Exposure;

  @ApiProperty({ enum: INTEGRITY_LOSSES })
  @IsIn(INTEGRITY_LOSSES)
  integrityLoss: IntegrityLoss;

  @ApiProperty({ enum: AVAILABILITY_LOSSES })
  @IsIn(AVAILABILITY_LOSSES)
  availabilityLoss: AvailabilityLoss;

  @ApiPropertyOptional({ minimum: 0, description: 'How long the data was unavailable, in hours' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  unavailableHours?: number;

  @ApiProperty()
  @IsBoolean()
  backupAvailable: boolean;

  @ApiProperty()
  @IsBoolean()
  malicious: boolean;

  @ApiProperty({ enum: EXFILTRATION_STATES })
  @IsIn(EXFILTRATION_STATES)
  exfiltration: Exfiltration;

  @ApiProperty({ enum: PROTECTION_LEVELS, description: 'state_of_the_art: encryption or hashing whose key or salt was not compromised' })
  @IsIn(PROTECTION_LEVELS)
  protection: Protection;

  @ApiProperty()
  @IsBoolean()
  recipientDeletionConfirmed: boolean;

  @ApiProperty({ description: 'Art. 34(3)(b): subsequent measures ensure the high risk is no longer likely to materialise' })
  @IsBoolean()
  highRiskMitigated: boolean;

  @ApiProperty({ description: 'Art. 34(3)(c): individual communication would involve disproportionate effort' })
  @IsBoolean()
  disproportionateEffort: boolean;
}

export class EvaluateAssessmentDto extends BreachFactsDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Apply this organisation's notify-when-in-doubt policy" })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}

export class OverrideAssessmentDto {
  @ApiProperty({ enum: ['unlikely', 'risk', 'high'] })
  @IsIn(['unlikely', 'risk', 'high'])
  riskLevel: 'unlikely' | 'risk' | 'high';

  @ApiProperty()
  @IsBoolean()
  notifyAuthority: boolean;

  @ApiProperty({ enum: ['required', 'not_required', 'public_communication'] })
  @IsIn(['required', 'not_required', 'public_communication'])
  communicateSubjects: 'required' | 'not_required' | 'public_communication';

  @ApiPropertyOptional({ description: 'Defaults to the engine’s answer; cannot be false when the organisation acts as processor (Art. 33(2))' })
  @IsOptional()
  @IsBoolean()
  notifyController?: boolean;

  @ApiPropertyOptional({ enum: OVERRIDE_EXEMPTIONS, nullable: true, description: 'The Art. 34(3) ground for leaving a high risk uncommunicated' })
  @IsOptional()
  @IsIn(OVERRIDE_EXEMPTIONS)
  exemption?: OverrideExemption | null;

  @ApiProperty({ minLength: MIN_JUSTIFICATION_LENGTH, maxLength: 5000, description: 'Why the engine’s outcome is replaced (accountability, Art. 5(2), Recital 85)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MinLength(MIN_JUSTIFICATION_LENGTH)
  @MaxLength(5000)
  justification: string;
}
