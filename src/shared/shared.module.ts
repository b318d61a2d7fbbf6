import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';

/** Process-wide values every feature may inject: the config and the clock. */
@Global()
@Module({})
export class SharedModule {
  static forRoot(providers: Provider[]): DynamicModule {
    return { module: SharedModule, providers, exports: providers.map((p) => (p as { provide: symbol }).provide) };
  }
}
