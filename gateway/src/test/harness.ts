import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { createTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@ticketing/auth-tokens';
import { SERVICE_NAMES, serviceDefinition, type ServiceName } from '@ticketing/contracts';
import {
  bindService,
  startGrpcServer,
  type GrpcServerHandle,
  type MethodSpec,
  type StreamMethodSpec,
} from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { deleteRedisKeys, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { buildApp } from '../app';
import { createUpstreams } from '../clients/upstreams';
import { readGatewayConfig } from '../config';

/**
 * Real gRPC servers speaking the real contracts, with canned behaviour: these tests are about
 * the gateway (mapping, auth, limits), and each service has its own tests against its database.
 */
export const logger = createLogger({ service: 'gateway-test', level: 'silent' });

export interface SigningKey {
  jwk: JWK;
  sign(claims?: { sub?: string; roles?: unknown; exp?: number | string; iss?: string; aud?: string }): Promise<string>;
}

export async function signingKey(kid = 'test-key'): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { jwk, sign: (claims = {}) => signWith(privateKey, kid, claims) };
}

function signWith(
  key: KeyLike,
  kid: string,
  claims: { sub?: string; roles?: unknown; exp?: number | string; iss?: string; aud?: string },
) {
  return new SignJWT({ roles: claims.roles ?? ['USER'] })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setSubject(claims.sub ?? 'user-1')
    .setIssuer(claims.iss ?? TOKEN_ISSUER)
    .setAudience(claims.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '5m')
    .sign(key);
}

export interface Harness {
  app: FastifyInstance;
  servers: Map<ServiceName, GrpcServerHandle>;
  close(): Promise<void>;
}

/** What the harness's gateway presents as its own SERVICE token. */
export const GATEWAY_SERVICE_TOKEN = 'gateway-service-token';

export async function startHarness(
  methods: Partial<Record<ServiceName, Record<string, MethodSpec | StreamMethodSpec>>>,
  key: SigningKey,
  env: Record<string, string> = {},
): Promise<Harness> {
  const servers = new Map<ServiceName, GrpcServerHandle>();
  for (const name of SERVICE_NAMES) {
    const definition = serviceDefinition(name);
    const implementation = bindService(definition, methods[name] ?? {}, { logger, allowUnimplemented: true });
    servers.set(name, await startGrpcServer('127.0.0.1:0', [{ definition, implementation }]));
  }
  const addresses = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `127.0.0.1:${servers.get(n)!.port}`])) as Record<
    ServiceName,
    string
  >;
  const config = readGatewayConfig({
    LOG_LEVEL: 'silent',
    REDIS_KEY_PREFIX: `${uniqueName('gw')}:`,
    // Off: the app shares its event loop with the test (which may decode a PNG for seconds on a
    // loaded machine), and a sampling interval with no sample at all reads as an infinite delay to
    // under-pressure, so it would answer 503 to tests about something else. Load shedding has its
    // own test, which turns it on with a low limit.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    SERVICE_TOKEN_SECRET: 'gateway-tests-service-token-secret-0123456789',
    ...env,
  });
  const upstreams = createUpstreams(addresses);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const authenticate = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
  // The gateway's own token as the fake services see it (they accept any caller).
  const serviceToken = async () => GATEWAY_SERVICE_TOKEN;
  const app = await buildApp({ config, logger, upstreams, addresses, redis, authenticate, serviceToken });
  return {
    app,
    servers,
    close: async () => {
      await app.close();
      upstreams.close();
      await redis.quit();
      await deleteRedisKeys(config.REDIS_KEY_PREFIX);
      await Promise.all([...servers.values()].map((s) => s.stop(100)));
    },
  };
}
