/** Human wording for machine values in the state (warnings, feedback issues, durations, messages). */
import type { FeedbackIssue } from '../contract/schema';

export interface WarningText {
  title: string;
  advice: string;
}

/** Plain advice for each SDK quality warning name (CALL_WARNINGS). */
export const WARNING_TEXT: Readonly<Record<string, WarningText>> = {
  'high-rtt': {
    title: 'High latency',
    advice: 'There is a delay on the line. Move closer to your Wi-Fi router or use a wired connection.',
  },
  'high-jitter': {
    title: 'Unstable connection',
    advice: 'Audio may sound choppy. Pause large downloads or video streams on your network.',
  },
  'low-mos': {
    title: 'Poor call quality',
    advice: 'The call sounds degraded. Check your network, or hang up and call again.',
  },
  'high-packet-loss': {
    title: 'Packet loss',
    advice: 'Parts of the audio are being lost. Switch to a more reliable network if you can.',
  },
  'high-packets-lost-fraction': {
    title: 'Heavy packet loss',
    advice: 'Much of the audio is being lost. Switch to a more reliable network if you can.',
  },
  'low-bytes-received': {
    title: 'No audio from caller',
    advice: 'You are not receiving audio. Ask the other person to check their microphone, or call again.',
  },
  'low-bytes-sent': {
    title: 'Your audio is not sent',
    advice: 'Your audio is not reaching the other side. Check your microphone and network.',
  },
  'constant-audio-input-level': {
    title: 'Microphone silent',
    advice: 'Your microphone is picking up no sound. Check that it is not muted and that the right one is selected.',
  },
  'ice-connectivity-lost': {
    title: 'Connection lost',
    advice: 'The media connection dropped. Check your network; the call will try to reconnect.',
  },
};

export function warningText(name: string): WarningText {
  return (
    WARNING_TEXT[name] ?? { title: name, advice: 'The call quality is degraded. Check your network and audio devices.' }
  );
}

export const FEEDBACK_ISSUE_LABELS: Readonly<Record<FeedbackIssue, string>> = {
  'audio-latency': 'Audio delay',
  'choppy-audio': 'Choppy audio',
  'dropped-call': 'Call dropped',
  echo: 'Echo',
  'noisy-call': 'Noise on the line',
  'one-way-audio': 'Only one side could hear',
};

/** `m:ss`, or `h:mm:ss` from one hour on. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Call message content as display text (strings verbatim, anything else as JSON). Never HTML. */
export function messageContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  try {
    return JSON.stringify(content) ?? String(content);
  } catch {
    return String(content);
  }
}

/** UTF-8 size of a string, for the call message size limit. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The other party of a call as shown to people: `client:bob` → `bob`. */
export function partyName(value: string | null): string {
  if (!value) return 'Unknown caller';
  return value.startsWith('client:') ? value.slice('client:'.length) : value;
}
