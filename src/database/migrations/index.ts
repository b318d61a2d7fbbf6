import { InitialSchema1763913600000 } from './1763913600000-initial-schema.js';

/**
 * Every migration, in order. `npm run migration:generate -- <Name>` writes a new file next
 * to this one and prints the line to add here (explicit list: no globs under ESM).
 */
export const MIGRATIONS = [InitialSchema1763913600000];
