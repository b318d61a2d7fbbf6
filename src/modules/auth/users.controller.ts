import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { UuidParam } from '../../shared/http/params.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { ChangePasswordDto, CreatedTokenView, CreateTokenDto, CreateUserDto, TokenView, UpdateUserDto, UserPage, UserView } from './dto/user.dto.js';
import { Acting, AllowedBeforePasswordChange, CurrentPrincipal, type Principal, Requires } from './principal.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @Requires('users:manage')
  @HttpCode(201)
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'USER.EMAIL_TAKEN' })
  @ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND: an organisation you do not belong to' })
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<UserView> {
    return this.users.create(dto, principal, acting);
  }

  @Get('users')
  @Requires('users:manage')
  @ApiOkResponse({ type: UserPage, description: 'Users who share an organisation with you' })
  list(@CurrentPrincipal() principal: Principal): Promise<UserPage> {
    return this.users.list(principal);
  }

  @Get('users/me')
  @Requires('read')
  @AllowedBeforePasswordChange()
  @ApiOkResponse({ type: UserView })
  me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.users.view(principal.userId, principal);
  }

  @Put('users/me/password')
  @Requires('read')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; your other sessions are signed out' })
  @ApiUnprocessableEntityResponse({ description: 'AUTH.INVALID_CREDENTIALS (current password), USER.PASSWORD_UNCHANGED' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<void> {
    return this.users.changePassword(principal, dto, acting);
  }

  @Get('users/:id')
  @Requires('read')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'USER.NOT_FOUND' })
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.users.view(id, principal);
  }

  @Patch('users/:id')
  @Requires('users:manage')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'USER.NOT_FOUND, ORGANISATION.NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'USER.OUTSIDE_SCOPE: the user also works for organisations you do not administer' })
  @ApiUnprocessableEntityResponse({ description: 'USER.SELF_LOCKOUT' })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<UserView> {
    return this.users.update(id, dto, principal, acting);
  }

  @Post('users/:id/tokens')
  @Requires('read')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CreatedTokenView, description: 'The token is in this answer only; store it now' })
  @ApiNotFoundResponse({ description: 'USER.NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'Another user\'s token needs users:manage' })
  issueToken(@Param('id', UuidParam) id: string, @Body() dto: CreateTokenDto, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<CreatedTokenView> {
    return this.users.issueToken(id, dto, principal, acting);
  }

  @Get('users/:id/tokens')
  @Requires('read')
  @ApiOkResponse({ type: [TokenView] })
  @ApiNotFoundResponse({ description: 'USER.NOT_FOUND' })
  listTokens(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<TokenView[]> {
    return this.users.listTokens(id, principal);
  }

  @Delete('tokens/:id')
  @Requires('read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (also when it already was)' })
  @ApiNotFoundResponse({ description: 'TOKEN.NOT_FOUND' })
  revokeToken(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<void> {
    return this.users.revokeToken(id, principal, acting);
  }
}
