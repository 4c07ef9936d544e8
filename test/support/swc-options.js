// How jest (jest.config.js) and child processes of the tests (register-ts.js) compile TypeScript: CommonJS, legacy
// decorators with their metadata, as tsc does for the build.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
};
