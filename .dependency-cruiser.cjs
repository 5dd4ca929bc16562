// Import boundaries (`npm run boundaries`). Paths are matched anywhere in a module's path
// ((?:^|/)services/...), so the fixtures under tests/boundaries/fixtures, which copy the
// repository's layout, are judged by the same rules: each rule has one fixture that breaks it.
/** A workspace that is a service or the gateway, by its package name (in case it is not built). */
const SERVICE_PACKAGE = '^@ticketing/[a-z-]+-service($|/)';
const GATEWAY_PACKAGE = '^@ticketing/gateway($|/)';
const INSIDE_SERVICE = '(?:^|/)services/([^/]+)/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'service-imports-other-service',
      comment: 'Services share only packages/* and proto/: one service never imports another.',
      severity: 'error',
      from: { path: '(?:^|/)services/([^/]+)/' },
      to: { path: ['(?:^|/)services/', SERVICE_PACKAGE], pathNot: '(?:^|/)services/$1/' },
    },
    {
      name: 'service-imports-gateway',
      comment: 'The gateway calls services over gRPC; a service never imports gateway code.',
      severity: 'error',
      from: { path: '(?:^|/)services/' },
      to: { path: ['(?:^|/)gateway/', GATEWAY_PACKAGE] },
    },
    {
      name: 'gateway-imports-service',
      comment: 'The gateway knows services only through proto/ contracts (packages/contracts).',
      severity: 'error',
      from: { path: '(?:^|/)gateway/' },
      to: { path: ['(?:^|/)services/', SERVICE_PACKAGE] },
    },
    {
      name: 'package-imports-service-or-gateway',
      comment: 'Packages are shared libraries: they never depend on what uses them.',
      severity: 'error',
      from: { path: '(?:^|/)packages/' },
      to: { path: ['(?:^|/)(services|gateway)/', SERVICE_PACKAGE, GATEWAY_PACKAGE] },
    },
    {
      name: 'domain-imports-outer-layer',
      comment: 'domain/ is pure rules: it imports nothing from app/, db/, grpc/, events/ or redis/.',
      severity: 'error',
      from: { path: `${INSIDE_SERVICE}domain/` },
      to: { path: '(?:^|/)services/$1/src/(app|db|grpc|events|redis)/' },
    },
    {
      name: 'domain-imports-infrastructure',
      comment: 'domain/ is pure rules: no database, broker, cache, RPC or HTTP library.',
      severity: 'error',
      from: { path: `${INSIDE_SERVICE}domain/` },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'],
        path: '(?:^|/)node_modules/(@mikro-orm|pg|ioredis|@grpc|@nats-io|fastify|@fastify)/',
      },
    },
    {
      name: 'grpc-imports-db',
      comment: 'grpc/ handlers are thin: proto in, use case, proto out. Data access goes through app/.',
      severity: 'error',
      from: { path: `${INSIDE_SERVICE}grpc/` },
      to: { path: '(?:^|/)services/$1/src/db/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing would fail at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(?:^|/)dist/', '(?:^|/)src/generated/'] },
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their sources (as in jest and the type check), so no build is needed.
    tsConfig: { fileName: 'tsconfig.typecheck.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      mainFields: ['main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
