import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PlatformConfig } from '../config/platform-config';

/**
 * The process's one gRPC server. Feature modules register their services (`*.grpc.ts` providers) during module
 * init; the server starts listening when the application has bootstrapped.
 */
@Injectable()
export class GrpcServerService implements OnApplicationShutdown {
  private readonly logger = new Logger('grpc');
  private readonly server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  private boundPort: number | undefined;

  constructor(@Inject(PlatformConfig) private readonly config: PlatformConfig) {}

  addService<T extends UntypedServiceImplementation>(definition: ServiceDefinition, implementation: T): void {
    this.server.addService(definition, implementation);
  }

  async listen(): Promise<string> {
    const address = `${this.config.GRPC_HOST}:${this.config.GRPC_PORT}`;
    this.boundPort = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return `${this.config.GRPC_HOST}:${this.boundPort}`;
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.boundPort === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn('gRPC calls still running after 5 s: forcing shutdown');
        this.server.forceShutdown();
        resolve();
      }, 5_000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
