import { decideDial } from '../../../server/security/dialPolicy';

const US_CA = { allowedCountries: ['US', 'CA'] as const, blockedPrefixes: ['+1900', '+1976'] };
const CALLER_ID = '+14155550000';

test.each([
  ['client:bob', { kind: 'client', identity: 'bob' }],
  ['bob', { kind: 'client', identity: 'bob' }],
  ['+14155550100', { kind: 'number', number: '+14155550100', country: 'US' }],
  ['+14165550123', { kind: 'number', number: '+14165550123', country: 'CA' }],
  ['+18005551234', { kind: 'number', number: '+18005551234', country: 'US' }],
])('%s is dialled', (to, decision) => {
  expect(decideDial(to, US_CA, CALLER_ID)).toEqual(decision);
});

test.each([
  ['+19005551234', 'premium_rate'],
  ['+19765551234', 'premium_rate'],
  ['+442071234567', 'country_not_allowed'],
  ['+18762345678', 'country_not_allowed'],
  ['+15557654321', 'invalid_number'],
  ['+1415555010', 'invalid_number'],
  ['4357', 'short_code'],
  ['+12345', 'short_code'],
  ['client:has space', 'invalid_target'],
  ['', 'invalid_target'],
])('%s is refused: %s', (to, reason) => {
  expect(decideDial(to, US_CA, CALLER_ID)).toMatchObject({ kind: 'refused', reason });
});

test('the allowed countries and blocked prefixes come from the configuration', () => {
  const gb = { allowedCountries: ['GB'] as const, blockedPrefixes: ['+4470'] };
  expect(decideDial('+442071234567', gb, CALLER_ID)).toMatchObject({ kind: 'number', country: 'GB' });
  expect(decideDial('+14155550100', gb, CALLER_ID)).toMatchObject({ kind: 'refused', reason: 'country_not_allowed' });
  expect(decideDial('+447012345678', gb, CALLER_ID)).toMatchObject({ kind: 'refused', reason: 'premium_rate' });
  // UK premium-rate 09 numbers are classified by libphonenumber, with no prefix configured for them.
  expect(decideDial('+449098790000', gb, CALLER_ID)).toMatchObject({ kind: 'refused', reason: 'premium_rate' });
});

test('without a configured caller id no phone number is dialled (clients still are)', () => {
  expect(decideDial('+14155550100', US_CA, undefined)).toMatchObject({ kind: 'refused', reason: 'no_caller_id' });
  expect(decideDial('client:bob', US_CA, undefined)).toEqual({ kind: 'client', identity: 'bob' });
});
