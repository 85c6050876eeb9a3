import { sourceTrustOf } from './source-trust';

describe('sourceTrustOf', () => {
  const trust = sourceTrustOf(
    { isTrunkSource: (a) => a === '192.0.2.1', isDeskPhoneSource: (a) => a === '192.0.2.10' },
    { hasBindingFrom: (a) => a === '198.51.100.7' || a === '192.0.2.1' },
  );

  it('ranks a trunk source above a phone, and knows nothing else', () => {
    expect(trust.trustOf('192.0.2.1')).toBe('trunk');
    expect(trust.trustOf('198.51.100.7')).toBe('agent');
    expect(trust.trustOf('192.0.2.10')).toBe('agent');
    expect(trust.trustOf('203.0.113.9')).toBe('unknown');
  });
});
