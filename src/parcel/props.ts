/**
 * Parcel custom props: untrusted input from whatever shell mounts us, so validated with zod. The
 * service-facing part is exactly `VoiceServiceConfig`; the rest only affects rendering.
 */
import { z } from 'zod';
import { VoiceServiceConfigSchema, type VoiceServiceConfig } from '../voice/config';

const Colour = z.string().min(1).max(64);

/** The subset of MUI ThemeOptions a host may override (JSON only: props can come from anywhere). */
export const ThemeOverridesSchema = z.object({
  palette: z
    .object({
      mode: z.enum(['light', 'dark']).optional(),
      primary: z.object({ main: Colour }).optional(),
      secondary: z.object({ main: Colour }).optional(),
      error: z.object({ main: Colour }).optional(),
      background: z.object({ default: Colour.optional(), paper: Colour.optional() }).optional(),
    })
    .optional(),
  shape: z.object({ borderRadius: z.number().min(0).max(64) }).optional(),
  typography: z
    .object({ fontFamily: z.string().min(1).max(512).optional(), fontSize: z.number().min(8).max(32).optional() })
    .optional(),
});
export type ThemeOverrides = z.infer<typeof ThemeOverridesSchema>;

const AbsoluteHttpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^/?#]+/, 'must be an absolute http(s) URL');

export const ParcelPropsSchema = VoiceServiceConfigSchema.extend({
  /**
   * The softphone server (token server + gateway) every relative URL resolves against; default: the origin the
   * module was loaded from (see serverUrls.ts).
   */
  serverUrl: AbsoluteHttpUrl.optional(),
  /** Token endpoint; default: the `tokenUrl` the deployment config names, else `/token` on the server. */
  tokenUrl: z.string().min(1).max(2048).optional(),
  /**
   * Call-control route; default: the `callControlUrl` the deployment config names (none there: no call control),
   * else `/call-control` on the server. `null` turns call control off.
   */
  callControlUrl: z.string().min(1).max(2048).nullable().optional(),
  /** Server endpoint describing the deployment (local gateway or Twilio); `null` skips it. */
  configUrl: z.string().min(1).max(2048).nullable().default('/client-config'),
  /** Narrow single-column layout for slots down to 320 px. */
  compact: z.boolean().default(false),
  theme: ThemeOverridesSchema.optional(),
});
export type ParcelPropsInput = z.input<typeof ParcelPropsSchema>;
export type ParcelProps = z.output<typeof ParcelPropsSchema>;

export type ParcelPropsResult = { ok: true; props: ParcelProps } | { ok: false; message: string };

export function parseParcelProps(raw: unknown): ParcelPropsResult {
  const parsed = ParcelPropsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, props: parsed.data };
  const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'props'}: ${i.message}`).join('; ');
  return { ok: false, message: `Invalid softphone props: ${details}` };
}

/** The part of the props that needs a new VoiceService when it changes. */
export function serviceConfigOf(props: ParcelProps): VoiceServiceConfig {
  const { configUrl: _configUrl, compact: _compact, theme: _theme, serverUrl: _serverUrl, ...config } = props;
  return config;
}
