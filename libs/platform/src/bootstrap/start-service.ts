import { createLogger, initTracing, type LoggerOptions, PinoNestLogger, shutdownTracing } from '@cc/telemetry';
import { type DynamicModule, type INestApplication, Module, type Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, PlatformConfig } from '../config/platform-config';
import { GrpcServerService } from '../grpc/grpc-server.service';
import { PlatformModule } from '../platform.module';

export interface ServiceDefinition {
  /** Service name: metrics, traces, logs, CloudEvents source (`cc/<name>`). */
  name: string;
  version?: string;
  /** The feature modules of the app(s) this process runs. */
  modules: Array<Type<unknown> | DynamicModule>;
}

export interface RunningService {
  app: INestApplication;
  config: PlatformConfig;
  httpUrl: string;
  grpcAddress: string;
  stop(): Promise<void>;
}

/**
 * Boots a service process: validated config, tracing, pino logs, the platform module plus the app modules, HTTP
 * and gRPC listeners. SIGINT/SIGTERM close it in order: consumers stop, pending publishes flush, the event log and
 * databases close, so nothing committed is lost.
 */
export async function startService(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const config = loadConfig(PlatformConfig, env);
  initTracing({ serviceName: definition.name, serviceVersion: definition.version, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL as LoggerOptions['level'] });
  const identity = { service: definition.name, version: definition.version ?? '0.1.0', startedAt: new Date() };

  @Module({ imports: [PlatformModule.forRoot(identity, config), ...definition.modules] })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, { logger: new PinoNestLogger(logger), abortOnError: false });
  // Lifecycle hooks (consumers stop, publishes flush, log and databases close) run on app.close(); runService
  // calls it on SIGINT/SIGTERM rather than Nest's own signal handling, which re-raises the signal.
  // Every HTTP input is validated against its DTO; a bad parameter is a 400 that names it.
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const grpcAddress = await app.get(GrpcServerService).listen();
  const address = app.getHttpServer().address() as { port: number };
  const httpUrl = `http://${config.HTTP_HOST}:${address.port}`;
  return {
    app,
    config,
    httpUrl,
    grpcAddress,
    stop: async () => {
      await app.close();
      await shutdownTracing();
    },
  };
}

/**
 * Entry point of a service's main.ts: starts it, prints where it listens, and turns a bad configuration into a
 * clear message and exit code 1 instead of a stack trace.
 */
export async function runService(
  definition: ServiceDefinition,
  describe: (service: RunningService) => string[] = (s) => [`HTTP API: ${s.httpUrl}`, `gRPC:     ${s.grpcAddress}`],
): Promise<RunningService | undefined> {
  const started = Date.now();
  try {
    const service = await startService(definition);
    const lines = [`${definition.name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`, ...describe(service)];
    process.stdout.write(`${lines.join('\n')}\n`);
    stopOnSignals(definition.name, service);
    return service;
  } catch (error) {
    process.stderr.write(`${definition.name} could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    // Half-opened resources (log, database, sockets) would keep the process alive; their locks are released by exit.
    process.exit(1);
  }
}

function stopOnSignals(name: string, service: RunningService): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${name}: ${signal} received, stopping\n`);
    service.stop().then(
      () => {
        process.stdout.write(`${name} stopped cleanly\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`${name} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
