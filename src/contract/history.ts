/**
 * Call history: one entry per finished call, persisted per identity (IndexedDB, see src/history) and shared by
 * every tab. The `history` command returns it newest first; the `history` event announces each change.
 */
import * as z from 'zod/mini';

/** How many calls are kept per identity; older ones are dropped as new ones arrive. */
export const MAX_HISTORY_ENTRIES = 500;
/** What the `history` command returns when it names no limit. */
export const DEFAULT_HISTORY_LIMIT = 50;

export const HistoryEntrySchema = z.object({
  /** The call's stable `sid` (CallState.sid). */
  id: z.string().check(z.minLength(1)),
  /** Twilio's CallSid when it was known. */
  twilioCallSid: z.nullable(z.string()),
  direction: z.enum(['incoming', 'outgoing']),
  /** Who was on the other end: the caller of an incoming call, the callee of an outgoing one. */
  peer: z.nullable(z.string()),
  startedAt: z.number(),
  answeredAt: z.nullable(z.number()),
  endedAt: z.number(),
  /** Connected time in ms (0 for calls never answered). */
  durationMs: z.number().check(z.minimum(0)),
  endReason: z.nullable(z.string()),
  /** An incoming call that rang out or was cancelled by the caller without being answered here. */
  missed: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryLimitSchema = z.number().check(z.int(), z.minimum(1), z.maximum(MAX_HISTORY_ENTRIES));
export const HistoryResultSchema = z.object({ calls: z.array(HistoryEntrySchema) });
export type HistoryResult = z.infer<typeof HistoryResultSchema>;

/** Where a tab stands among the tabs of one identity (SoftphoneState.device.tab). */
export const TabInfoSchema = z.object({
  /** The leader owns the Device and the audio; followers mirror its state and forward their commands. */
  role: z.enum(['leader', 'follower']),
  /** How many tabs of this browser profile show this identity. */
  tabs: z.number().check(z.int(), z.minimum(1)),
});
export type TabInfo = z.infer<typeof TabInfoSchema>;

/** Which saved audio choices no longer exist (the default is used instead). */
export const SavedDeviceKindSchema = z.enum(['input', 'output', 'ringtone']);
export type SavedDeviceKind = z.infer<typeof SavedDeviceKindSchema>;
