/**
 * The SDK's cypress/e2e/preflight.cy.ts against the local gateway: Device.runPreflight with the gateway's
 * ExtendedOptions (chunderw, eventgw, local sounds), its test call redirected to a receiving Device as in the spec.
 * Events and statuses in the spec's order: connecting, connected, warning, sample, completed with a full report;
 * codec and edge options; failed on stop() (31008) and on fatal Device errors, with the call's duration.
 * Scenarios run one after the other: the spec bounds durations measured from runPreflight (its connect time
 * included), which concurrent scenarios on a loaded machine would stretch.
 * Left out: the spec's `dublin` edge row (choosing a Twilio edge needs the Twilio cloud; the gateway is one edge).
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';

jest.setTimeout(90_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
});

afterAll(async () => {
  await rig?.close();
});

/**
 * In the page: a registered receiver that accepts every call, and a preflight whose Device's connect() calls the
 * receiver instead of the echo (the spec's connectOverride). Kept under `key` as { preflight, receiver, device }.
 */
async function startPreflight(key: string, options: Record<string, unknown> = {}): Promise<string> {
  return rig.run(
    async (s, [k, opts]: [string, Record<string, unknown>]) => {
      const receiverIdentity = s.identity('id1');
      const receiver = await s.device(receiverIdentity);
      receiver.on('error', () => undefined);
      await receiver.register();
      receiver.on('incoming', (call: InstanceType<typeof s.Call>) => call.accept());
      const token = await s.token(s.identity('id2'));
      const preflight = s.Device.runPreflight(token, await s.preflightOptions(opts));
      const device = (preflight as unknown as { _device: InstanceType<typeof s.Device> })._device;
      const connect = device.connect.bind(device);
      device.connect = () => connect({ params: { To: receiverIdentity } });
      const events = s.record(preflight, ['connected', 'warning', 'sample', 'completed', 'failed']);
      s.keep(k, { preflight, receiver, device, events });
      return preflight.status;
    },
    [key, options] as [string, Record<string, unknown>],
  );
}

type Kept = {
  preflight: InstanceType<typeof import('@twilio/voice-sdk').PreflightTest>;
  receiver: InstanceType<typeof import('@twilio/voice-sdk').Device>;
  device: InstanceType<typeof import('@twilio/voice-sdk').Device>;
  events: string[];
};

function teardown(key: string): Promise<void> {
  return rig.run((s, k: string) => {
    const { receiver, device } = s.kept<Kept>(k);
    s.destroy(receiver, device);
  }, key);
}

test('when the test finishes: connecting, connected, warning, sample, completed with a report', async () => {
  expect(await startPreflight('finishes')).toBe('connecting');
  const seen = await rig.run(async (s) => {
    const { preflight, receiver, device, events } = s.kept<Kept>('finishes');
    await s.expectEvent(preflight, 'connected', 30_000);
    const connectedStatus = preflight.status;
    const codecPreferences = (device as unknown as { _options: { codecPreferences: string[] } })._options
      .codecPreferences;
    // The spec's injected RTC warning, emitted by the preflight call's stats monitor.
    const call = (preflight as unknown as { _call: { _monitor: { emit(e: string, d: unknown): void } } })._call;
    const rtcWarning = { name: 'audioInputLevel', threshold: { name: 'maxDuration' } };
    const warning = s.expectEvent<{ name: string; rtcWarning: unknown }>(preflight, 'warning', 30_000);
    call._monitor.emit('warning', rtcWarning);
    const warned = await warning;
    // The spec hangs up from the receiver after 20 s; here once a sample carries a MOS (the report's callQuality
    // and stats are computed from those).
    let scored = false;
    preflight.on('sample', (sample: { mos?: number | null }) => {
      if (typeof sample.mos === 'number') scored = true;
    });
    await s.until(() => scored, 30_000, 'a sample with a MOS');
    const completed = s.expectEvent<Record<string, unknown> & { samples: unknown[]; warnings: unknown[] }>(
      preflight,
      'completed',
      30_000,
    );
    receiver.disconnectAll();
    const report = await completed;
    const present = ['callSid', 'callQuality', 'edge', 'networkTiming', 'stats', 'testTiming', 'totals'].filter(
      (field) => Boolean(report[field]),
    );
    return {
      connectedStatus,
      codecPreferences,
      warning: { name: warned.name, sameRtcWarning: JSON.stringify(warned.rtcWarning) === JSON.stringify(rtcWarning) },
      present,
      samples: report.samples.length,
      warnings: report.warnings.length,
      sameAsPreflightReport: JSON.stringify(report) === JSON.stringify(preflight.report),
      status: preflight.status,
      first: events[0],
      last: events[events.length - 1],
      kinds: [...new Set(events)].sort(),
    };
  });
  expect(seen).toMatchObject({
    connectedStatus: 'connected',
    codecPreferences: ['pcmu', 'opus'],
    warning: { name: 'constant-audio-input-level', sameRtcWarning: true },
    present: ['callSid', 'callQuality', 'edge', 'networkTiming', 'stats', 'testTiming', 'totals'],
    sameAsPreflightReport: true,
    status: 'completed',
    first: 'connected',
    last: 'completed',
    kinds: ['completed', 'connected', 'sample', 'warning'],
  });
  expect(seen.samples).toBeGreaterThan(0);
  expect(seen.warnings).toBeGreaterThan(0);
  await teardown('finishes');
});

test('uses the codecPreferences passed in', async () => {
  await startPreflight('codecs', { codecPreferences: ['pcmu'] });
  const codecs = await rig.run(
    (s) =>
      (s.kept<Kept>('codecs').device as unknown as { _options: { codecPreferences: string[] } })._options
        .codecPreferences,
  );
  expect(codecs).toEqual(['pcmu']);
  await teardown('codecs');
});

test.each([
  ['roaming', 'ashburn'],
  ['ashburn', 'ashburn'],
])('with edge %s the report has edge %s', async (selectedEdge, edge) => {
  const key = `edge-${selectedEdge}`;
  await startPreflight(key, { edge: selectedEdge });
  const report = await rig.run(async (s, k: string) => {
    const { preflight, receiver } = s.kept<Kept>(k);
    const completed = s.expectEvent<{ selectedEdge: string; edge: string }>(preflight, 'completed', 30_000);
    await s.expectEvent(preflight, 'connected', 30_000);
    receiver.disconnectAll();
    const r = await completed;
    return { selectedEdge: r.selectedEdge, edge: r.edge };
  }, key);
  expect(report).toEqual({ selectedEdge, edge });
  await teardown(key);
});

test('when the test is cancelled: connected, then failed with 31008 and the call duration', async () => {
  await startPreflight('cancelled');
  const seen = await rig.run(async (s) => {
    const { preflight } = s.kept<Kept>('cancelled');
    await s.expectEvent(preflight, 'connected', 30_000);
    const failed = s.expectEvent<{ code: number }>(preflight, 'failed', 30_000);
    // The delay is the scenario's subject (the duration the report must show), not a wait for a condition.
    const stopDelayMs = 1000;
    setTimeout(() => preflight.stop(), stopDelayMs);
    const error = await failed;
    return { code: error.code, durationMs: (preflight.endTime ?? 0) - preflight.startTime, stopDelayMs };
  });
  expect(seen.code).toBe(31008);
  expect(seen.durationMs).toBeGreaterThanOrEqual(seen.stopDelayMs);
  expect(seen.durationMs).toBeLessThanOrEqual(seen.stopDelayMs + 3000);
  await teardown('cancelled');
});

test.each([
  [31000, 'Signaling disconnected'],
  [31003, 'Ice connection failed'],
])('when fatal error %s happens: connected, then failed with that error', async (code, message) => {
  const key = `fatal-${code}`;
  await startPreflight(key);
  const seen = await rig.run(
    async (s, [k, error]: [string, { code: number; message: string }]) => {
      const { preflight, device } = s.kept<Kept>(k);
      await s.expectEvent(preflight, 'connected', 30_000);
      const failed = s.expectEvent<{ code: number; message: string }>(preflight, 'failed', 30_000);
      const failDelayMs = 500;
      setTimeout(() => device.emit('error', error), failDelayMs);
      const emitted = await failed;
      return {
        same: emitted === error || JSON.stringify(emitted) === JSON.stringify(error),
        durationMs: (preflight.endTime ?? 0) - preflight.startTime,
        failDelayMs,
      };
    },
    [key, { code, message }] as [string, { code: number; message: string }],
  );
  expect(seen.same).toBe(true);
  expect(seen.durationMs).toBeGreaterThanOrEqual(seen.failDelayMs);
  expect(seen.durationMs).toBeLessThanOrEqual(seen.failDelayMs + 3000);
  await teardown(key);
});
