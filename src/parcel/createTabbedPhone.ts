/** Wires a TabbedPhone for the browser: Web Locks + BroadcastChannel coordination, IndexedDB history, notifications. */
import type { SoftphoneService } from '../contract/service';
import { CallHistory } from '../history/callHistory';
import { browserNotifierEnvironment } from '../notifications/callNotifier';
import { createTabCoordinator } from '../tabs/coordinator';
import { resolveVoiceServiceConfig } from '../voice/config';
import { createVoiceService, type VoiceServiceConfig } from '../voice/createVoiceService';
import { loadSdkDeviceFactory } from '../voice/sdkAdapter';
import { TabbedPhone } from './tabbedPhone';

export function createTabbedPhone(config: VoiceServiceConfig): SoftphoneService {
  // Validates the config now, so a bad one is reported at mount and not when this tab first leads.
  const identity = resolveVoiceServiceConfig(config).identity;
  // The leader warns before the tab closes during a call: closing it would end the call for every tab.
  const leaderConfig: VoiceServiceConfig = { ...config, closeProtection: config.closeProtection || true };
  return new TabbedPhone({
    instance: identity,
    createCore: () => createVoiceService(leaderConfig),
    coordinator: createTabCoordinator(identity),
    history: typeof indexedDB === 'undefined' ? null : new CallHistory(identity),
    notifier: browserNotifierEnvironment(),
    prepareToLead: () => void loadSdkDeviceFactory().catch(() => undefined),
  });
}
