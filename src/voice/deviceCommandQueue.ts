/**
 * Register / unregister, one at a time per service. Without this, `unregister` then `register` back to
 * back both replied ok and the phone ended unregistered (register returned early while unregister was
 * in flight). Each command waits for the one before it, so the last command's intent is the final state,
 * and a command repeated while an identical one is queued last joins it (concurrent `register()` calls
 * race inside the SDK, twilio-voice.js#110).
 */
export type DeviceIntent = 'register' | 'unregister';

export class DeviceCommandQueue {
  private tail: { intent: DeviceIntent; done: Promise<void> } | null = null;

  run(intent: DeviceIntent, action: () => Promise<void>): Promise<void> {
    if (this.tail?.intent === intent) return this.tail.done;
    const previous = this.tail?.done.catch(() => undefined) ?? Promise.resolve();
    const done = previous.then(action);
    const entry = { intent, done };
    this.tail = entry;
    const clear = (): void => {
      if (this.tail === entry) this.tail = null;
    };
    done.then(clear, clear);
    return done;
  }

  /** True while a command runs or waits. */
  get busy(): boolean {
    return this.tail !== null;
  }
}
