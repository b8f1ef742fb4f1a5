/** The call-log card: current call state per softphone, its persisted call history, and a live log of the bus. */
import { useEffect, useReducer, useRef, useState } from 'react';
import { createSoftphoneClient } from '@switchboard/softphone';
import type { SoftphoneState } from '../../src/contract/schema';
import { CallHistory, useBusHistory, type HistoryFeed } from './History';
import {
  describeEvent,
  describeStateChange,
  MEDIA_EVENT_NAMES,
  prependBounded,
  shortSid,
  type LogEntry,
  type LogLine,
} from './log';

interface LogModel {
  /** Keyed by identity in a Map: a plain object threw for identities like `constructor` or `__proto__`. */
  states: ReadonlyMap<string, SoftphoneState>;
  log: readonly LogEntry[];
  nextSeq: number;
}

type LogAction =
  { type: 'state'; state: SoftphoneState; at: number } | { type: 'line'; line: LogLine } | { type: 'clear' };

function reduce(model: LogModel, action: LogAction): LogModel {
  switch (action.type) {
    case 'state': {
      const lines = describeStateChange(model.states.get(action.state.instance), action.state, action.at);
      return {
        states: new Map(model.states).set(action.state.instance, action.state),
        log: lines.length ? prependBounded(model.log, lines, model.nextSeq) : model.log,
        nextSeq: model.nextSeq + lines.length,
      };
    }
    case 'line':
      return { ...model, log: prependBounded(model.log, [action.line], model.nextSeq), nextSeq: model.nextSeq + 1 };
    case 'clear':
      return { ...model, log: [] };
  }
}

const initial: LogModel = { states: new Map(), log: [], nextSeq: 1 };

function useBusLog(showMedia: boolean, history: HistoryFeed): [LogModel, () => void] {
  const [model, dispatch] = useReducer(reduce, initial);
  // Read through a ref so toggling the filter does not tear down the bus subscription.
  const showMediaRef = useRef(showMedia);
  showMediaRef.current = showMedia;
  useEffect(() => {
    const client = createSoftphoneClient();
    const states = client.state$.subscribe({
      next: (state) => {
        dispatch({ type: 'state', state, at: Date.now() });
        history.onState(state);
      },
    });
    const events = client.events$.subscribe({
      next: (event) => {
        history.onEvent(event);
        if (showMediaRef.current || !MEDIA_EVENT_NAMES.has(event.name))
          dispatch({ type: 'line', line: describeEvent(event) });
      },
    });
    return () => {
      states.unsubscribe();
      events.unsubscribe();
      client.destroy();
    };
  }, [history]);
  return [model, () => dispatch({ type: 'clear' })];
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

function CurrentCalls({ states }: { states: ReadonlyMap<string, SoftphoneState> }) {
  const instances = [...states.keys()].sort();
  if (instances.length === 0) return <p className="hint">Waiting for a softphone on the page…</p>;
  return (
    <table className="call-state">
      <caption>Current state</caption>
      <thead>
        <tr>
          <th scope="col">Phone</th>
          <th scope="col">Device</th>
          <th scope="col">Call</th>
        </tr>
      </thead>
      <tbody>
        {instances.map((instance) => {
          const state = states.get(instance)!;
          const call =
            state.calls.find((c) => c.sid === state.activeCallSid) ?? state.calls.find((c) => c.status !== 'closed');
          return (
            <tr key={instance} data-instance={instance}>
              <th scope="row">{instance}</th>
              <td>{state.device.state}</td>
              <td>
                {call
                  ? `${call.status}: ${call.direction === 'incoming' ? `from ${call.from ?? '?'}` : `to ${call.to ?? '?'}`}${call.muted ? ' (muted)' : ''}${call.held ? ' (on hold)' : ''} · ${shortSid(call.sid)}`
                  : 'no call'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CallLog() {
  const [showMedia, setShowMedia] = useState(false);
  const [histories, historyFeed] = useBusHistory();
  const [model, clear] = useBusLog(showMedia, historyFeed);
  return (
    <section className="card call-log" aria-labelledby="call-log-title">
      <h2 id="call-log-title">Call log</h2>
      <p className="hint">A sibling app using the RxJS client exported by @switchboard/softphone.</p>
      <CurrentCalls states={model.states} />
      <CallHistory histories={histories} />
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={showMedia} onChange={(e) => setShowMedia(e.currentTarget.checked)} /> Show
          volume and sample events
        </label>
        <button type="button" onClick={clear}>
          Clear log
        </button>
      </div>
      {/* Focusable so keyboard users can scroll the log (axe: scrollable-region-focusable). */}
      <ol className="event-log" aria-label="Event log" aria-live="off" tabIndex={0}>
        {model.log.map((entry) => (
          <li key={entry.seq} className={`log-${entry.kind}`} data-instance={entry.instance}>
            <time dateTime={new Date(entry.at).toISOString()}>{time(entry.at)}</time>
            <span className="log-instance">{entry.instance}</span>
            <span className="log-text">{entry.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
