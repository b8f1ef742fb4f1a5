/**
 * What only the tab owning the Device does: mirror it to the follower tabs, write finished calls to the history,
 * keep the audio choices, and notify. Started when this tab becomes the leader, stopped when it stops being it.
 */
import type { Observable } from 'rxjs';
import type { SavedDeviceKind } from '../contract/history';
import type { SoftphoneState } from '../contract/schemaState';
import type { SoftphoneCore } from '../contract/service';
import { AudioChoicesKeeper } from '../history/audioChoices';
import type { CallHistory } from '../history/callHistory';
import { recordFinishedCalls } from '../history/recorder';
import { notifyCalls, type NotifierEnvironment } from '../notifications/callNotifier';
import { startLeaderHub } from '../tabs/leaderHub';
import type { TabChannel } from '../tabs/protocol';

export interface LeaderDutiesInput {
  core: SoftphoneCore;
  /** The decorated state this tab shows (followers mirror it). */
  state$: Observable<SoftphoneState>;
  getState(): SoftphoneState;
  channel: TabChannel | null;
  history: CallHistory | null;
  notifier: NotifierEnvironment | null;
  onMissingDevices(kinds: readonly SavedDeviceKind[]): void;
}

export function startLeaderDuties(input: LeaderDutiesInput): () => void {
  const { core, history } = input;
  const stops: (() => void)[] = [];
  if (input.channel) stops.push(startLeaderHub(input.channel, input));
  if (history) stops.push(recordFinishedCalls(core.state$, (entry) => void history.add(entry).catch(() => undefined)));
  if (input.notifier) stops.push(notifyCalls(core.state$, input.notifier));
  if (history) {
    const keeper = new AudioChoicesKeeper(core);
    const missing = keeper.missing$.subscribe({ next: input.onMissingDevices, error: () => undefined });
    stops.push(() => {
      missing.unsubscribe();
      keeper.stop();
    });
  }
  return () => {
    for (const stop of stops.reverse()) stop();
  };
}
