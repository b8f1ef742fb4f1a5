/**
 * werift's receiver statistics for one SSRC (`StreamStatistics.add`, webrtc/src/media/receiver/statistics.js),
 * updated by the RTP short cut (leanRtp.ts) with the same arithmetic: its RTCP receiver reports (loss, highest
 * sequence number, jitter) and `getStats` read these fields. One difference in means, not result: the arrival time
 * in clock units is truncated with `Math.trunc` where werift parses the float's decimal string (`parseInt`), which
 * alone was a tenth of a bridged call's CPU; both give the same integer for these positive values below 2^53.
 */

/** The fields of werift's `StreamStatistics` that `add` reads and writes (names as in werift 0.25). */
export interface StreamStatisticsInternals {
  clockRate: number;
  packets_received: number;
  bytesReceived: number;
  headerBytesReceived: number;
  lastPacketReceivedTimestamp?: number;
  base_seq?: number;
  max_seq?: number;
  cycles: number;
  last_arrival?: number;
  last_timestamp?: number;
  jitter_q4: number;
}

/** `a > b` for 16-bit sequence numbers (RFC 1982), as werift's `uint16Gt`. */
function uint16Gt(a: number, b: number): boolean {
  return (a < b && b - a > 0x8000) || (a > b && a - b < 0x8000);
}

export function addReceivedPacket(
  stats: StreamStatisticsInternals,
  header: { sequenceNumber: number; timestamp: number; serializeSize: number },
  payloadLength: number,
  now = Date.now() / 1000,
): void {
  const { sequenceNumber, timestamp } = header;
  const inOrder = stats.max_seq === undefined || uint16Gt(sequenceNumber, stats.max_seq);
  stats.packets_received += 1;
  stats.bytesReceived += payloadLength;
  stats.headerBytesReceived += header.serializeSize;
  stats.lastPacketReceivedTimestamp = performance.timeOrigin + performance.now();
  if (stats.base_seq === undefined) stats.base_seq = sequenceNumber;
  if (!inOrder) return;
  const arrival = Math.trunc(now * stats.clockRate);
  if (stats.max_seq !== undefined && sequenceNumber < stats.max_seq) stats.cycles += 1 << 16;
  stats.max_seq = sequenceNumber;
  if (timestamp !== stats.last_timestamp && stats.packets_received > 1) {
    const diff = Math.abs(arrival - (stats.last_arrival ?? 0) - (timestamp - (stats.last_timestamp ?? 0)));
    stats.jitter_q4 += diff - ((stats.jitter_q4 + 8) >> 4);
  }
  stats.last_arrival = arrival;
  stats.last_timestamp = timestamp;
}
