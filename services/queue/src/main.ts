// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { startQueue } from './app';
import { readQueueConfig } from './config';

runProcess('queue', async () => {
  const config = readQueueConfig();
  const logger = createLogger({ service: 'queue', level: config.LOG_LEVEL });
  const app = await startQueue(config, logger);
  return {
    logger,
    stop: async () => {
      await app.stop();
      await tracing.shutdown();
    },
  };
});
