/**
 * Where a mounted softphone sends its requests: every relative URL resolves against `serverUrl` (never silently
 * against a shell's page), the deployment config's tokenUrl and sounds are used as its server names them, and a
 * failed /client-config is a visible error instead of a fallback to Twilio's defaults.
 */
import { SoftphoneInstance, type InstanceDeps } from '../../src/parcel/instance';
import { resolveClientConfigUrls } from '../../src/parcel/serverUrls';
import type { ClientConfigResult } from '../../src/parcel/clientConfig';
import type { VoiceServiceConfig } from '../../src/voice/config';
import { FakeSoftphoneService } from '../../src/contract/testing';

function harness(result: ClientConfigResult) {
  const configs: VoiceServiceConfig[] = [];
  const loaded: string[] = [];
  const warnings: string[] = [];
  const deps: InstanceDeps = {
    createService(config) {
      configs.push(config);
      return new FakeSoftphoneService(config.identity);
    },
    attachToBus: () => () => undefined,
    loadClientConfig: async (url) => {
      loaded.push(url);
      return result;
    },
    warn: (message) => warnings.push(message),
  };
  return { deps, configs, loaded, warnings };
}

const LOCAL: ClientConfigResult = {
  ok: true,
  config: {
    mode: 'local',
    tokenUrl: '/voice-token',
    device: { chunderw: 'phone.example:9000', sounds: { dtmf1: '/sounds/dtmf1.wav' } },
  },
};

describe('softphone server URLs', () => {
  it('loads /client-config from serverUrl and uses the tokenUrl and sounds it names, resolved against it', async () => {
    const h = harness(LOCAL);
    const instance = new SoftphoneInstance({ identity: 'alice', serverUrl: 'https://phone.example:9000' }, h.deps);
    await instance.start();
    expect(h.loaded).toEqual(['https://phone.example:9000/client-config']);
    expect(h.configs[0]!.tokenUrl).toBe('https://phone.example:9000/voice-token');
    expect(h.configs[0]!.gateway?.sounds).toEqual({ dtmf1: 'https://phone.example:9000/sounds/dtmf1.wav' });
    expect(instance.view.kind).toBe('ready');
    instance.destroy();
  });

  it('an explicit tokenUrl prop wins, resolved against serverUrl', async () => {
    const h = harness(LOCAL);
    const props = { identity: 'alice', serverUrl: 'https://phone.example', tokenUrl: '/mine' };
    const instance = new SoftphoneInstance(props, h.deps);
    await instance.start();
    expect(h.configs[0]!.tokenUrl).toBe('https://phone.example/mine');
    instance.destroy();
  });

  it('takes callControlUrl from /client-config; an older server without it means no call control', async () => {
    const advertised = harness({
      ok: true,
      config: { ...LOCAL.config, callControlUrl: '/call-control' },
    } as ClientConfigResult);
    const withRoute = new SoftphoneInstance(
      { identity: 'alice', serverUrl: 'https://phone.example:9000' },
      advertised.deps,
    );
    await withRoute.start();
    expect(advertised.configs[0]!.callControlUrl).toBe('https://phone.example:9000/call-control');
    withRoute.destroy();
    const older = harness(LOCAL);
    const withoutRoute = new SoftphoneInstance(
      { identity: 'alice', serverUrl: 'https://phone.example:9000' },
      older.deps,
    );
    await withoutRoute.start();
    expect(older.configs[0]!.callControlUrl).toBeNull();
    withoutRoute.destroy();
  });

  it('a callControlUrl prop wins (null turns call control off); without a config it is /call-control on the server', async () => {
    const h = harness(LOCAL);
    const props = { identity: 'alice', serverUrl: 'https://phone.example', callControlUrl: '/cc' };
    const explicit = new SoftphoneInstance(props, h.deps);
    await explicit.start();
    const off = new SoftphoneInstance({ ...props, callControlUrl: null }, h.deps);
    await off.start();
    const noConfig = new SoftphoneInstance(
      { identity: 'alice', serverUrl: 'https://phone.example', configUrl: null },
      h.deps,
    );
    await noConfig.start();
    expect(h.configs.map((c) => c.callControlUrl)).toEqual([
      'https://phone.example/cc',
      null,
      'https://phone.example/call-control',
    ]);
    [explicit, off, noConfig].forEach((instance) => instance.destroy());
  });

  it('shows a failed /client-config as an error and never starts a service with Twilio defaults', async () => {
    const h = harness({ ok: false, message: 'https://phone.example/client-config answered HTTP 404' });
    const instance = new SoftphoneInstance({ identity: 'alice', serverUrl: 'https://phone.example' }, h.deps);
    await instance.start();
    expect(h.configs).toEqual([]);
    expect(instance.view).toEqual({
      kind: 'invalid',
      message: expect.stringMatching(/configuration is unavailable.*404/),
    });
    expect(h.warnings.join(' ')).toMatch(/404/);
    instance.destroy();
  });

  it('refuses a serverUrl that is not an absolute http(s) URL', () => {
    const h = harness(LOCAL);
    const instance = new SoftphoneInstance({ identity: 'alice', serverUrl: '/relative' }, h.deps);
    expect(instance.view).toEqual({ kind: 'invalid', message: expect.stringMatching(/serverUrl/) });
  });

  it('keeps absolute sound URLs as the server gave them', () => {
    const config = resolveClientConfigUrls(
      { mode: 'local', device: { sounds: { incoming: 'https://cdn.example/ring.wav' } } },
      'https://phone.example/client-config',
    );
    expect(config.device.sounds).toEqual({ incoming: 'https://cdn.example/ring.wav' });
    expect(config.tokenUrl).toBeUndefined();
  });
});
