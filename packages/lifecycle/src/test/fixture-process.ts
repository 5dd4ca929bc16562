import { runProcess } from '../run-process';

const mode = process.argv[2];
const logger = { info: () => undefined, error: () => undefined };

runProcess(
  'fixture',
  async () => {
    if (mode === 'fail') throw new Error('DATABASE_URL: cannot connect');
    const timer = setInterval(() => undefined, 1000);
    process.stdout.write('ready\n');
    return {
      logger,
      stop: async () => {
        clearInterval(timer);
        process.stdout.write('stopped-cleanly\n');
      },
    };
  },
  2000,
);
