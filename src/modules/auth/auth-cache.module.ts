import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.token.js';
import { AuthCacheListener } from './auth-cache.listener.js';
import { PRINCIPAL_CACHE } from './auth.tokens.js';
import { PrincipalCache } from './principal-cache.js';

/** The process's cache of token principals, visible to every service that changes accounts. */
@Global()
@Module({
  providers: [{ provide: PRINCIPAL_CACHE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PrincipalCache(config.authCacheMs) }, AuthCacheListener],
  exports: [PRINCIPAL_CACHE],
})
export class AuthCacheModule {}
