/**
 * @jest-environment node
 *
 * Call message size: one UTF-8 length rule, so the bus (parseCommand) and the service (checkMessage) refuse
 * exactly the same messages as too large.
 */
import fc from 'fast-check';
import { parseCommand } from '../../src/bus/parseCommand';
import { checkMessage, exceedsUtf8Bytes, MAX_MESSAGE_BYTES, utf8ByteLength } from '../../src/contract/message';

const anyText = fc.string({ unit: 'binary', maxLength: 60 });

describe('utf8ByteLength', () => {
  it('counts the bytes Node encodes, surrogates and astral characters included (property)', () => {
    fc.assert(fc.property(anyText, (text) => utf8ByteLength(text) === Buffer.byteLength(text, 'utf8')));
  });

  it('exceedsUtf8Bytes answers like counting, around both of its shortcuts (property)', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.nat({ max: 200 }),
        (text, limit) => exceedsUtf8Bytes(text, limit) === utf8ByteLength(text) > limit,
      ),
      { numRuns: 1000 },
    );
  });
});

describe('message size', () => {
  /** A string whose JSON serialisation takes exactly `bytes` UTF-8 bytes, built from `unit` (1 to 4 bytes each). */
  function contentOf(bytes: number, unit: string): string {
    const quotes = 2;
    const unitBytes = Buffer.byteLength(unit, 'utf8');
    const units = Math.floor((bytes - quotes) / unitBytes);
    return unit.repeat(units) + 'x'.repeat(bytes - quotes - units * unitBytes);
  }

  it.each(['x', 'é', '€', '😀'])('is refused alike by the bus and the service just above %s-filled 10 KB', (unit) => {
    for (const bytes of [MAX_MESSAGE_BYTES - 1, MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES + 1]) {
      const content = contentOf(bytes, unit);
      expect(Buffer.byteLength(JSON.stringify(content), 'utf8')).toBe(bytes);
      const tooLarge = bytes > MAX_MESSAGE_BYTES;
      expect(checkMessage(content, 'user-defined-message').ok).toBe(!tooLarge);
      const parsed = parseCommand({ v: 1, id: 'm1', type: 'sendMessage', content });
      expect(parsed.ok ? 'accepted' : parsed.error.code).toBe(tooLarge ? 'invalid_argument' : 'accepted');
    }
  });
});
