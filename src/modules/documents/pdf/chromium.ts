import fs from 'node:fs';
import path from 'node:path';

/** Tried in this order: the small headless-only build first (what .ci/run installs), then full browsers. */
export const CHROMIUM_CANDIDATES = ['chromium-headless-shell', 'chromium', 'google-chrome'] as const;

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium executable to launch. `explicitPath` is CHROMIUM_PATH (the caller passes its
 * config): when given it must be an executable file, and is never silently replaced by
 * another browser. Otherwise the PATH is searched by hand (no `which` dependency).
 * `searchPath` defaults to process.env.PATH and exists for tests.
 */
export function findChromium(explicitPath?: string, searchPath: string = process.env.PATH ?? ''): string {
  if (explicitPath !== undefined && explicitPath.trim() !== '') {
    const file = path.resolve(explicitPath);
    if (!fs.existsSync(file)) throw new Error(`CHROMIUM_PATH=${explicitPath} does not exist`);
    if (!isExecutableFile(file)) throw new Error(`CHROMIUM_PATH=${explicitPath} is not an executable file`);
    return file;
  }
  // Empty PATH entries mean "the current directory"; a browser picked up from the cwd is not one we meant to run.
  const dirs = searchPath.split(path.delimiter).filter((dir) => path.isAbsolute(dir));
  for (const name of CHROMIUM_CANDIDATES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutableFile(file)) return file;
    }
  }
  throw new Error(
    `No Chromium found: CHROMIUM_PATH is not set and none of ${CHROMIUM_CANDIDATES.join(', ')} is an executable on the PATH ` +
      `(${dirs.length > 0 ? dirs.join(path.delimiter) : 'empty'}). Install Debian's chromium-headless-shell or set CHROMIUM_PATH.`,
  );
}
