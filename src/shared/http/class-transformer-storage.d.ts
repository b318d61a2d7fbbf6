// class-transformer keeps its decorators' rules in this singleton; its package exports it only
// by path (no "exports" map), and Node resolves the package to these CommonJS files.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
