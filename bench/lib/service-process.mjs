// The built service in a child process on a given database (no embedded server of its own).
import { spawnService } from './service.mjs';

export function startServiceProcess(databaseUrl, env = {}) {
  return spawnService({ DATABASE_URL: databaseUrl, SCHEDULER_ENABLED: 'true', ...env });
}
