// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { startPayment } from './app';
import { readPaymentConfig } from './config';

runProcess('payment', async () => {
  const config = readPaymentConfig();
  const logger = createLogger({ service: 'payment', level: config.LOG_LEVEL });
  const app = await startPayment(config, logger);
  return {
    logger,
    stop: async () => {
      await app.stop();
      await tracing.shutdown();
    },
  };
});
