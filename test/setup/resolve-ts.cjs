// Jest loads globalSetup/globalTeardown as CommonJS, without moduleNameMapper. Sources use
// NodeNext-style `./x.js` specifiers for `./x.ts` files; map them back here, as
// moduleNameMapper does for the test files themselves.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTs(request, parent, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js') && parent && parent.filename) {
    const candidate = path.resolve(path.dirname(parent.filename), `${request.slice(0, -3)}.ts`);
    if (fs.existsSync(candidate)) return candidate;
  }
  return resolve.call(this, request, parent, ...rest);
};
