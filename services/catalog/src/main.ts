// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { startCatalog } from './app';
import { readCatalogConfig } from './config';

runProcess('catalog', async () => {
  const config = readCatalogConfig();
  const logger = createLogger({ service: 'catalog', level: config.LOG_LEVEL });
  const app = await startCatalog(config, logger);
  return {
    logger,
    stop: async () => {
      await app.stop();
      await tracing.shutdown();
    },
  };
});
