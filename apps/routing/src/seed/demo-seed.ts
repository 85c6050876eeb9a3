import { DEMO_TENANT_ID, demoTenantCommands, isTenantDefined } from '@cc/acd';
import { type RoutingGateway } from '../api/routing-gateway';

/**
 * Seeds the demo tenant of DEMO.md (libs/acd's demo-tenant.ts, the one seed file) through the same API a
 * supervisor uses, on a log where the tenant was never defined. A tenant that exists is left alone, however it was
 * changed since.
 */
export async function seedDemoTenant(gateway: RoutingGateway, now: number = Date.now()): Promise<'seeded' | 'kept'> {
  if (isTenantDefined(gateway.tenantConfig(DEMO_TENANT_ID))) return 'kept';
  for (const [index, command] of demoTenantCommands(now).entries()) {
    // Fixed command ids: a seed interrupted half-way and run again repeats nothing that was already applied.
    await gateway.changeConfig(command, { commandId: `seed:${DEMO_TENANT_ID}:${index}` });
  }
  return 'seeded';
}
