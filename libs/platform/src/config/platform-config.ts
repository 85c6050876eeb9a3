import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

/**
 * The settings every service process shares, read once from the environment at boot and validated; nothing else
 * reads process.env. Unset KAFKA_BROKERS and DATABASE_URL mean the embedded mode (durable log + PGlite in
 * DATA_DIR). `.env.example` lists them with their defaults.
 */
export class PlatformConfig {
  /** Host the HTTP APIs (and the console) listen on. */
  @IsString()
  HTTP_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 8080;

  @IsString()
  GRPC_HOST = '127.0.0.1';

  /** gRPC (admin, health, service APIs); 0 picks a free port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  GRPC_PORT = 50051;

  /** Comma-separated Kafka bootstrap servers; unset: the embedded event log in DATA_DIR/event-log. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS?: string = undefined;

  /** postgres://... for PostgreSQL; unset: PGlite in DATA_DIR/pglite. Secret: may carry a password. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  DATABASE_URL?: string = undefined;

  /** Where the embedded modes keep their files. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** OTLP/HTTP endpoint for traces, e.g. http://otel-collector:4318; unset: traces are not exported. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  get embeddedLog(): boolean {
    return !this.KAFKA_BROKERS;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config class from the environment; throws ConfigError naming each bad variable. */
export function loadConfig<T extends object>(type: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new type() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(type, { ...defaults, ...raw }, { excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((c) => `${e.property}: ${c}`)));
  }
  return config;
}
