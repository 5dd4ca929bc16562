export { uniqueName, createTestDatabaseUrl, TEST_POSTGRES_URL, TEST_REDIS_URL, TEST_NATS_URL } from './names';
export { freePort } from './free-port';
export { queryOnce, tableExists } from './postgres';
export { deleteRedisKeys } from './redis';
export { eventually, sleep } from './waiting';
