// Layer rules (`npm run lint:deps`). A module is a folder directly under src/ (src/articles, src/review, …); its
// repositories and entities are its own, and other modules reach its data through its exported services.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make load order matter (undefined providers and classes in Nest). Type-only imports are erased ' +
        'by the compiler, so a loop closed only by them (a DTO file and the code that fills it) loads fine and is allowed.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-foreign-repository',
      severity: 'error',
      comment:
        "src/<module>/**/*.repository.ts is imported only from inside src/<module>: another module asks the owning module's exported service instead.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.+[.]repository[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-foreign-entity-value',
      severity: 'error',
      comment:
        "Another module's entity (src/<module>/**/*.entity.ts) may be named as a type (`import type`: the data the owning service returns), " +
        'never imported as a value, which is what querying its table through TypeORM would take.',
      from: {
        path: '^src/([^/]+)/',
        // The one place every entity class is registered with the DataSource.
        pathNot: '^src/database/entities[.]ts$',
      },
      to: { path: '^src/[^/]+/.+[.]entity[.]ts$', pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-test-or-bench',
      severity: 'error',
      comment: 'The service never depends on its tests or benchmarks (they are not even in the production build).',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-not-to-web',
      severity: 'error',
      comment: 'The service and the browser app meet only through the HTTP API.',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-not-to-server',
      severity: 'error',
      comment:
        'The browser app knows the service only through its OpenAPI types (web/src/api/schema.d.ts, generated): no server, test or bench code in the bundle.',
      from: { path: '^web/' },
      to: { path: '^(src|test|bench|migrations)/' },
    },
    {
      name: 'src-not-to-dev-dependency',
      severity: 'error',
      comment: 'The production image installs dependencies only; specs may use devDependencies.',
      from: { path: '^src/', pathNot: '[.]spec[.]ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|web/dist|coverage|node_modules)/' },
    // Type-only imports are seen (and told apart), so the entity rule can allow them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
  },
};
