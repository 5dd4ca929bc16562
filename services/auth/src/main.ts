// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { startAuth } from './app';
import { readAuthConfig } from './config';

runProcess('auth', async () => {
  const config = readAuthConfig();
  const logger = createLogger({ service: 'auth', level: config.LOG_LEVEL });
  const app = await startAuth(config, logger);
  return {
    logger,
    stop: async () => {
      await app.stop();
      await tracing.shutdown();
    },
  };
});
