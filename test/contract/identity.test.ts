/**
 * @jest-environment node
 *
 * One identity rule: the browser (the contract's rule, the parcel's `identity` prop, `client:NAME` dialling)
 * and the server (token identity check, identity schema of the control API, the identity grant of a verified
 * access token) accept exactly the same identities, on generated and on edge cases.
 */
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { parseDialTarget } from '../../src/contract/dialTarget';
import { IDENTITY_PATTERN, IdentitySchema, isValidIdentity, MAX_IDENTITY_LENGTH } from '../../src/contract/identity';
import { parseParcelProps } from '../../src/parcel/props';
import * as serverRule from '../../server/tokens/identity';
import { verifyVoiceToken } from '../../server/tokens/verify';

const SECRET = 'identity-test-secret';
const NOW_MS = 1_700_000_000_000;

/** The Twilio access token shape verifyVoiceToken reads: an identity grant and a voice grant. */
function tokenFor(identity: unknown): Promise<string> {
  const iat = Math.floor(NOW_MS / 1000);
  return new SignJWT({ grants: { identity, voice: { incoming: { allow: true } } } })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(new TextEncoder().encode(SECRET));
}

/** Every rule's answer for one candidate, browser side and server side. */
async function answers(candidate: unknown): Promise<Record<string, boolean>> {
  const verified = await verifyVoiceToken(await tokenFor(candidate), SECRET, () => NOW_MS);
  const all: Record<string, boolean> = {
    'contract isValidIdentity': isValidIdentity(candidate),
    'contract IdentitySchema': IdentitySchema.safeParse(candidate).success,
    'parcel identity prop': parseParcelProps({ identity: candidate }).ok,
    'server isValidIdentity': serverRule.isValidIdentity(candidate),
    'server identitySchema': serverRule.identitySchema.safeParse(candidate).success,
    'server IDENTITY_PATTERN': typeof candidate === 'string' && serverRule.IDENTITY_PATTERN.test(candidate),
    'server token identity grant': verified.ok && verified.identity === candidate,
  };
  // The dial pad trims what was typed, so only identities without trailing whitespace can be compared.
  if (typeof candidate === 'string' && candidate === candidate.trimEnd())
    all['client:NAME dial target'] = parseDialTarget(`client:${candidate}`).ok;
  return all;
}

function expectAgreement(candidate: unknown, all: Record<string, boolean>): void {
  const expected = isValidIdentity(candidate);
  const disagreeing = Object.entries(all).filter(([, accepted]) => accepted !== expected);
  if (disagreeing.length > 0)
    throw new Error(
      `${JSON.stringify(candidate)}: ${disagreeing.map(([rule]) => rule).join(', ')} disagree with ${expected}`,
    );
}

const ALLOWED = [...'abcxyzABCXYZ0189_.@+-'];
const NEAR_MISSES = [
  ' ',
  '\t',
  '\n',
  '/',
  ':',
  '%',
  '#',
  '?',
  '&',
  '=',
  '*',
  '~',
  'é',
  'ß',
  'ı',
  'K',
  '😀',
  '\u0000',
  '\u200b',
  '\ud800',
];

const candidates: fc.Arbitrary<unknown> = fc.oneof(
  fc.stringMatching(IDENTITY_PATTERN),
  fc.string({ unit: fc.constantFrom(...ALLOWED, ...NEAR_MISSES), minLength: 0, maxLength: MAX_IDENTITY_LENGTH + 3 }),
  fc.string({
    unit: fc.constantFrom(...ALLOWED),
    minLength: MAX_IDENTITY_LENGTH - 2,
    maxLength: MAX_IDENTITY_LENGTH + 2,
  }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  ),
);

describe('the identity rule', () => {
  it.each([
    ['agent@acme', true],
    ['alice', true],
    ['a', true],
    ['@', true],
    ['constructor', true],
    ['__proto__', true],
    ['x'.repeat(MAX_IDENTITY_LENGTH), true],
    ['x'.repeat(MAX_IDENTITY_LENGTH + 1), false],
    ['', false],
    ['al ice', false],
    [' alice', false],
    ['alice\n', false],
    ['client:alice', false],
    ['ålice', false],
    ['😀', false],
    ['ａlice', false],
  ])('%j: %s everywhere', async (candidate, valid) => {
    const all = await answers(candidate);
    expect(isValidIdentity(candidate)).toBe(valid);
    expectAgreement(candidate, all);
  });

  it('agrees between browser and server on generated candidates (property, fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(candidates, async (candidate) => expectAgreement(candidate, await answers(candidate))),
      { numRuns: 400 },
    );
  });

  it('is the same rule object on the server, not a copy', () => {
    expect(serverRule.IDENTITY_PATTERN).toBe(IDENTITY_PATTERN);
    expect(serverRule.isValidIdentity).toBe(isValidIdentity);
  });
});
