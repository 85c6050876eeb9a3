import { isSipUri, parseUri, type SipEndpoint } from '@cc/sip';
import { type Registrar } from '../registrar/registrar';

/** Where an INVITE to an agent's phone goes: its Request-URI and the address it is sent to. */
export interface PhoneRoute {
  requestUri: string;
  destination: SipEndpoint;
}

/** The agent's phone on this ingress: its latest registration, else its desk phone; undefined when it has none. */
export function agentPhoneRoute(
  registrar: Registrar,
  tenantId: string,
  agentId: string,
  now: number,
): PhoneRoute | undefined {
  const contact = registrar.contactsOf(tenantId, agentId, now)[0];
  if (contact?.kind === 'registered') {
    return { requestUri: contact.uri, destination: registeredDestination(contact.uri, contact.source) };
  }
  if (contact?.kind === 'desk-phone') {
    const destination = endpointOfUri(contact.uri);
    if (destination) return { requestUri: contact.uri, destination };
  }
  return undefined;
}

/** The address a SIP URI points at (no DNS: hosts are addresses or names the resolver of the OS knows). */
export function endpointOfUri(text: string): SipEndpoint | undefined {
  try {
    const uri = parseUri(text);
    if (!isSipUri(uri)) return undefined;
    const transport = (uri.params.get('transport') ?? 'udp').toLowerCase() === 'tcp' ? 'tcp' : 'udp';
    return { transport, address: uri.host.replace(/^\[|\]$/g, ''), port: uri.port ?? 5060 };
  } catch {
    return undefined;
  }
}

/**
 * Where an INVITE to a registered phone goes. A phone behind NAT registers a Contact with an address it cannot be
 * reached at: then the address and port its REGISTER came from (and over TCP, its own connection) are used. A
 * Contact on the address the REGISTER came from is reachable as it is, whatever its port.
 */
export function registeredDestination(contactUri: string, source: SipEndpoint): SipEndpoint {
  if (source.transport === 'tcp') return source;
  const contact = endpointOfUri(contactUri);
  return contact && contact.address === source.address ? contact : source;
}
