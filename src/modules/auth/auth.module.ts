import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthCacheModule } from './auth-cache.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthenticationService } from './authentication.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Users, tokens and sessions; the global guard that every route but @Public ones passes. */
@Module({
  imports: [AuthCacheModule],
  controllers: [AuthController, UsersController],
  providers: [AuthenticationService, UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthenticationService, UsersService],
})
export class AuthModule {}
