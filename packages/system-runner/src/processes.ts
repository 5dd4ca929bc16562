import path from 'node:path';

/** The repository root, from src/ (ts) or dist/ (js) alike. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export type ProcessName = 'auth' | 'catalog' | 'queue' | 'reservation' | 'payment' | 'sandbox-provider' | 'gateway';

export interface ProcessSpec {
  name: ProcessName;
  /** The built entry point, relative to the repository root. */
  entry: string;
  defaultPort: number;
  /** Where a gRPC service serves GET /metrics (METRICS_PORT); HTTP processes serve it on their own port. */
  defaultMetricsPort?: number;
  /** Which kinds of state it keeps, so callers can give it an isolated database or key prefix. */
  database: boolean;
  redis: boolean;
}

/** Services first: the gateway's readiness depends on all of them. */
export const PROCESSES: readonly ProcessSpec[] = [
  {
    name: 'auth',
    entry: 'services/auth/dist/main.js',
    defaultPort: 50051,
    defaultMetricsPort: 9451,
    database: true,
    redis: true,
  },
  {
    name: 'catalog',
    entry: 'services/catalog/dist/main.js',
    defaultPort: 50052,
    defaultMetricsPort: 9452,
    database: true,
    redis: false,
  },
  {
    name: 'queue',
    entry: 'services/queue/dist/main.js',
    defaultPort: 50053,
    defaultMetricsPort: 9453,
    database: false,
    redis: true,
  },
  {
    name: 'reservation',
    entry: 'services/reservation/dist/main.js',
    defaultPort: 50054,
    defaultMetricsPort: 9454,
    database: true,
    redis: false,
  },
  {
    name: 'payment',
    entry: 'services/payment/dist/main.js',
    defaultPort: 50055,
    defaultMetricsPort: 9455,
    database: true,
    redis: false,
  },
  // The payment company's test mode: an HTTP process of its own, as a real provider would be.
  {
    name: 'sandbox-provider',
    entry: 'services/sandbox-provider/dist/main.js',
    defaultPort: 8090,
    database: false,
    redis: false,
  },
  { name: 'gateway', entry: 'gateway/dist/main.js', defaultPort: 8080, database: false, redis: false },
];
