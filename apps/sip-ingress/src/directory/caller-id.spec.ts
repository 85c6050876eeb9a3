import { DEFAULT_OUTBOUND_CALLER_ID, inboundCallerIdOf, outboundCallerIdOf } from './caller-id';
import { RUSSIAN_NUMBER_RULES } from './number-rules';

describe('inbound caller id', () => {
  it('prefers the asserted identity of the trusted trunk and normalises it', () => {
    expect(
      inboundCallerIdOf({ fromUser: 'anonymous', assertedIdentityUser: '89160000001' }, RUSSIAN_NUMBER_RULES),
    ).toEqual({ number: '+79160000001', restricted: false });
    expect(inboundCallerIdOf({ fromUser: '89160000002' }, RUSSIAN_NUMBER_RULES)).toEqual({
      number: '+79160000002',
      restricted: false,
    });
  });

  it('marks withheld and privacy-requesting callers as restricted', () => {
    expect(inboundCallerIdOf({ fromUser: 'anonymous' }, RUSSIAN_NUMBER_RULES)).toEqual({
      number: '',
      restricted: true,
    });
    expect(
      inboundCallerIdOf(
        { fromUser: 'anonymous', assertedIdentityUser: '+79160000001', privacy: 'user; id' },
        RUSSIAN_NUMBER_RULES,
      ),
    ).toEqual({ number: '+79160000001', restricted: true });
    expect(inboundCallerIdOf({ fromUser: '+79160000001', privacy: 'none' }, []).restricted).toBe(false);
  });
});

describe('outbound caller id', () => {
  const call = { callerNumber: '+79160000001', dialledNumber: '+74950000001' };

  it('passes the customer through in From and P-Asserted-Identity by default', () => {
    expect(outboundCallerIdOf(DEFAULT_OUTBOUND_CALLER_ID, call)).toEqual({
      fromUser: '+79160000001',
      assertedIdentityUser: '+79160000001',
      privacy: 'none',
    });
  });

  it('presents the dialled or a fixed number in the trunk format, in From only', () => {
    const national = [{ prefix: '+7', length: 12, strip: 2, add: '8' }];
    expect(
      outboundCallerIdOf({ present: 'dialled', identity: 'from', privacy: 'none', rules: national }, call),
    ).toEqual({ fromUser: '84950000001', privacy: 'none' });
    expect(
      outboundCallerIdOf({ present: { fixed: '+74950000000' }, identity: 'from', privacy: 'none', rules: [] }, call),
    ).toEqual({ fromUser: '+74950000000', privacy: 'none' });
  });

  it('asks for privacy with an anonymous From and the number only asserted', () => {
    expect(outboundCallerIdOf({ ...DEFAULT_OUTBOUND_CALLER_ID, privacy: 'id' }, call)).toEqual({
      fromUser: 'anonymous',
      assertedIdentityUser: '+79160000001',
      privacy: 'id',
    });
    expect(outboundCallerIdOf(DEFAULT_OUTBOUND_CALLER_ID, { ...call, callerRestricted: true }).privacy).toBe('id');
  });

  it('sends anonymous when there is no number to present', () => {
    expect(outboundCallerIdOf(DEFAULT_OUTBOUND_CALLER_ID, { ...call, callerNumber: '' })).toEqual({
      fromUser: 'anonymous',
      privacy: 'id',
    });
  });
});
