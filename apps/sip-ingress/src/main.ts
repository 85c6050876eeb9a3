import 'reflect-metadata';
import { runService } from '@cc/platform';
import { SipIngressModule } from './sip-ingress.module';

void runService({
  name: 'sip-ingress',
  modules: [SipIngressModule.forRoot({ seedDemoDirectory: process.env['SEED_DEMO_TENANT'] === 'true' })],
});
