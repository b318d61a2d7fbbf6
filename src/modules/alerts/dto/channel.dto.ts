import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsNotEmpty, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '../domain/alert.types.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true };

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES, { message: `type must be one of ${CHANNEL_TYPES.join(', ')}` })
  type: ChannelType;

  @ApiProperty({ maxLength: 100, example: 'Security on-call' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'webhook and slack: the http(s) URL to POST to', example: 'https://hooks.example.com/breach' })
  @ValidateIf((o: CreateChannelDto) => o.type === 'webhook' || o.type === 'slack')
  @IsUrl(HTTP_URL, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ minLength: 16, description: 'webhook: shared secret for X-Breach-Signature (HMAC-SHA256); never returned' })
  @ValidateIf((o: CreateChannelDto) => o.type === 'webhook')
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  secret?: string;

  @ApiPropertyOptional({ type: [String], description: 'email: recipients' })
  @ValidateIf((o: CreateChannelDto) => o.type === 'email')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEmail({}, { each: true, message: 'to must contain e-mail addresses' })
  to?: string[];
}

export class ChannelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type: ChannelType;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty({ description: 'A signing secret is stored (it is never returned)' }) hasSecret: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ChannelList {
  @ApiProperty({ type: [ChannelView] }) items: ChannelView[];
}
