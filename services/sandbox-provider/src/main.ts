// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { buildProvider } from './app';
import { readProviderConfig } from './config';

runProcess('sandbox-provider', async () => {
  const config = readProviderConfig();
  const logger = createLogger({ service: 'sandbox-provider', level: config.LOG_LEVEL });
  const provider = buildProvider(config, logger);
  const { url } = await provider.start();
  logger.info({ url, webhookUrl: config.PROVIDER_WEBHOOK_URL }, 'sandbox payment provider listening');
  return {
    logger,
    stop: async () => {
      await provider.stop();
      await tracing.shutdown();
    },
  };
});
