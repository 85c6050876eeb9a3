export { SipIngressModule } from './sip-ingress.module';
export { SipIngressService, type SipIngressOptions } from './sip-ingress.service';
export { SipIngressConfig } from './config/sip-ingress-config';
export { CallRunner } from './calls/call-runner';
export { type RoutingPort } from './calls/call-ports';
export { type CallState } from './calls/call-state';
