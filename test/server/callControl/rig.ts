/**
 * Call-control server tests without a browser: PStream clients (ScriptedClient) with werift media (LoopbackClient)
 * that each send a steady sine of their own pitch, so what a phone receives tells who it hears (Goertzel power at
 * each talker's pitch) and whether it hears hold music (energy at no talker's pitch).
 */
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { encodeMulaw, decodeMulaw } from '../../../server/media/g711';
import { pcmCodecFor } from '../../../server/media/pcmCodec';
import { SECRET, ScriptedClient, fetchInsecure, getJson } from '../support';
import { LoopbackClient } from '../support/loopbackClient';

export function voiceToken(identity: string): string {
  const t = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), SECRET, { identity, ttl: 600 });
  t.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return t.toJwt('HS256');
}

/**
 * Each phone's pitch: apart from each other, from ringback (440/480 Hz), from the hold music's notes (< 1 kHz), and
 * not in arithmetic progression: with evenly spaced pitches a lossy codec's intermodulation of two talkers (2f1 − f2)
 * lands exactly on the third one's pitch, and a three-way mix seemed to play a listener their own voice.
 */
export const PITCH: Record<string, number> = { alice: 1150, bob: 1450, carol: 1870, dave: 2390 };

function goertzel(samples: Int16Array, frequency: number): number {
  if (samples.length === 0) return 0;
  const k = (2 * Math.cos((2 * Math.PI * frequency) / 8000)) as number;
  let [s1, s2] = [0, 0];
  for (const x of samples) {
    const s = x / 32768 + k * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - k * s1 * s2)) / samples.length;
}

/** One call leg of a phone: its werift media and the tone it sends. */
export class Leg {
  private timer: NodeJS.Timeout | null = null;
  private phase = 0;
  private readonly opus = pcmCodecFor('audio/opus');

  constructor(
    readonly callSid: string,
    readonly media: LoopbackClient,
    private readonly pitch: number,
  ) {}

  /** Sends 20 ms frames of this phone's sine, in whatever codec the leg negotiated. */
  talk(): void {
    this.timer ??= setInterval(() => {
      const frame = new Int16Array(160);
      for (let i = 0; i < 160; i++)
        frame[i] = Math.round(6000 * Math.sin((2 * Math.PI * this.pitch * this.phase++) / 8000));
      const pcmu = this.media.sendCodec?.toLowerCase() === 'audio/pcmu';
      if (pcmu) this.media.sendFrame(encodeMulaw(frame), 160);
      else if (this.opus) this.media.sendFrame(this.opus.encode(frame), 960);
    }, 20);
  }

  /** What arrived in the last `ms`, decoded to 8 kHz PCM. */
  recent(ms = 600): Int16Array {
    const since = Date.now() - ms;
    const chunks = this.media.received
      .filter((p) => p.at >= since)
      .map((p) => (p.payloadType === 0 ? decodeMulaw(p.payload) : (this.opus?.decode(p.payload) ?? new Int16Array(0))));
    const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }

  /** Power of `identity`'s pitch in what arrived lately (0 = not heard). */
  hears(identity: string): number {
    return goertzel(this.recent(), PITCH[identity] ?? 0);
  }

  /** RMS of what arrived lately. */
  energy(): number {
    const samples = this.recent();
    let sum = 0;
    for (const s of samples) sum += s * s;
    return samples.length ? Math.sqrt(sum / samples.length) : 0;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.opus?.close();
    await this.media.close();
  }
}

/** A Device: a signalling socket authenticated as `identity`, registered, with werift media per call. */
export class Phone {
  readonly legs: Leg[] = [];
  private temp = 0;

  private constructor(
    readonly identity: string,
    readonly signal: ScriptedClient,
    private readonly pcmu: boolean,
  ) {}

  static async register(server: RunningServer, identity: string, pcmu = true): Promise<Phone> {
    const signal = await ScriptedClient.connect(server);
    signal.send('listen', { token: voiceToken(identity) });
    await signal.next('connected');
    signal.send('register', { media: { audio: true } });
    await signal.next('ready');
    return new Phone(identity, signal, pcmu);
  }

  /** Dials `to` and resolves once answered (early media applied as it comes). */
  async dial(to: string): Promise<Leg> {
    const media = new LoopbackClient({ pcmuFirst: this.pcmu });
    const tempSid = `TJ${this.identity}${++this.temp}`;
    this.signal.send('invite', {
      callsid: tempSid,
      sdp: await media.createOffer(),
      twilio: { params: `To=${encodeURIComponent(to)}` },
    });
    const ringing = await this.signal.next('ringing', undefined, 10_000);
    const callSid = ringing.payload['callsid'] as string;
    let applied = false;
    if (typeof ringing.payload['sdp'] === 'string') {
      await media.acceptAnswer(ringing.payload['sdp']);
      applied = true;
    }
    const answer = await this.signal.next('answer', (p) => p['callsid'] === callSid, 15_000);
    if (!applied) await media.acceptAnswer(answer.payload['sdp'] as string);
    return this.adopt(callSid, media);
  }

  /** Waits for the next incoming call (optionally with a custom parameter) and answers it. */
  async answer(where: (params: Record<string, unknown>) => boolean = () => true): Promise<Leg> {
    const invite = await this.signal.next('invite', (p) => where(p['parameters'] as Record<string, unknown>), 15_000);
    const media = new LoopbackClient({ pcmuFirst: this.pcmu });
    const callSid = invite.payload['callsid'] as string;
    this.signal.send('answer', { callsid: callSid, sdp: await media.answer(invite.payload['sdp'] as string) });
    return this.adopt(callSid, media);
  }

  hangup(leg: Leg): void {
    this.signal.send('hangup', { callsid: leg.callSid });
  }

  /** POST /call-control/<action> with this phone's access token. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted structurally
  async control(server: RunningServer, action: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetchInsecure(`${server.origin}/call-control/${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${voiceToken(this.identity)}`, 'content-type': 'application/json' },
    });
    return { status: res.status, body: JSON.parse(res.text) };
  }

  /** Hangs up every leg (a closed socket alone would keep calls for the reconnect grace) and closes. */
  async close(): Promise<void> {
    for (const leg of this.legs) this.hangup(leg);
    await Promise.all(this.legs.map((l) => l.close()));
    await this.signal.close();
  }

  private async adopt(callSid: string, media: LoopbackClient): Promise<Leg> {
    await media.connected();
    const leg = new Leg(callSid, media, PITCH[this.identity] ?? 500);
    this.legs.push(leg);
    leg.talk();
    return leg;
  }
}

/** Polls until `predicate` holds (audio takes a few frames to arrive after any change). */
export async function eventually(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted structurally
export async function legsOf(server: RunningServer, callSid: string): Promise<any> {
  return (await getJson(server, `/control/calls/${callSid}/legs`)).body;
}

/** Clearly present vs absent Goertzel power for a 6000-peak sine (≈0.09 when alone, ≈0 when absent). */
export const HEARD = 0.02;
export const NOT_HEARD = 0.005;
