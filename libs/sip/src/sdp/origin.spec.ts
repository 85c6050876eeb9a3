import { SdpOrigin } from './origin';

const sdp = (origin: string, port: number) =>
  Buffer.from(`v=0\r\no=${origin}\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\n`);

describe('SdpOrigin', () => {
  it('sends the first description as it is and later ones under its origin, version by version', () => {
    const dialog = new SdpOrigin();
    const first = sdp('agent1 1000 7 IN IP4 192.0.2.1', 4000);
    expect(dialog.stamp(first)).toBe(first);
    const second = dialog.stamp(sdp('agent2 555 1 IN IP4 192.0.2.2', 5000)).toString();
    expect(second).toContain('o=agent1 1000 8 IN IP4 192.0.2.1\r\n');
    expect(second).toContain('m=audio 5000 RTP/AVP 0');
    expect(dialog.stamp(sdp('agent3 9 9 IN IP4 192.0.2.3', 6000)).toString()).toContain('o=agent1 1000 9 IN IP4');
  });

  it('passes the first phone’s own later versions through as they are', () => {
    const dialog = new SdpOrigin();
    dialog.stamp(sdp('partner 77 1 IN IP4 192.0.2.1', 4000));
    const same = sdp('partner 77 2 IN IP4 192.0.2.1', 4002);
    expect(dialog.stamp(same)).toBe(same);
    expect(dialog.stamp(sdp('agent 5 1 IN IP4 192.0.2.9', 5000)).toString()).toContain('o=partner 77 3 IN IP4');
  });

  it('keeps versions beyond 2^53 exact and leaves a description without o= alone', () => {
    const dialog = new SdpOrigin();
    dialog.stamp(sdp('a 1 9007199254740993 IN IP4 192.0.2.1', 4000));
    expect(dialog.stamp(sdp('b 2 1 IN IP4 192.0.2.2', 5000)).toString()).toContain('o=a 1 9007199254740994 IN');
    const bare = Buffer.from('v=0\r\ns=-\r\n');
    expect(dialog.stamp(bare)).toBe(bare);
  });
});
