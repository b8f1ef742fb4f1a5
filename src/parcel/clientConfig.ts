/**
 * Loads the server's `/client-config`: whether this deployment talks to the local gateway or to real Twilio,
 * and the Device options that follow (gateway host, sounds served locally, no STUN). The response is untrusted
 * input, so it is validated before it reaches the SDK.
 */
import * as z from 'zod/mini';
import { GatewayConfigSchema } from '../voice/config';

export const ClientConfigSchema = z.object({
  mode: z.enum(['local', 'twilio']),
  tokenUrl: z.optional(z.string().check(z.minLength(1))),
  /** The call-control route (added later): a server without it offers no hold or transfer (`unsupported`). */
  callControlUrl: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  // The Device options a deployment may set: exactly what the VoiceService accepts as `gateway`.
  device: z._default(GatewayConfigSchema, {}),
});
export type ClientConfig = z.infer<typeof ClientConfigSchema>;

export type ClientConfigResult = { ok: true; config: ClientConfig } | { ok: false; message: string };

export async function loadClientConfig(
  url: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 5000,
): Promise<ClientConfigResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) return { ok: false, message: `${url} answered HTTP ${response.status}` };
    const parsed = ClientConfigSchema.safeParse(await response.json());
    if (!parsed.success)
      return {
        ok: false,
        message: `${url} returned an invalid configuration: ${parsed.error.issues[0]?.message ?? ''}`,
      };
    return { ok: true, config: parsed.data };
  } catch (error) {
    const reason = controller.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, message: `Could not load ${url}: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Successful loads, per URL, for the life of the page: the deployment does not change under a running page. */
const loadedConfigs = new Map<string, ClientConfigResult>();

export function cachedClientConfig(url: string): ClientConfigResult | undefined {
  return loadedConfigs.get(url);
}

export async function loadClientConfigOnce(url: string): Promise<ClientConfigResult> {
  const known = loadedConfigs.get(url);
  if (known) return known;
  const result = await loadClientConfig(url);
  if (result.ok) loadedConfigs.set(url, result);
  return result;
}
