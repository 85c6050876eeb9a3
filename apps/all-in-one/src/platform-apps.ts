import { ReportingModule } from '@cc/reporting';
import { RoutingModule } from '@cc/routing';
import { SipIngressModule } from '@cc/sip-ingress';
import { type DynamicModule, type Type } from '@nestjs/common';

/**
 * Every app of the platform that runs inside the all-in-one process. Each app registers its root module here
 * when it exists; they share one event bus (the embedded log) and one PGlite, each in its own schema.
 */
export const PLATFORM_APPS: ReadonlyArray<{ name: string; module: Type<unknown> | DynamicModule }> = [
  { name: 'routing', module: RoutingModule.forRoot({ seedDemoTenant: true }) },
  { name: 'reporting', module: ReportingModule },
  { name: 'sip-ingress', module: SipIngressModule.forRoot({ seedDemoDirectory: true }) },
];
