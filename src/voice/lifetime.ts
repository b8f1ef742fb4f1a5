/**
 * Whether the service has been destroyed. Every command checks it first, so a destroyed softphone
 * answers `not_ready` instead of touching an SDK object that no longer exists.
 */
import { SoftphoneError } from '../contract/service';

export const destroyedError = (): SoftphoneError =>
  new SoftphoneError('not_ready', 'The softphone has been shut down.');

export class ServiceLifetime {
  private ended = false;

  get isDestroyed(): boolean {
    return this.ended;
  }

  assertAlive(): void {
    if (this.ended) throw destroyedError();
  }

  /** Marks the service destroyed; false when it already was, so teardown runs once. */
  end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    return true;
  }
}
