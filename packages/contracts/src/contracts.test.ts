import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  CONTRACT_FILES,
  LOADER_OPTIONS,
  PROTO_ROOT,
  SERVICE_FULL_NAMES,
  SERVICE_NAMES,
  createClient,
  loadContracts,
  loadPackageDefinition,
  serviceDefinition,
  type CatalogServiceHandlers,
  type ServiceName,
  type catalogV1,
  type reservationV1,
} from './index';

const EXPECTED_METHODS: Record<ServiceName, string[]> = {
  auth: ['SignUp', 'LogIn', 'Refresh', 'LogOut', 'GetMe', 'GetJwks', 'IssueServiceToken', 'ListAudit'],
  catalog: [
    'CreateEvent',
    'UpdateEvent',
    'DeleteEvent',
    'GetEvent',
    'ListEvents',
    'CreateSession',
    'UpdateSession',
    'GetSession',
    'ListSessions',
    'ListAudit',
  ],
  queue: ['Enter', 'GetStatus', 'WatchStatus'],
  reservation: [
    'Hold',
    'HoldBatch',
    'Release',
    'GetHold',
    'ListMyReservations',
    'Cancel',
    'ListMyTickets',
    'GetMyTicket',
    'GetSessionSales',
    'ListAudit',
  ],
  payment: ['Checkout', 'HandleProviderCallback', 'GetPayment', 'ListAudit'],
};

const STREAMING = new Set(['WatchStatus']);

interface FieldDescriptor {
  name: string;
  number: number;
  label?: string;
}
interface EnumValueDescriptor {
  name: string;
  number: number;
}

function protoFilesOnDisk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return protoFilesOnDisk(full);
    return entry.name.endsWith('.proto') ? [path.relative(PROTO_ROOT, full).split(path.sep).join('/')] : [];
  });
}

function messageFields(fullName: string): FieldDescriptor[] {
  const def = loadPackageDefinition()[fullName] as protoLoader.MessageTypeDefinition<object, object>;
  return (def.type as { field: FieldDescriptor[] }).field;
}

describe('@ticketing/contracts', () => {
  test('when PROTO_ROOT is resolved, then it is the repository proto directory', () => {
    expect(path.isAbsolute(PROTO_ROOT)).toBe(true);
    expect(PROTO_ROOT).toBe(path.resolve(__dirname, '../../../proto'));
    expect(fs.existsSync(path.join(PROTO_ROOT, 'ticketing/catalog/v1/catalog.proto'))).toBe(true);
    expect(LOADER_OPTIONS.includeDirs).toEqual([PROTO_ROOT]);
  });

  test.each(SERVICE_NAMES.map((name) => [name]))(
    'when the %s service definition is loaded, then it has exactly the expected methods',
    (name) => {
      const definition = serviceDefinition(name);
      expect(Object.keys(definition).sort()).toEqual([...EXPECTED_METHODS[name]].sort());
      for (const method of EXPECTED_METHODS[name]) {
        const m = (definition as grpc.ServiceDefinition)[method]!;
        expect(m.path).toBe(`/${SERVICE_FULL_NAMES[name]}/${method}`);
        expect(m.requestStream).toBe(false);
        // Only the waiting room's live status streams (server to client).
        expect(m.responseStream).toBe(STREAMING.has(method));
      }
    },
  );

  test('when contracts are loaded twice, then the same cached object is returned', () => {
    expect(loadContracts()).toBe(loadContracts());
    expect(serviceDefinition('catalog')).toBe(loadContracts().ticketing.catalog.v1.CatalogService.service);
  });

  test('when an unknown service name is asked for, then it throws naming the known ones', () => {
    expect(() => serviceDefinition('nope' as ServiceName)).toThrow(/auth, catalog, queue, reservation, payment/);
  });

  test('when a hold request by seats is round-tripped, then the oneof and the seat ids survive', () => {
    const hold = serviceDefinition('reservation').Hold;
    const request: reservationV1.HoldRequest = {
      sessionId: 's-1',
      seats: { seatIds: ['a-1', 'a-2'] },
      idempotencyKey: 'k-1',
    };
    const decoded = hold.requestDeserialize(hold.requestSerialize(request));
    expect(decoded.selection).toBe('seats');
    expect(decoded.seats?.seatIds).toEqual(['a-1', 'a-2']);
    expect(decoded.quantity).toBeUndefined();
    expect(decoded.queueToken).toBe('');
  });

  test('when a hold request by quantity is round-tripped, then the oneof says quantity', () => {
    const hold = serviceDefinition('reservation').Hold;
    const decoded = hold.requestDeserialize(hold.requestSerialize({ sessionId: 's-1', quantity: 3 }));
    expect(decoded.selection).toBe('quantity');
    expect(decoded.quantity).toBe(3);
    expect(decoded.seats).toBeUndefined();
  });

  test('when money beyond 2^53 is round-tripped, then int64 comes back as the exact string', () => {
    const checkout = serviceDefinition('payment').Checkout;
    const decoded = checkout.responseDeserialize(
      checkout.responseSerialize({
        paymentId: 'p-1',
        status: 'PENDING',
        amount: { amountMinor: '9007199254740993', currency: 'KRW' },
      }),
    );
    expect(decoded.amount).toEqual({ amountMinor: '9007199254740993', currency: 'KRW' });
    expect(typeof decoded.amount?.amountMinor).toBe('string');
    expect(decoded.status).toBe('PENDING');
    expect(decoded.paymentSessionUrl).toBe('');
  });

  test('when an optional field is left unset in an update, then it is absent after the round trip', () => {
    const update = serviceDefinition('catalog').UpdateSession;
    const decoded = update.requestDeserialize(update.requestSerialize({ sessionId: 's-1', totalStock: 0 }));
    expect(decoded.totalStock).toBe(0);
    expect(decoded.startAt).toBeUndefined();
    expect(decoded.queueEnabled).toBeUndefined();
  });

  test('when a proto file exists under proto/ticketing, then loadContracts includes everything it defines', () => {
    const onDisk = protoFilesOnDisk(path.join(PROTO_ROOT, 'ticketing')).sort();
    expect(onDisk.length).toBeGreaterThan(0);
    expect([...CONTRACT_FILES].sort()).toEqual(onDisk);
    const loaded = new Set(Object.keys(loadPackageDefinition()));
    for (const file of onDisk) {
      const own = Object.keys(protoLoader.loadSync(file, LOADER_OPTIONS));
      expect(own.filter((name) => !loaded.has(name))).toEqual([]);
    }
  });

  test('when a service exists in the protos, then it has an accessor', () => {
    const definition = loadPackageDefinition();
    const services = Object.keys(definition).filter(
      (name) => !('format' in definition[name]!) && !('type' in definition[name]!),
    );
    expect(services.sort()).toEqual(Object.values(SERVICE_FULL_NAMES).sort());
  });

  test('when a message is a list response, then it has items = 1 and next_cursor = 2 (camelCase once loaded)', () => {
    const definition = loadPackageDefinition();
    const listResponses = Object.keys(definition).filter((name) => /\.List\w+Response$/.test(name));
    expect(listResponses.length).toBeGreaterThanOrEqual(3);
    for (const name of listResponses) {
      const fields = messageFields(name);
      expect({ name, fields: fields.map((f) => [f.name, f.number]) }).toEqual({
        name,
        fields: [
          ['items', 1],
          ['nextCursor', 2],
        ],
      });
      expect(fields[0]!.label).toBe('LABEL_REPEATED');
    }
  });

  test('when ListEventsRequest is inspected, then its field numbers match the shape relied on elsewhere', () => {
    expect(messageFields('ticketing.catalog.v1.ListEventsRequest').map((f) => [f.name, f.number])).toEqual([
      ['pageSize', 1],
      ['cursor', 2],
      ['includeUnpublished', 3],
    ]);
  });

  test('when an enum is defined, then its zero value is *_UNSPECIFIED', () => {
    const definition = loadPackageDefinition();
    const enums = Object.keys(definition).filter(
      (name) => definition[name]!.format === 'Protocol Buffer 3 EnumDescriptorProto',
    );
    expect(enums.length).toBeGreaterThan(0);
    for (const name of enums) {
      const values = ((definition[name] as protoLoader.EnumTypeDefinition).type as { value: EnumValueDescriptor[] })
        .value;
      expect({ name, zero: values.find((v) => v.number === 0)?.name }).toEqual({
        name,
        zero: expect.stringMatching(/_UNSPECIFIED$/),
      });
    }
  });

  test('when a catalog server and client use the definitions, then a call round-trips over loopback', async () => {
    const event: catalogV1.Event = { id: 'e-1', title: 'Concert', venue: 'Hall', status: 'PUBLISHED' };
    const handlers: Partial<CatalogServiceHandlers> = {
      ListEvents: (call, callback) => {
        callback(null, { items: call.request.includeUnpublished ? [event] : [], nextCursor: '' });
      },
    };
    const server = new grpc.Server();
    server.addService(serviceDefinition('catalog'), handlers as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    const client = createClient('catalog', `127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const response = await new Promise<catalogV1.ListEventsResponse__Output>((resolve, reject) =>
        client.listEvents({ pageSize: 10, includeUnpublished: true }, (err, res) =>
          err || !res ? reject(err) : resolve(res),
        ),
      );
      expect(response.nextCursor).toBe('');
      expect(response.items).toHaveLength(1);
      expect(response.items[0]).toMatchObject({ id: 'e-1', title: 'Concert', status: 'PUBLISHED', description: '' });
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    }
  });
});
