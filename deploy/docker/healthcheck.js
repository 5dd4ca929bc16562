// Container healthcheck without extra binaries in the image (no grpc_health_probe, no curl):
//   node deploy/docker/healthcheck.js grpc 50052      -> grpc.health.v1.Health/Check, overall server
//   node deploy/docker/healthcheck.js http 8080 /readyz
// Exits 0 when healthy, 1 otherwise, within about 3 seconds.
'use strict';

const [kind, port, path = '/healthz'] = process.argv.slice(2);
const fail = (why) => {
  console.error(`unhealthy: ${why}`);
  process.exit(1);
};
setTimeout(() => fail('timeout'), 3000).unref();

if (kind === 'grpc') {
  const grpc = require('@grpc/grpc-js');
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  // HealthCheckRequest{service: ""} encodes to zero bytes; SERVING is field 1 = 1, i.e. 0x08 0x01.
  // Raw bytes spare the image a copy of health.proto.
  const same = (buffer) => buffer;
  client.makeUnaryRequest(
    '/grpc.health.v1.Health/Check',
    same,
    same,
    Buffer.alloc(0),
    { deadline: Date.now() + 2500 },
    (error, reply) => {
      if (error) fail(error.message);
      if (reply.length === 2 && reply[0] === 0x08 && reply[1] === 0x01) process.exit(0);
      fail(`status bytes ${reply.toString('hex') || '(none: UNKNOWN)'}`);
    },
  );
} else if (kind === 'http') {
  require('node:http')
    .get({ host: '127.0.0.1', port, path, timeout: 2500 }, (res) => {
      res.resume();
      if (res.statusCode === 200) process.exit(0);
      fail(`HTTP ${res.statusCode}`);
    })
    .on('error', (error) => fail(error.message));
} else {
  fail('usage: healthcheck.js grpc <port> | http <port> [path]');
}
