import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { SipTransport } from './transport';

describe('SipTransport start', () => {
  it('binds UDP and TCP on one port chosen by the system', async () => {
    const transport = new SipTransport({ host: '127.0.0.1', port: 0 });
    await transport.start();
    expect(transport.port).toBeGreaterThan(0);
    await transport.close();
  });

  it('refuses a fixed port whose TCP side is taken, and releases its UDP side', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const transport = new SipTransport({ host: '127.0.0.1', port });
    await expect(transport.start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The UDP port is free again.
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, '127.0.0.1', () => resolve());
    });
    udp.close();
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
});
