import { Acting, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../shared/http/params.js';
import { ChannelsService } from './channels.service.js';
import { ChannelList, ChannelView, CreateChannelDto } from './dto/channel.dto.js';

@ApiTags('alerts')
@ApiBadRequestResponse({ description: 'Unknown channel type, a URL that is not http(s), missing secret or recipients' })
@ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND or CHANNEL.NOT_FOUND' })
@Controller('api/organisations/:id/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @Requires('channels:manage')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ChannelView })
  create(@Param('id', UuidParam) id: string, @Body() dto: CreateChannelDto, @Acting() acting: ActingContext): Promise<ChannelView> {
    return this.channels.create(id, dto, acting);
  }

  @Get()
  @Requires('read')
  @ApiOkResponse({ type: ChannelList })
  list(@Param('id', UuidParam) id: string): Promise<ChannelList> {
    return this.channels.list(id);
  }

  @Delete(':cid')
  @Requires('channels:manage')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; alerts already sent keep their record' })
  async remove(@Param('id', UuidParam) id: string, @Param('cid', UuidParam) cid: string, @Acting() acting: ActingContext): Promise<void> {
    await this.channels.remove(id, cid, acting);
  }
}
