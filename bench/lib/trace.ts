/**
 * Where the main thread's time goes between two performance marks, from a Chromium trace: for every window from
 * `startMark` to the next `endMark`, the time inside tasks split into style recalculation, layout, style sheet
 * parsing, GC and the rest (script: ours, React, MUI), and the time outside any task (waiting). The CPU profile
 * reports browser work as one "(program)" bucket; the trace names it.
 */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat: string;
  args?: { name?: string };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8'];

/** Browser work nested in tasks, by trace event name. Everything else inside a task counts as script. */
const KINDS: Record<string, string> = {
  UpdateLayoutTree: 'style recalculation',
  Layout: 'layout',
  ParseAuthorStyleSheet: 'style sheet parsing',
  MinorGC: 'GC',
  MajorGC: 'GC',
  'V8.GC_SCAVENGER': 'GC',
  'V8.GC_MARK_COMPACTOR': 'GC',
};

interface Span {
  start: number;
  end: number;
}

const overlap = (a: Span, b: Span): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** Runs `action` under a trace; returns ms per window of each kind of work, and how many windows there were. */
export async function traceBetweenMarks(
  browser: Browser,
  page: Page,
  startMark: string,
  endMark: string,
  action: () => Promise<unknown>,
): Promise<{ windows: number; msPerWindow: Record<string, number> }> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await action();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const events = trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const marks = (name: string): number[] =>
    events.filter((e) => e.name === name && e.cat.includes('user_timing')).map((e) => e.ts);
  const ends = marks(endMark);
  const windows: Span[] = marks(startMark)
    .map((start) => ({ start, end: ends.find((end) => end > start) ?? start }))
    .filter((w) => w.end > w.start);
  const onMain = events.filter((e) => e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid);
  const spanOf = (e: TraceEvent): Span => ({ start: e.ts, end: e.ts + (e.dur ?? 0) });
  const sumOver = (list: TraceEvent[]): number =>
    list.reduce((sum, e) => sum + windows.reduce((s, w) => s + overlap(spanOf(e), w), 0), 0);

  const totals: Record<string, number> = {};
  for (const kind of new Set(Object.values(KINDS)))
    totals[kind] = sumOver(onMain.filter((e) => KINDS[e.name] === kind));
  const inTasks = sumOver(onMain.filter((e) => e.name === 'RunTask'));
  const browserWork = Object.values(totals).reduce((a, b) => a + b, 0);
  totals['script (ours, React, MUI, emotion)'] = Math.max(0, inTasks - browserWork);
  totals['outside tasks (waiting)'] = Math.max(0, windows.reduce((s, w) => s + w.end - w.start, 0) - inTasks);
  const msPerWindow = Object.fromEntries(
    Object.entries(totals).map(([kind, us]) => [kind, us / 1000 / Math.max(1, windows.length)]),
  );
  return { windows: windows.length, msPerWindow };
}

/** "script 9.1 ms, style recalculation 0.1 ms, …", largest first. */
export function describeTrace(msPerWindow: Record<string, number>): string {
  return Object.entries(msPerWindow)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, ms]) => `${kind} ${ms.toFixed(2)} ms`)
    .join(', ');
}
