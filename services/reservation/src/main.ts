// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import { runProcess } from '@ticketing/lifecycle';
import { createLogger } from '@ticketing/logger';
import { startReservation } from './app';
import { readReservationConfig } from './config';

runProcess('reservation', async () => {
  const config = readReservationConfig();
  const logger = createLogger({ service: 'reservation', level: config.LOG_LEVEL });
  const app = await startReservation(config, logger);
  return {
    logger,
    stop: async () => {
      await app.stop();
      await tracing.shutdown();
    },
  };
});
