/**
 * `lastError.code` is Twilio's number or one of the contract's codes, and the state schema accepts every
 * error the service's error mapper produces (a state it rejected would never reach a sibling).
 */
import { ERROR_CODES, LastErrorSchema, STATE_ERROR_CODES } from '../../src/contract/schema';
import { SoftphoneError } from '../../src/contract/service';
import { toLastError, tokenFailureError, unsupportedBrowserError } from '../../src/voice/errors';

const AT = 1_700_000_000_000;

function domError(name: string): Error {
  const error = new Error(`${name} happened`);
  error.name = name;
  return error;
}

function twilioError(code: unknown): Error {
  return Object.assign(new Error('Twilio says no'), { code, explanation: 'Because.', solutions: ['Try again.'] });
}

describe('LastError.code', () => {
  it.each([
    ['a Twilio error', twilioError(31005), 'call', 31005],
    ['a DOM exception Twilio has a code for', domError('NotAllowedError'), 'microphone', 31401],
    ['a blocked sound', domError('NotAllowedError'), 'audio', 'autoplay_blocked'],
    ['a SoftphoneError', new SoftphoneError('busy', 'Already in a call.'), 'command', 'busy'],
    ['a plain Error', new Error('boom'), 'device', 'internal_error'],
    ['a thrown string', 'boom', 'device', 'internal_error'],
    ['a code that is no Twilio code', twilioError(31005.5), 'call', 'internal_error'],
    [
      'a look-alike SoftphoneError with a code of no contract',
      Object.assign(new Error('?'), { name: 'SoftphoneError', code: 'made_up' }),
      'command',
      'internal_error',
    ],
  ] as const)('from %s is %j, and the state schema accepts it', (_what, error, source, code) => {
    const lastError = toLastError(error, { source, at: AT });
    expect(lastError.code).toBe(code);
    expect(LastErrorSchema.parse(lastError)).toEqual(lastError);
  });

  it('is accepted for the service’s own conditions', () => {
    for (const lastError of [unsupportedBrowserError(AT), tokenFailureError(new Error('offline'), 2, 4000, AT)]) {
      expect(LastErrorSchema.parse(lastError)).toEqual(lastError);
    }
  });

  it('is refused for strings outside the contract and for numbers that are no Twilio code', () => {
    const base = unsupportedBrowserError(AT);
    expect(LastErrorSchema.safeParse({ ...base, code: 'made_up' }).success).toBe(false);
    expect(LastErrorSchema.safeParse({ ...base, code: 31005.5 }).success).toBe(false);
    expect(LastErrorSchema.safeParse({ ...base, code: 53000 }).success).toBe(true);
  });

  it('keeps state-only codes apart from the codes replies carry', () => {
    expect(STATE_ERROR_CODES.filter((code) => (ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
