import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { startAuth } from './app';
import { readAuthConfig } from './config';

runProcess('auth', async () => {
  const config = readAuthConfig();
  const logger = createLogger({ service: 'auth', level: config.LOG_LEVEL });
  const app = await startAuth(config, logger);
  return { logger, stop: app.stop };
});
