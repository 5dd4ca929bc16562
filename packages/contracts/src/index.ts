import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as AuthProto } from './generated/auth';
import type { ProtoGrpcType as CatalogProto } from './generated/catalog';
import type { ProtoGrpcType as CommonProto } from './generated/common';
import type { ProtoGrpcType as PaymentProto } from './generated/payment';
import type { ProtoGrpcType as QueueProto } from './generated/queue';
import type { ProtoGrpcType as ReservationProto } from './generated/reservation';

import * as authV1 from './generated/ticketing/auth/v1';
import * as catalogV1 from './generated/ticketing/catalog/v1';
import * as commonV1 from './generated/ticketing/common/v1';
import * as paymentV1 from './generated/ticketing/payment/v1';
import * as queueV1 from './generated/ticketing/queue/v1';
import * as reservationV1 from './generated/ticketing/reservation/v1';

// Message, enum, client, handler and definition types of each proto package,
// generated from proto/ at build time (see scripts/generate.mjs). Message types
// come in pairs: `Event` (what you may send) and `Event__Output` (what you receive).
export { authV1, catalogV1, commonV1, paymentV1, queueV1, reservationV1 };

export type { AuthServiceClient, AuthServiceDefinition, AuthServiceHandlers } from './generated/ticketing/auth/v1';
export type {
  CatalogServiceClient,
  CatalogServiceDefinition,
  CatalogServiceHandlers,
} from './generated/ticketing/catalog/v1';
export type { QueueServiceClient, QueueServiceDefinition, QueueServiceHandlers } from './generated/ticketing/queue/v1';
export type {
  ReservationServiceClient,
  ReservationServiceDefinition,
  ReservationServiceHandlers,
} from './generated/ticketing/reservation/v1';
export type {
  PaymentServiceClient,
  PaymentServiceDefinition,
  PaymentServiceHandlers,
} from './generated/ticketing/payment/v1';

/** Absolute path of the repository's `proto/` directory (same depth from src/ and dist/). */
export const PROTO_ROOT: string = path.resolve(__dirname, '../../../proto');

/** Options shared by the runtime loader and the type generator; keep them in step. */
export const LOADER_OPTIONS: protoLoader.Options = Object.freeze({
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
});

export const SERVICE_NAMES = ['auth', 'catalog', 'queue', 'reservation', 'payment'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Fully qualified gRPC service names, e.g. for the health protocol. */
export const SERVICE_FULL_NAMES: Readonly<Record<ServiceName, string>> = Object.freeze({
  auth: 'ticketing.auth.v1.AuthService',
  catalog: 'ticketing.catalog.v1.CatalogService',
  queue: 'ticketing.queue.v1.QueueService',
  reservation: 'ticketing.reservation.v1.ReservationService',
  payment: 'ticketing.payment.v1.PaymentService',
});

/** The proto files loaded by loadContracts(), relative to PROTO_ROOT. */
export const CONTRACT_FILES: readonly string[] = Object.freeze([
  'ticketing/common/v1/common.proto',
  ...SERVICE_NAMES.map((name) => `ticketing/${name}/v1/${name}.proto`),
]);

/** The typed gRPC object of every contract: `ticketing.<service>.v1.<Type>`. */
export type ProtoGrpcType = CommonProto & AuthProto & CatalogProto & QueueProto & ReservationProto & PaymentProto;

type Packages = ProtoGrpcType['ticketing'];

/** The client constructor (with `.service`) that grpc-js generates per service. */
export interface ServiceConstructors {
  auth: Packages['auth']['v1']['AuthService'];
  catalog: Packages['catalog']['v1']['CatalogService'];
  queue: Packages['queue']['v1']['QueueService'];
  reservation: Packages['reservation']['v1']['ReservationService'];
  payment: Packages['payment']['v1']['PaymentService'];
}

export type ServiceDefinitionOf<S extends ServiceName> = ServiceConstructors[S]['service'];
export type ServiceClientOf<S extends ServiceName> = InstanceType<ServiceConstructors[S]>;

/** Server-side implementation types, e.g. `ServiceHandlersOf<'catalog'>`. */
export interface ServiceHandlersMap {
  auth: authV1.AuthServiceHandlers;
  catalog: catalogV1.CatalogServiceHandlers;
  queue: queueV1.QueueServiceHandlers;
  reservation: reservationV1.ReservationServiceHandlers;
  payment: paymentV1.PaymentServiceHandlers;
}
export type ServiceHandlersOf<S extends ServiceName> = ServiceHandlersMap[S];

let cachedPackageDefinition: protoLoader.PackageDefinition | undefined;
let cachedContracts: ProtoGrpcType | undefined;

/** The proto-loader package definition of every contract (cached). */
export function loadPackageDefinition(): protoLoader.PackageDefinition {
  cachedPackageDefinition ??= protoLoader.loadSync([...CONTRACT_FILES], LOADER_OPTIONS);
  return cachedPackageDefinition;
}

/** The grpc-js object for every contract (cached). */
export function loadContracts(): ProtoGrpcType {
  cachedContracts ??= grpc.loadPackageDefinition(loadPackageDefinition()) as unknown as ProtoGrpcType;
  return cachedContracts;
}

/** The generated client constructor of a service; `.service` is its definition. */
export function serviceConstructor<S extends ServiceName>(name: S): ServiceConstructors[S] {
  const packages = loadContracts().ticketing;
  const constructors: ServiceConstructors = {
    auth: packages.auth.v1.AuthService,
    catalog: packages.catalog.v1.CatalogService,
    queue: packages.queue.v1.QueueService,
    reservation: packages.reservation.v1.ReservationService,
    payment: packages.payment.v1.PaymentService,
  };
  const ctor = constructors[name];
  if (!ctor) throw new Error(`unknown service "${String(name)}"; expected one of ${SERVICE_NAMES.join(', ')}`);
  return ctor;
}

/** For `server.addService(serviceDefinition('catalog'), handlers)`. */
export function serviceDefinition<S extends ServiceName>(name: S): ServiceDefinitionOf<S> {
  return serviceConstructor(name).service;
}

/** A typed client, e.g. `createClient('catalog', '127.0.0.1:50052', grpc.credentials.createInsecure())`. */
export function createClient<S extends ServiceName>(
  name: S,
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ClientOptions,
): ServiceClientOf<S> {
  const Ctor = serviceConstructor(name) as unknown as new (
    address: string,
    credentials: grpc.ChannelCredentials,
    options?: grpc.ClientOptions,
  ) => ServiceClientOf<S>;
  return new Ctor(address, credentials, options);
}
