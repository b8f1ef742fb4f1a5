/**
 * Where the softphone's server lives, and the absolute URLs of its endpoints. A shell on another origin must not
 * turn `/token` or `/client-config` into requests to its own page, so every relative URL resolves against, in
 * order: the `serverUrl` prop, the origin the module itself was loaded from (the SystemJS build knows its URL),
 * and only then the page (a bundling host that serves the softphone's server on its own origin).
 */
import type { ClientConfig } from './clientConfig';

declare const __webpack_public_path__: string | undefined;

/** The URL the module was loaded from, when the build knows it (SystemJS sets webpack's public path at runtime). */
export function moduleBaseUrl(): string | undefined {
  const publicPath = typeof __webpack_public_path__ === 'string' ? __webpack_public_path__ : '';
  return /^https?:\/\//.test(publicPath) ? publicPath : undefined;
}

function pageUrl(): string | undefined {
  return typeof location !== 'undefined' ? location.href : undefined;
}

/** The base every relative endpoint URL resolves against (see the file comment). */
export function serverBaseUrl(serverUrl: string | undefined, moduleBase = moduleBaseUrl()): string | undefined {
  return serverUrl ?? moduleBase ?? pageUrl();
}

/** `url` made absolute against `base`; kept as given when there is no base to resolve it with (tests, SSR). */
export function absoluteUrl(url: string, base: string | undefined): string {
  try {
    return new URL(url, base).toString();
  } catch {
    return url;
  }
}

/** The config with its relative URLs (tokenUrl, callControlUrl, sounds) made absolute against the URL it was loaded from. */
export function resolveClientConfigUrls(config: ClientConfig, configUrl: string): ClientConfig {
  const sounds = config.device.sounds;
  return {
    ...config,
    ...(config.tokenUrl !== undefined && { tokenUrl: absoluteUrl(config.tokenUrl, configUrl) }),
    ...(config.callControlUrl !== undefined && { callControlUrl: absoluteUrl(config.callControlUrl, configUrl) }),
    device: {
      ...config.device,
      ...(sounds && {
        sounds: Object.fromEntries(
          Object.entries(sounds).map(([name, url]) => [name, absoluteUrl(url, configUrl)]),
        ) as typeof sounds,
      }),
    },
  };
}
