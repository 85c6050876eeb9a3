export { SipIngressModule } from './sip-ingress.module';
export { SipIngressService, type SipIngressOptions } from './sip-ingress.service';
export { SipIngressConfig } from './config/sip-ingress-config';
