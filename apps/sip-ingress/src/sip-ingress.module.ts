import { DatabaseModule, loadConfig } from '@cc/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { SipIngressConfig } from './config/sip-ingress-config';
import {
  SIP_DIRECTORY_CONTROLLERS,
  SIP_DIRECTORY_ENTITIES,
  SIP_DIRECTORY_PROVIDERS,
} from './directory/sip-directory-parts';
import { SIP_DIRECTORY_SETTINGS, type SipDirectorySettings } from './directory/sip-directory-settings';
import { CallControlGrpc } from './originate/call-control.grpc';
import { SIP_INGRESS_MIGRATIONS } from './migrations/sip-ingress-migrations';
import { SIP_INGRESS_SCHEMA } from './sip-ingress-schema';
import { SIP_INGRESS_OPTIONS, SipIngressService, type SipIngressOptions } from './sip-ingress.service';

/**
 * The SIP ingress: a B2BUA between carriers' trunks and agents' phones, its directory (DIDs, trunks, agent
 * credentials) in its own schema with the REST API under /api/sip, and the calls it hands to routing.
 */
@Module({})
export class SipIngressModule {
  static forRoot(options: SipIngressOptions & { env?: NodeJS.ProcessEnv } = {}): DynamicModule {
    const config = loadConfig(SipIngressConfig, options.env);
    return {
      module: SipIngressModule,
      imports: [
        DatabaseModule.forSchema({
          schema: SIP_INGRESS_SCHEMA,
          entities: SIP_DIRECTORY_ENTITIES,
          migrations: SIP_INGRESS_MIGRATIONS,
        }),
      ],
      controllers: SIP_DIRECTORY_CONTROLLERS,
      providers: [
        { provide: SipIngressConfig, useValue: config },
        { provide: SIP_INGRESS_OPTIONS, useValue: options },
        {
          provide: SIP_DIRECTORY_SETTINGS,
          useValue: {
            defaultTenantId: config.SIP_DEFAULT_TENANT,
            secret: config.SIP_SECRET,
            refreshIntervalMs: config.SIP_DIRECTORY_REFRESH_MS,
          } satisfies SipDirectorySettings,
        },
        ...SIP_DIRECTORY_PROVIDERS,
        SipIngressService,
        CallControlGrpc,
      ],
      exports: [SipIngressService],
    };
  }
}
