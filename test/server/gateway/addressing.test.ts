import { clientIdentityOf, isE164Number, parseQuery, toQuery } from '../../../server/gateway/addressing';

describe('call addressing', () => {
  test('client targets resolve to their identity with or without the client: prefix', () => {
    expect(clientIdentityOf('client:bob')).toBe('bob');
    expect(clientIdentityOf('alice.smith@example+1')).toBe('alice.smith@example+1');
  });

  test('numbers and names outside the identity rule are not client targets', () => {
    expect(clientIdentityOf('+15551234567')).toBeNull();
    expect(clientIdentityOf('client:+15551234567')).toBeNull();
    expect(clientIdentityOf('client:bob smith')).toBeNull();
    expect(clientIdentityOf('sip:bob@example.com')).toBeNull();
    expect(clientIdentityOf('client:')).toBeNull();
    expect(clientIdentityOf('a'.repeat(121))).toBe('a'.repeat(121));
    expect(clientIdentityOf('a'.repeat(122))).toBeNull();
  });

  test('E.164 numbers need a leading + and at most 15 digits', () => {
    expect(isE164Number('+15551234567')).toBe(true);
    expect(isE164Number('15551234567')).toBe(false);
    expect(isE164Number('+0555')).toBe(false);
    expect(isE164Number('+1234567890123456')).toBe(false);
  });

  test('custom parameters survive a query-string round trip', () => {
    const params = { To: 'client:bob', note: 'a&b=c d' };
    expect(parseQuery(toQuery(params))).toEqual(params);
    expect(parseQuery(undefined)).toEqual({});
  });
});
