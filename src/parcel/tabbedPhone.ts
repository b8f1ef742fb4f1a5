/**
 * The SoftphoneService a mounted parcel uses: this tab's own VoiceService while it leads its identity, a
 * forwarding RemoteSoftphone while another tab leads, switched in place when the leadership moves (the UI and
 * the bus keep one service). It adds `device.tab`, the persisted history and its `history` events.
 */
import {
  BehaviorSubject,
  combineLatest,
  distinctUntilChanged,
  filter,
  firstValueFrom,
  map,
  merge,
  skip,
  Subject,
  switchMap,
  takeUntil,
  timeout,
  type Observable,
} from 'rxjs';
import { BUS_VERSION } from '../contract/busEvents';
import { HISTORY_EVENT_CALLS } from '../contract/schemaEvent';
import type { HistoryEntry, HistoryResult, SavedDeviceKind, TabInfo } from '../contract/history';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { SoftphoneState } from '../contract/schemaState';
import { SoftphoneError, type CallVolume, type SoftphoneCore, type SoftphoneService } from '../contract/service';
import type { CallHistory } from '../history/callHistory';
import { askNotificationPermission, type NotifierEnvironment } from '../notifications/callNotifier';
import type { TabCoordinator } from '../tabs/coordinator';
import type { TabRole } from '../tabs/leaderElection';
import { RemoteSoftphone } from '../tabs/remoteService';
import { startLeaderDuties } from './leaderDuties';
import { TabbedCommands } from './tabbedCommands';

export interface TabbedPhoneParts {
  instance: string;
  /** Creates this tab's own phone (the VoiceService) when it becomes the leader. */
  createCore(): SoftphoneCore;
  coordinator: TabCoordinator | null;
  history: CallHistory | null;
  notifier: NotifierEnvironment | null;
  /** Called when this tab follows: prepares what leading needs (loads the SDK), so a takeover registers sooner. */
  prepareToLead?(): void;
}

/** How long `useThisTab` waits for the lock before it reports failure. */
const TAKE_OVER_TIMEOUT_MS = 5000;

export class TabbedPhone extends TabbedCommands implements SoftphoneService {
  readonly instance: string;
  readonly state$: Observable<SoftphoneState>;
  readonly events$: Observable<SoftphoneEvent>;
  readonly volume$: Observable<CallVolume>;
  readonly micLevel$: Observable<number>;
  readonly history$: Observable<readonly HistoryEntry[]>;

  private readonly cores: BehaviorSubject<SoftphoneCore>;
  private readonly role = new BehaviorSubject<TabRole>('leader');
  private readonly missing = new BehaviorSubject<readonly SavedDeviceKind[]>([]);
  private readonly state: BehaviorSubject<SoftphoneState>;
  private readonly destroyed$ = new Subject<void>();
  private stopDuties: (() => void) | null = null;
  /** The phone `useThisTab` registered before taking the lock, so the identity is never left unregistered. */
  private standby: SoftphoneCore | null = null;
  private isDestroyed = false;

  constructor(private readonly parts: TabbedPhoneParts) {
    super();
    this.instance = parts.instance;
    const coordinator = parts.coordinator;
    const first = coordinator ? new RemoteSoftphone(parts.instance, coordinator.channel) : parts.createCore();
    this.cores = new BehaviorSubject<SoftphoneCore>(first);
    this.role.next(coordinator ? 'follower' : 'leader');
    this.state = new BehaviorSubject(this.decorate(first.getState(), 1));
    this.state$ = this.state.asObservable();
    const fromCore = <T>(pick: (core: SoftphoneCore) => Observable<T>) =>
      this.cores.pipe(switchMap(pick), takeUntil(this.destroyed$));
    const tabs$ = coordinator ? coordinator.tabs$ : new BehaviorSubject(1);
    combineLatest([fromCore((c) => c.state$), tabs$, this.missing])
      .pipe(takeUntil(this.destroyed$))
      .subscribe({ next: ([state, tabs]) => this.state.next(this.decorate(state, tabs)), error: () => undefined });
    this.history$ = parts.history ? parts.history.entries$ : new BehaviorSubject<readonly HistoryEntry[]>([]);
    this.events$ = merge(
      fromCore((c) => c.events$),
      this.historyEvents(),
    );
    this.volume$ = fromCore((c) => c.volume$);
    this.micLevel$ = fromCore((c) => c.micLevel$);
    if (coordinator)
      coordinator.role$.pipe(takeUntil(this.destroyed$)).subscribe((role) => {
        if (role === 'follower') parts.prepareToLead?.();
        this.changeRole(role);
      });
    else this.beginDuties(first);
  }

  protected get core(): SoftphoneCore {
    return this.cores.getValue();
  }

  getState(): SoftphoneState {
    return this.state.getValue();
  }

  /** Opens the store, the election and the core: a mount calls it after its first frame (see instance.ts). */
  async start(): Promise<void> {
    if (this.isDestroyed) return;
    this.parts.history?.start();
    this.parts.coordinator?.start();
    await this.core.start();
  }

  protected override userActed(): void {
    if (this.parts.notifier) askNotificationPermission(this.parts.notifier);
  }

  async history(limit?: number): Promise<HistoryResult> {
    return { calls: this.parts.history ? await this.parts.history.list(limit) : [] };
  }

  async clearHistory(): Promise<void> {
    await this.parts.history?.clear();
  }

  async useThisTab(): Promise<void> {
    const coordinator = this.parts.coordinator;
    if (!coordinator || this.role.getValue() === 'leader' || this.standby) return;
    if (this.getState().calls.some((c) => c.status !== 'closed'))
      throw new SoftphoneError('busy', 'A call is in progress: the audio moves once it ends.');
    // Register here first, then take the lock: the old leader unregisters only once this tab is registered.
    const standby = this.parts.createCore();
    this.standby = standby;
    try {
      standby.start().catch(() => undefined);
      await firstValueFrom(
        standby.state$.pipe(
          filter((s) => s.device.state === 'registered'),
          timeout(TAKE_OVER_TIMEOUT_MS),
        ),
      );
      coordinator.takeOver();
      await firstValueFrom(
        this.role.pipe(
          filter((r) => r === 'leader'),
          timeout(TAKE_OVER_TIMEOUT_MS),
        ),
      );
    } catch {
      if (this.standby === standby) {
        this.standby = null;
        standby.destroy();
      }
      throw new SoftphoneError('timeout', 'This tab could not take the phone over.');
    }
  }

  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.stopDuties?.();
    this.stopDuties = null;
    this.core.destroy();
    this.standby?.destroy();
    this.standby = null;
    this.parts.coordinator?.destroy();
    this.parts.history?.close();
    this.destroyed$.next();
    this.destroyed$.complete();
    this.state.complete();
    this.role.complete();
    this.missing.complete();
    this.cores.complete();
  }

  private changeRole(role: TabRole): void {
    if (this.isDestroyed || role === this.role.getValue()) return;
    const previous = this.core;
    this.stopDuties?.();
    this.stopDuties = null;
    this.missing.next([]);
    const next =
      role === 'leader'
        ? (this.standby ?? this.parts.createCore())
        : new RemoteSoftphone(this.instance, this.parts.coordinator!.channel);
    if (role === 'leader') this.standby = null;
    this.role.next(role);
    this.cores.next(next);
    previous.destroy();
    if (role === 'leader') this.beginDuties(next);
    next.start().catch(() => undefined);
  }

  private beginDuties(core: SoftphoneCore): void {
    this.stopDuties = startLeaderDuties({
      core,
      state$: this.state$,
      getState: () => this.getState(),
      channel: this.parts.coordinator?.channel ?? null,
      history: this.parts.history,
      notifier: this.parts.notifier,
      onMissingDevices: (kinds) => this.missing.next(kinds),
    });
  }

  private decorate(state: SoftphoneState, tabs: number): SoftphoneState {
    const role = this.role.getValue();
    const tab: TabInfo = role === 'leader' ? { role, tabs } : { role, tabs: state.device.tab?.tabs ?? 1 };
    const missing = role === 'leader' ? [...this.missing.getValue()] : (state.audio.savedDeviceMissing ?? []);
    return {
      ...state,
      instance: this.instance,
      device: { ...state.device, tab },
      audio: { ...state.audio, savedDeviceMissing: missing },
    };
  }

  private historyEvents(): Observable<SoftphoneEvent> {
    return this.history$.pipe(
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      skip(1), // the empty list before the store is read is no change

      map((calls): SoftphoneEvent => ({
        v: BUS_VERSION,
        instance: this.instance,
        source: 'history',
        name: 'changed',
        at: Date.now(),
        data: { calls: calls.slice(0, HISTORY_EVENT_CALLS) },
      })),
      takeUntil(this.destroyed$),
    );
  }
}
