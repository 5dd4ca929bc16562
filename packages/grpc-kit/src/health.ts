import { credentials, loadPackageDefinition, type Client } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';

export function healthServiceName(definition: Record<string, { path: string }>): string {
  const first = Object.values(definition)[0];
  if (!first) throw new Error('empty service definition');
  return first.path.split('/')[1]!;
}

type HealthClient = Client & {
  check(
    request: { service: string },
    options: { deadline: number },
    callback: (error: Error | null, response?: { status: string }) => void,
  ): void;
};

type HealthClientConstructor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
) => HealthClient;

let healthClientClass: HealthClientConstructor | undefined;

function healthClientConstructor(): HealthClientConstructor {
  if (!healthClientClass) {
    const definition = loadSync(protoPath, { enums: String, defaults: true });
    // The standard health proto has no generated types here; its one service is known by name.
    const grpcObject = loadPackageDefinition(definition) as unknown as {
      grpc: { health: { v1: { Health: HealthClientConstructor } } };
    };
    healthClientClass = grpcObject.grpc.health.v1.Health;
  }
  return healthClientClass;
}

/** The standard gRPC health check: true only when the server answers SERVING in time. */
export function checkHealth(address: string, service = '', timeoutMs = 1000): Promise<boolean> {
  const Ctor = healthClientConstructor();
  const client = new Ctor(address, credentials.createInsecure());
  return new Promise((resolve) => {
    client.check({ service }, { deadline: Date.now() + timeoutMs }, (error, response) => {
      client.close();
      resolve(!error && response?.status === 'SERVING');
    });
  });
}
