import type { OutgoingAudio } from './serverPeer.js';

/** Keeps the sequence numbers and timestamps this peer sends continuous across changes of source. */
export class OutgoingStream {
  private source: string | null = null;
  private seqOffset = 0;
  private tsOffset = 0;
  private lastSeq = Math.floor(Math.random() * 0xffff);
  private lastTs = Math.floor(Math.random() * 0xffffffff);
  justRebased = false;

  map(frame: OutgoingAudio, source: string, clockRate: number): { sequenceNumber: number; timestamp: number } {
    this.justRebased = source !== this.source;
    if (this.justRebased) {
      this.source = source;
      this.seqOffset = (this.lastSeq + 1 - frame.sequenceNumber) & 0xffff;
      // One 20 ms frame after the last one sent.
      this.tsOffset = (this.lastTs + clockRate / 50 - frame.timestamp) >>> 0;
    }
    this.lastSeq = (frame.sequenceNumber + this.seqOffset) & 0xffff;
    this.lastTs = (frame.timestamp + this.tsOffset) >>> 0;
    return { sequenceNumber: this.lastSeq, timestamp: this.lastTs };
  }
}
