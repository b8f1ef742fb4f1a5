/**
 * The one way tests, benchmarks and scripts start a browser: Debian's Chromium (/usr/bin/chromium) through
 * playwright-core, headless, with fake media devices and without any background traffic of its own.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  // Containers and CI runners have no user namespaces for the sandbox.
  '--no-sandbox',
  '--disable-gpu',
  // No update checks, field trials or first-run pages: nothing leaves loopback.
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // A synthetic microphone (a beep) and camera instead of real devices.
  '--use-fake-device-for-media-stream',
  // Ringtones and remote audio play without a click.
  '--autoplay-policy=no-user-gesture-required',
];

/** Answers getUserMedia prompts with "allow". */
export const AUTO_ACCEPT_MICROPHONE_ARG = '--use-fake-ui-for-media-stream';

export interface ChromiumOptions {
  /**
   * Auto-accept getUserMedia prompts (`--use-fake-ui-for-media-stream`). Without it, headless Chromium has nobody to
   * ask, so getUserMedia rejects with NotAllowedError unless the context granted the microphone.
   */
  autoAcceptMicrophone: boolean;
  /** Further flags for this caller alone (the benchmarks' timer and GC flags). */
  extraArgs?: readonly string[];
}

export function chromiumArgs(options: ChromiumOptions): string[] {
  return [
    ...CHROMIUM_ARGS,
    ...(options.autoAcceptMicrophone ? [AUTO_ACCEPT_MICROPHONE_ARG] : []),
    ...(options.extraArgs ?? []),
  ];
}

export function launchChromium(options: ChromiumOptions): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(options) });
}
