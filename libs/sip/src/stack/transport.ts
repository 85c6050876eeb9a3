import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { createResponse } from '../message/builders';
import { type SipEndpoint, type SipMessage } from '../message/message';
import { parseMessage } from '../message/parser';
import { serializeMessage } from '../message/serializer';
import { SipStreamDecoder } from '../message/stream-decoder';
import { formatVia, parseVia } from '../message/via';

export interface SipLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export const SILENT_LOGGER: SipLogger = { debug: () => undefined, warn: () => undefined };

/** What the application says of a message before any transaction state exists for it. */
export type Admission =
  'accept' | 'drop' | { status: number; reason: string; headers?: ReadonlyArray<readonly [string, string]> };

export interface SipTransportOptions {
  host: string;
  /** 0 picks a free port (the same one for UDP and TCP). */
  port: number;
  maxMessageBytes?: number;
  /** Idle TCP connections are closed after this long (phones keep theirs alive with CRLF pings). */
  tcpIdleMs?: number;
  logger?: SipLogger;
  admit?: (source: SipEndpoint, message: SipMessage) => Admission;
}

/** Ports tried when the system picks one (port 0) and TCP finds it taken. */
const START_ATTEMPTS = 10;

type MessageHandler = (message: SipMessage, source: SipEndpoint) => void;

/**
 * SIP over UDP and TCP on one address (RFC 3261 §18): parses what arrives, stamps `received`/`rport` on requests
 * (RFC 3581), answers malformed requests when they can be answered, and sends over the connection a peer opened
 * when there is one. Never throws out of a socket callback.
 */
export class SipTransport {
  private udp?: dgram.Socket;
  private tcp?: net.Server;
  private readonly connections = new Map<string, net.Socket>();
  private handler: MessageHandler = () => undefined;
  private readonly logger: SipLogger;
  private readonly maxMessageBytes: number;
  private boundPort = 0;

  constructor(private readonly options: SipTransportOptions) {
    this.logger = options.logger ?? SILENT_LOGGER;
    this.maxMessageBytes = options.maxMessageBytes ?? 65_535;
  }

  get host(): string {
    return this.options.host;
  }

  get port(): number {
    return this.boundPort;
  }

  onMessage(handler: MessageHandler): void {
    this.handler = handler;
  }

  /**
   * Binds UDP, then TCP on the same port. With port 0 the UDP port is chosen by the system and may be taken for TCP
   * (another socket's ephemeral port): then both are given up and another port is tried.
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const udp = await this.bindUdp();
      const port = udp.address().port;
      try {
        this.tcp = await this.listenTcp(port);
        this.udp = udp;
        this.boundPort = port;
        return;
      } catch (error) {
        await new Promise<void>((resolve) => udp.close(() => resolve()));
        const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (this.options.port !== 0 || !taken || attempt >= START_ATTEMPTS) throw error;
      }
    }
  }

  private async bindUdp(): Promise<dgram.Socket> {
    const udp = dgram.createSocket({
      type: this.options.host.includes(':') ? 'udp6' : 'udp4',
      recvBufferSize: 4 << 20,
      sendBufferSize: 4 << 20,
    });
    udp.on('message', (data, rinfo) =>
      this.receiveDatagram(data, { transport: 'udp', address: rinfo.address, port: rinfo.port }),
    );
    udp.on('error', (error) => this.logger.warn('SIP UDP socket error', { error: String(error) }));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(this.options.port, this.options.host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    return udp;
  }

  private async listenTcp(port: number): Promise<net.Server> {
    const tcp = net.createServer((socket) => this.adoptConnection(socket));
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(port, this.options.host, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
    tcp.on('error', (error) => this.logger.warn('SIP TCP server error', { error: String(error) }));
    return tcp;
  }

  async close(): Promise<void> {
    for (const socket of this.connections.values()) socket.destroy();
    this.connections.clear();
    await new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve()));
    this.udp = undefined;
    this.tcp = undefined;
  }

  /** Sends a message to an endpoint; over TCP, through the open connection to it or a new one. */
  send(message: SipMessage, destination: SipEndpoint): void {
    const bytes = serializeMessage(message);
    if (destination.transport === 'udp') {
      this.udp?.send(bytes, destination.port, destination.address, (error) => {
        if (error)
          this.logger.warn('SIP UDP send failed', {
            error: String(error),
            to: `${destination.address}:${destination.port}`,
          });
      });
      return;
    }
    const key = connectionKey(destination.address, destination.port);
    let socket = this.connections.get(key);
    if (!socket || socket.destroyed) {
      socket = net.connect({ host: destination.address, port: destination.port });
      this.adoptConnection(socket, key);
    }
    socket.write(bytes);
  }

  /** Where a response to a request from `source` goes (RFC 3261 §18.2.2, RFC 3581): back where it came from. */
  responseDestination(source: SipEndpoint): SipEndpoint {
    return source;
  }

  private receiveDatagram(data: Buffer, source: SipEndpoint): void {
    try {
      if (data.length <= 4 && data.every((b) => b === 0x0d || b === 0x0a)) return;
      const parsed = parseMessage(data, this.maxMessageBytes);
      if (!parsed.ok) {
        this.rejectMalformed(parsed.error.status, parsed.error.reason, parsed.error.request, source);
        return;
      }
      this.deliver(parsed.message, source);
    } catch (error) {
      this.logger.warn('SIP datagram dropped', { error: String(error), from: source.address });
    }
  }

  private adoptConnection(socket: net.Socket, key?: string): void {
    const decoder = new SipStreamDecoder({ maxMessageBytes: this.maxMessageBytes });
    let connectionKeyValue = key;
    const register = () => {
      if (!connectionKeyValue && socket.remoteAddress && socket.remotePort) {
        connectionKeyValue = connectionKey(socket.remoteAddress, socket.remotePort);
      }
      if (connectionKeyValue) this.connections.set(connectionKeyValue, socket);
    };
    register();
    socket.setNoDelay(true);
    socket.setTimeout(this.options.tcpIdleMs ?? 600_000, () => socket.destroy());
    socket.on('connect', register);
    socket.on('data', (chunk) => {
      try {
        const source: SipEndpoint = {
          transport: 'tcp',
          address: normaliseAddress(socket.remoteAddress ?? ''),
          port: socket.remotePort ?? 0,
        };
        for (const item of decoder.push(chunk)) {
          if (item.kind === 'keepalive') socket.write('\r\n');
          else if (item.kind === 'message') this.deliver(item.message, source);
          else {
            this.rejectMalformed(item.error.status, item.error.reason, item.error.request, source);
            if (item.fatal) socket.end();
          }
        }
      } catch (error) {
        this.logger.warn('SIP stream closed after an error', { error: String(error) });
        socket.destroy();
      }
    });
    socket.on('error', (error) => this.logger.debug('SIP TCP connection error', { error: String(error) }));
    socket.on('close', () => {
      if (connectionKeyValue && this.connections.get(connectionKeyValue) === socket)
        this.connections.delete(connectionKeyValue);
    });
  }

  private deliver(message: SipMessage, source: SipEndpoint): void {
    if (message.kind === 'request') stampReceived(message, source);
    const admission = this.options.admit?.(source, message) ?? 'accept';
    if (admission === 'drop') return;
    if (admission !== 'accept') {
      if (message.kind === 'request' && message.method !== 'ACK') {
        const response = createResponse(message, admission.status, admission.reason, { headers: admission.headers });
        this.send(response, source);
      }
      return;
    }
    this.handler(message, source);
  }

  private rejectMalformed(
    status: number | undefined,
    reason: string,
    request: SipMessage | undefined,
    source: SipEndpoint,
  ): void {
    this.logger.debug('SIP message rejected', { reason, status, from: `${source.address}:${source.port}` });
    if (status === undefined || !request || request.kind !== 'request' || request.method === 'ACK') return;
    if (!request.headers.has('via') || !request.headers.has('call-id') || !request.headers.has('cseq')) return;
    try {
      stampReceived(request, source);
      this.send(createResponse(request, status, reason), source);
    } catch {
      // A request too broken to answer is dropped.
    }
  }
}

/** Adds received= and fills rport on the top Via (RFC 3261 §18.2.1, RFC 3581 §4). */
function stampReceived(message: SipMessage, source: SipEndpoint): void {
  const top = message.headers.getAll('via')[0];
  if (top === undefined) return;
  let via;
  try {
    via = parseVia(top);
  } catch {
    return;
  }
  let changed = false;
  if (via.host !== source.address) {
    via.params.set('received', source.address);
    changed = true;
  }
  if (via.params.has('rport') && via.params.get('rport') === null) {
    via.params.set('rport', String(source.port));
    via.params.set('received', source.address);
    changed = true;
  }
  if (!changed) return;
  message.headers.shift('via');
  message.headers.prepend('Via', formatVia(via));
}

function connectionKey(address: string, port: number): string {
  return `${normaliseAddress(address)}:${port}`;
}

function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
