import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ServiceName } from '@vigil/contracts';
import { InboxConsumer, OutboxRelay, ThreadedOutboxRelay, type OutboxRelayHandle, type PayloadHandler } from '@vigil/messaging';
import { closeServiceDataSource, createServiceDataSource, initialiseServiceDatabase, TransactionRunner } from '@vigil/persistence';
import { applyHttpHardening, AuditModule, FieldCipher, LocalKeyRing, corsOriginsFromEnv, partnerRateLimitFromEnv, PublicRateLimitModule, publicRateLimitFromEnv, SecurityModule, SqlApiKeyStore, SqlAuditLogReader, SqlAuditTrail, trustProxyFromEnv } from '@vigil/security';
import type { MixedList, EntitySchema } from 'typeorm';
import { DomainExceptionFilter } from './domain-exception.filter';
import { HealthController } from './health.controller';
import { RequestValidationPipe } from './request-validation.pipe';
import { metricsTokenFromEnv, rootLogger, ServiceObservability, type ServiceGauge } from './observability';
import { purgeUseCaseFor, RetentionSchedule, type ServiceRetention } from './retention-schedule';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure, type ServiceRuntimeOptions } from './service-infrastructure';
import { staffSignIn } from './staff-sign-in';

export interface ServiceDefinition {
  name: ServiceName;
  schema: string;
  title: string;
  description: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** The service's own feature module, built on its infrastructure. */
  module: (infra: ServiceInfrastructure) => DynamicModule;
  /** Event handlers by event type, resolved from the running app. */
  handlers?: (app: INestApplication) => Record<string, PayloadHandler>;
  /** The service's own gauges on /metrics (backlogs, index sizes), read on each scrape. */
  gauges?: (infra: ServiceInfrastructure) => ServiceGauge[];
  /** Record types this service purges when their retention period is over. */
  retention?: ServiceRetention;
  /**
   * Paths whose successful requests are logged at debug rather than info: machine-to-machine
   * routes called thousands of times a second that already keep their own record (an audit row).
   */
  highVolumePaths?: readonly string[];
}

export interface RunningService {
  name: ServiceName;
  url: string;
  app: INestApplication;
  infra: ServiceInfrastructure;
  /** Stops taking HTTP requests; requests in progress finish. */
  stopHttp(): Promise<void>;
  /** Graceful stop: HTTP first, then the relay, then the database pool. Close the bus between the two when you own it. */
  close(): Promise<void>;
}

/**
 * Starts one service: migrates its schema, wires its infrastructure, mounts its API with
 * validation, error mapping, security headers, closed-by-default CORS, a per-client limit on
 * public write routes, the auditors' audit-log API and Swagger at /docs, subscribes its event handlers through the
 * inbox, starts its outbox relay, then listens.
 */
export async function bootstrapService(definition: ServiceDefinition, runtime: ServiceRuntimeOptions): Promise<RunningService> {
  const logger = rootLogger().child({ service: definition.name });
  const log = runtime.log ?? ((message: string) => logger.info(message));
  const dataSource = createServiceDataSource({
    url: runtime.databaseUrl,
    schema: definition.schema,
    entities: definition.entities,
    migrations: definition.migrations,
    onQueryError: (message) => logger.error({ context: 'database' }, message),
  });
  await initialiseServiceDatabase(dataSource, definition.schema);
  const transactions = new TransactionRunner(dataSource);
  const relayIntervalMs = runtime.relayIntervalMs ?? 1000;
  const relay: OutboxRelayHandle = runtime.relayThread
    ? new ThreadedOutboxRelay(
        { databaseUrl: runtime.databaseUrl, schema: definition.schema, intervalMs: relayIntervalMs, redisUrl: runtime.relayThread.redisUrl, busPrefix: runtime.relayThread.busPrefix, retry: runtime.relayThread.retry },
        { script: runtime.relayThread.script, argv: runtime.relayThread.argv, dataSource, log },
      )
    : new OutboxRelay(dataSource, runtime.bus, { schema: definition.schema, intervalMs: relayIntervalMs, listenUrl: runtime.databaseUrl, log });
  const infra: ServiceInfrastructure = {
    name: definition.name,
    schema: definition.schema,
    dataSource,
    transactions,
    bus: runtime.bus,
    relay,
    audit: new SqlAuditTrail(definition.schema, () => transactions.manager),
    cipher: new FieldCipher(runtime.keyEncryptionKeys ?? LocalKeyRing.ephemeral()),
    log,
  };

  const observability = new ServiceObservability({ service: definition.name, bus: runtime.bus, relay, jwtSecret: runtime.jwtSecret, metricsToken: metricsTokenFromEnv(process.env), logger, highVolumePaths: definition.highVolumePaths });
  observability.addGauges(definition.gauges?.(infra) ?? []);

  const signIn = await staffSignIn(infra, runtime);
  @Module({
    imports: [
      observability.module(signIn.staffDirectory),
      SecurityModule.register({
        jwtSecret: runtime.jwtSecret,
        ...signIn,
        apiKeys: { store: new SqlApiKeyStore(definition.schema, () => transactions.manager), audit: infra.audit, defaultRateLimitPerMinute: partnerRateLimitFromEnv(process.env), log },
      }),
      AuditModule.register({ reader: new SqlAuditLogReader(definition.schema, () => transactions.manager), audit: infra.audit }),
      PublicRateLimitModule.register(publicRateLimitFromEnv(process.env)),
      definition.module(infra),
    ],
    controllers: [HealthController],
    providers: [{ provide: SERVICE_INFRASTRUCTURE, useValue: infra }],
  })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestExpressApplication>(ServiceRootModule, { logger: observability.nestLogger(), bodyParser: true });
  observability.instrumentRequests(app);
  app.useBodyParser('json', { limit: '2mb' });
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  app.disable('x-powered-by');
  // No ETag on API answers: Express hashed every JSON body (POSTs included) for a 304 that API
  // clients do not ask for. Static web-app files keep theirs (serve-static sets its own).
  app.set('etag', false);
  applyHttpHardening(app, corsOriginsFromEnv(process.env), trustProxyFromEnv(process.env));
  observability.mountQueueBoard(app, signIn.staffDirectory);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(definition.title).setDescription(definition.description).setVersion('1').addBearerAuth().addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();

  // Periods are read (and checked) at every start, whether or not this process runs the schedule.
  const purge = definition.retention ? purgeUseCaseFor(definition.retention, infra, process.env) : undefined;
  const retention = purge && runtime.retentionIntervalMinutes ? new RetentionSchedule(purge, runtime.retentionIntervalMinutes, log) : undefined;

  if (definition.handlers) {
    const consumer = new InboxConsumer(transactions, definition.schema, definition.name, definition.handlers(app));
    await runtime.bus.subscribe(definition.name, observability.observeEvents(consumer.handle));
  }
  relay.start();
  retention?.start();
  await app.listen(runtime.port, runtime.host ?? '127.0.0.1');
  const url = `http://${runtime.host ?? '127.0.0.1'}:${runtime.port}`;

  let httpStopping: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  const stopHttp = () => (httpStopping ??= app.close());
  const close = () =>
    (closing ??= (async () => {
      await stopHttp();
      await retention?.stop();
      await relay.stop();
      await closeServiceDataSource(dataSource);
    })());
  return { name: definition.name, url, app, infra, stopHttp, close };
}
