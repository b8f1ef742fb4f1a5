/** The command methods of TabbedPhone: each goes to the current core (this tab's Device or the leader's). */
import type { HoldResult, MergeResult, TransferMode, TransferResult } from '../contract/callControl';
import type { FeedbackIssue } from '../contract/feedback';
import type { DialResult, MuteResult, SendMessageResult } from '../contract/results';
import type { SoftphoneCore } from '../contract/service';

export abstract class TabbedCommands {
  protected abstract get core(): SoftphoneCore;
  /** A person placed or answered a call: the moment to ask for notification permission. */
  protected abstract userActed(): void;

  register(): Promise<void> {
    return this.core.register();
  }
  unregister(): Promise<void> {
    return this.core.unregister();
  }
  dial(to: string, params?: Record<string, string>): Promise<DialResult> {
    this.userActed();
    return this.core.dial(to, params);
  }
  hangup(callSid?: string): Promise<void> {
    return this.core.hangup(callSid);
  }
  hangupAll(): Promise<void> {
    return this.core.hangupAll();
  }
  accept(callSid?: string): Promise<void> {
    this.userActed();
    return this.core.accept(callSid);
  }
  reject(callSid?: string): Promise<void> {
    return this.core.reject(callSid);
  }
  ignore(callSid?: string): Promise<void> {
    return this.core.ignore(callSid);
  }
  mute(muted?: boolean, callSid?: string): Promise<MuteResult> {
    return this.core.mute(muted, callSid);
  }
  sendDigits(digits: string, callSid?: string): Promise<void> {
    return this.core.sendDigits(digits, callSid);
  }
  sendMessage(content: unknown, messageType?: string, callSid?: string): Promise<SendMessageResult> {
    return this.core.sendMessage(content, messageType, callSid);
  }
  setInputDevice(deviceId: string): Promise<void> {
    return this.core.setInputDevice(deviceId);
  }
  setOutputDevice(deviceIds: string[]): Promise<void> {
    return this.core.setOutputDevice(deviceIds);
  }
  setRingtoneDevice(deviceIds: string[]): Promise<void> {
    return this.core.setRingtoneDevice(deviceIds);
  }
  testSpeaker(): Promise<void> {
    return this.core.testSpeaker();
  }
  postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void> {
    return this.core.postFeedback(score, issue, callSid);
  }
  requestMicrophone(): Promise<void> {
    return this.core.requestMicrophone();
  }
  hold(held?: boolean, callSid?: string): Promise<HoldResult> {
    return this.core.hold(held, callSid);
  }
  transfer(to: string, callSid?: string, mode?: TransferMode): Promise<TransferResult> {
    return this.core.transfer(to, callSid, mode);
  }
  completeTransfer(callSid?: string): Promise<void> {
    return this.core.completeTransfer(callSid);
  }
  merge(): Promise<MergeResult> {
    return this.core.merge();
  }
  switchCall(callSid: string): Promise<void> {
    this.userActed();
    return this.core.switchCall(callSid);
  }
  clearError(): void {
    this.core.clearError();
  }
}
