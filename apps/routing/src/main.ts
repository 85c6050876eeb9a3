import 'reflect-metadata';
import { runService } from '@cc/platform';
import { RoutingModule } from './routing.module';

void runService({
  name: 'routing',
  modules: [RoutingModule.forRoot({ seedDemoTenant: process.env['SEED_DEMO_TENANT'] === 'true' })],
});
