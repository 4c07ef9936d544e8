// `node -r ./test/support/register-ts.js src/main.ts`: runs the service from its TypeScript sources, compiled file by
// file on require with swc, so tests can start real server processes without a build.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const swcOptions = require('./swc-options');

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
