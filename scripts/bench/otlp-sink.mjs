// A stand-in for an OpenTelemetry collector while a benchmark runs with tracing on: its own
// process (so its CPU is not the load generator's), answers OTLP/HTTP trace exports at once and
// only counts them. Started by startOtlpSink(); prints its port, then its count when told to stop.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--serve') {
  let exports = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk) => (bytes += chunk.length));
    request.on('end', () => {
      exports++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
  process.on('SIGTERM', () => {
    console.log(JSON.stringify({ exports, bytes }));
    process.exit(0);
  });
}

/** Starts the sink; `stop()` resolves with how many exports (and bytes) it received. */
export async function startOtlpSink() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  let wake;
  child.stdout.setEncoding('utf8').on('data', (text) => {
    lines.push(...text.split('\n').filter(Boolean));
    wake?.();
  });
  const nextLine = async () => {
    while (lines.length === 0) await new Promise((resolve) => (wake = resolve));
    return JSON.parse(lines.shift());
  };
  const { port } = await nextLine();
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      return nextLine();
    },
  };
}
