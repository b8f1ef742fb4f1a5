/**
 * One mounted softphone: validated props → deployment config → VoiceService → bus. Owns their lifetimes,
 * and applies prop updates without dropping a call in progress.
 */
import { BehaviorSubject, filter, first, type Subscription } from 'rxjs';
import type { SoftphoneState } from '../contract/schemaState';
import type { SoftphoneService } from '../contract/service';
import type { VoiceServiceConfig } from '../voice/config';
import type { ClientConfigResult } from './clientConfig';
import { parseParcelProps, serviceConfigOf, type ParcelProps, type RenderProps } from './props';
import { absoluteUrl, resolveClientConfigUrls, serverBaseUrl } from './serverUrls';

export type InstanceView =
  | { kind: 'loading'; identity: string | null }
  | { kind: 'invalid'; message: string }
  | {
      kind: 'ready';
      service: SoftphoneService;
      generation: number;
      render: RenderProps;
      /** The deployment's own speaker-test sound (client-config `device.sounds.outgoing`), if it has one. */
      testSoundUrl: string | undefined;
    };

export interface InstanceDeps {
  createService(config: VoiceServiceConfig): SoftphoneService;
  /** Publishes the service on the cross-app bus; returns the detach function. */
  attachToBus(service: SoftphoneService): () => void;
  loadClientConfig(url: string): Promise<ClientConfigResult>;
  /** A config this page already loaded, so a remount can start (and render) without waiting. */
  cachedClientConfig?(url: string): ClientConfigResult | undefined;
  /** Where configuration problems are reported for the host's developers. */
  warn(message: string): void;
}

/** Any call not closed yet, a ringing incoming one included: replacing the Device now would drop it. */
function hasUnclosedCall(state: SoftphoneState): boolean {
  return state.calls.some((c) => c.status !== 'closed');
}

function renderPropsOf(props: ParcelProps): RenderProps {
  const { compact, theme, locale, messages, defaultCountry, shortcuts } = props;
  return { compact, theme, locale, messages, defaultCountry, shortcuts };
}

/** start() reports its own failures in state.lastError, which the UI shows. */
function startQuietly(service: SoftphoneService): void {
  service.start().catch(() => undefined);
}

export class SoftphoneInstance {
  private readonly viewSubject: BehaviorSubject<InstanceView>;
  readonly view$;
  private props: ParcelProps | null = null;
  private service: SoftphoneService | null = null;
  private detachBus: (() => void) | null = null;
  private generation = 0;
  private testSoundUrl: string | undefined;
  private pendingSwap: Subscription | null = null;
  private destroyed = false;
  /** Whether the UI has committed a frame; until then a new service waits in `unstarted`. */
  private shownYet = false;
  private unstarted: SoftphoneService | null = null;

  constructor(
    rawProps: unknown,
    private readonly deps: InstanceDeps,
  ) {
    const parsed = parseParcelProps(rawProps);
    if (parsed.ok) {
      this.props = parsed.props;
      this.viewSubject = new BehaviorSubject<InstanceView>({ kind: 'loading', identity: parsed.props.identity });
    } else {
      deps.warn(parsed.message);
      this.viewSubject = new BehaviorSubject<InstanceView>({ kind: 'invalid', message: parsed.message });
    }
    this.view$ = this.viewSubject.asObservable();
  }

  /** The valid props' rendering part (locale and messages for the loading and error screens too). */
  get renderProps(): RenderProps | null {
    return this.props ? renderPropsOf(this.props) : null;
  }

  get view(): InstanceView {
    return this.viewSubject.value;
  }

  /** Loads the deployment config and starts the service. Never rejects: problems become visible state. */
  async start(): Promise<void> {
    if (!this.props) return;
    await this.startService(this.props);
  }

  /** New props from the host: render options apply now; service options once no call is in progress. */
  update(rawProps: unknown): void {
    if (this.destroyed) return;
    const parsed = parseParcelProps(rawProps);
    if (!parsed.ok) {
      // Keep the working softphone rather than tearing it down over a bad update.
      this.deps.warn(`${parsed.message} (update ignored)`);
      return;
    }
    const previous = this.props;
    this.props = parsed.props;
    const serviceChanged =
      !previous ||
      JSON.stringify(serviceConfigOf(previous)) !== JSON.stringify(serviceConfigOf(parsed.props)) ||
      previous.configUrl !== parsed.props.configUrl ||
      previous.serverUrl !== parsed.props.serverUrl;
    if (!serviceChanged || !this.service) {
      this.publishReady();
      if (!this.service && serviceChanged) void this.startService(parsed.props);
      return;
    }
    this.publishReady();
    this.scheduleSwap();
  }

  /**
   * The UI has committed its first frame (the dial pad or the loading screen): start the service now. What start()
   * opens (the election, IndexedDB, the channels, the Device) is not needed to show the phone, so it stays off the
   * path to the first interactive frame. The service is on the bus before that, so no command goes unanswered.
   */
  shown(): void {
    if (this.shownYet) return;
    this.shownYet = true;
    const service = this.unstarted;
    this.unstarted = null;
    if (service && service === this.service && !this.destroyed) startQuietly(service);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pendingSwap?.unsubscribe();
    this.pendingSwap = null;
    this.stopService();
    this.viewSubject.complete();
  }

  private scheduleSwap(): void {
    this.pendingSwap?.unsubscribe();
    this.pendingSwap = null;
    const current = this.service;
    if (!current) return;
    if (!hasUnclosedCall(current.getState())) {
      void this.swap();
      return;
    }
    // A call is in progress: switching Device now would drop it, so switch when it ends.
    this.pendingSwap = current.state$
      .pipe(
        filter((s) => !hasUnclosedCall(s)),
        first(),
      )
      .subscribe(() => {
        this.pendingSwap = null;
        void this.swap();
      });
  }

  private async swap(): Promise<void> {
    if (this.destroyed || !this.props) return;
    this.stopService();
    this.viewSubject.next({ kind: 'loading', identity: this.props.identity });
    await this.startService(this.props);
  }

  private async startService(props: ParcelProps): Promise<void> {
    const generation = ++this.generation;
    const base = serverBaseUrl(props.serverUrl);
    const url = props.gateway || props.configUrl === null ? null : absoluteUrl(props.configUrl, base);
    // Create the service synchronously when nothing needs loading, so the first render already shows the phone.
    const known = url ? this.deps.cachedClientConfig?.(url) : undefined;
    const loaded = url && !known ? await this.deps.loadClientConfig(url) : known;
    // A newer start (update) or a destroy happened while the config loaded.
    if (this.destroyed || generation !== this.generation) return;
    if (url && loaded && !loaded.ok) {
      // Never guess a deployment: connecting with the SDK's defaults would silently dial real Twilio.
      this.fail(`The softphone server's configuration is unavailable (${loaded.message}).`);
      return;
    }
    const config = url && loaded?.ok ? resolveClientConfigUrls(loaded.config, url) : undefined;
    const gateway = config ? (config.mode === 'local' ? config.device : undefined) : props.gateway;
    this.testSoundUrl = gateway?.sounds?.outgoing;
    const tokenUrl =
      props.tokenUrl !== undefined
        ? absoluteUrl(props.tokenUrl, base)
        : (config?.tokenUrl ?? absoluteUrl('/token', base));
    // A deployment config without callControlUrl is an older server: no call control rather than a guessed route.
    const callControlUrl =
      props.callControlUrl !== undefined
        ? props.callControlUrl && absoluteUrl(props.callControlUrl, base)
        : config
          ? (config.callControlUrl ?? null)
          : absoluteUrl('/call-control', base);
    this.createService(props, gateway, { tokenUrl, callControlUrl });
  }

  private createService(
    props: ParcelProps,
    gateway: ParcelProps['gateway'],
    urls: { tokenUrl: string; callControlUrl: string | null },
  ): void {
    let service: SoftphoneService;
    try {
      service = this.deps.createService({ ...serviceConfigOf(props), ...urls, ...(gateway ? { gateway } : {}) });
    } catch (error) {
      this.fail(`Invalid softphone configuration: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.service = service;
    this.detachBus = this.deps.attachToBus(service);
    this.publishReady();
    if (this.shownYet) startQuietly(service);
    else this.unstarted = service;
  }

  private fail(message: string): void {
    this.deps.warn(message);
    this.viewSubject.next({ kind: 'invalid', message });
  }

  private stopService(): void {
    this.detachBus?.();
    this.detachBus = null;
    this.service?.destroy();
    this.service = null;
    this.unstarted = null;
  }

  private publishReady(): void {
    if (!this.service || !this.props || this.destroyed) return;
    this.viewSubject.next({
      kind: 'ready',
      service: this.service,
      generation: this.generation,
      render: renderPropsOf(this.props),
      testSoundUrl: this.testSoundUrl,
    });
  }
}
