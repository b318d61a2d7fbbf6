import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../../shared/http/validators.js';
import { ROLES, type Role } from '../domain/permissions.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'dpo@example.fi' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 200, example: 'Data Protection Officer' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ type: [String], description: 'Organisations the user works for (at least one): a subset of yours' })
  @IsArray()
  @ArrayMinSize(1, { message: 'organisationIds must name at least one organisation' })
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'organisationIds must contain UUIDs' })
  organisationIds: string[];

  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, description: 'For the web pages; token-only accounts have none. Never returned.' })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: [String], description: 'At least one: a user with none could never be seen or managed again' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'organisationIds must name at least one organisation' })
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'organisationIds must contain UUIDs' })
  organisationIds?: string[];

  @ApiPropertyOptional({ description: 'true disables the account: its tokens and sessions stop working' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class CreateTokenDto {
  @ApiProperty({ maxLength: 100, example: 'SIEM integration' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'ISO 8601 instant after which the token stops working' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [String] }) organisationIds: string[];
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'Whether the user can sign in to the pages with a password' }) hasPassword: boolean;
  @ApiProperty() passwordChangeRequired: boolean;
  @ApiProperty() createdAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
}

export class TokenView {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the token, to tell tokens apart' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Recorded to the minute' }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedTokenView extends TokenView {
  @ApiProperty({ description: 'The token itself: shown this once, never stored' }) token: string;
}

export class SessionView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'Send as X-CSRF-Token (or a form field _csrf) with every state-changing request' }) csrfToken: string;
  @ApiProperty() expiresAt: string;
}

export class CurrentSessionView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ enum: ['token', 'session'] }) via: 'token' | 'session';
  @ApiProperty({ nullable: true, type: String, description: 'For a session: the CSRF token to send back' }) csrfToken: string | null;
}
