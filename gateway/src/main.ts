import { createLogger } from '@ticketing/logger';
import { runProcess } from '@ticketing/lifecycle';
import { buildApp } from './app';
import { createUpstreams, upstreamAddresses } from './clients/upstreams';
import { readGatewayConfig } from './config';

runProcess('gateway', async () => {
  const config = readGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const addresses = upstreamAddresses(config);
  const upstreams = createUpstreams(addresses);
  const app = await buildApp({ config, logger, upstreams, addresses });
  await app.listen({ host: config.HOST, port: config.PORT });
  return {
    logger,
    stop: async () => {
      // Fastify stops accepting, answers 503 to new requests and waits for in-flight ones.
      await app.close();
      upstreams.close();
    },
  };
});
