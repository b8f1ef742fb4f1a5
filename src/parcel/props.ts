/**
 * Parcel custom props: untrusted input from whatever shell mounts us, so validated with zod. The
 * service-facing part is exactly `VoiceServiceConfig`; the rest only affects rendering.
 */
import * as z from 'zod/mini';
import { VoiceServiceConfigSchema, type VoiceServiceConfig } from '../voice/config';

const Colour = z.string().check(z.minLength(1), z.maxLength(64));

/** The subset of MUI ThemeOptions a host may override (JSON only: props can come from anywhere). */
export const ThemeOverridesSchema = z.object({
  palette: z.optional(
    z.object({
      mode: z.optional(z.enum(['light', 'dark'])),
      primary: z.optional(z.object({ main: Colour })),
      secondary: z.optional(z.object({ main: Colour })),
      error: z.optional(z.object({ main: Colour })),
      background: z.optional(z.object({ default: z.optional(Colour), paper: z.optional(Colour) })),
    }),
  ),
  shape: z.optional(z.object({ borderRadius: z.number().check(z.minimum(0), z.maximum(64)) })),
  typography: z.optional(
    z.object({
      fontFamily: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
      fontSize: z.optional(z.number().check(z.minimum(8), z.maximum(32))),
    }),
  ),
});
export type ThemeOverrides = z.infer<typeof ThemeOverridesSchema>;

const AbsoluteHttpUrl = z
  .string()
  .check(z.maxLength(2048), z.regex(/^https?:\/\/[^/?#]+/, 'must be an absolute http(s) URL'));

export const ParcelPropsSchema = z.extend(VoiceServiceConfigSchema, {
  /**
   * The softphone server (token server + gateway) every relative URL resolves against; default: the origin the
   * module was loaded from (see serverUrls.ts).
   */
  serverUrl: z.optional(AbsoluteHttpUrl),
  /** Token endpoint; default: the `tokenUrl` the deployment config names, else `/token` on the server. */
  tokenUrl: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  /**
   * Call-control route; default: the `callControlUrl` the deployment config names (none there: no call control),
   * else `/call-control` on the server. `null` turns call control off.
   */
  callControlUrl: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(2048)))),
  /** Server endpoint describing the deployment (local gateway or Twilio); `null` skips it. */
  configUrl: z._default(z.nullable(z.string().check(z.minLength(1), z.maxLength(2048))), '/client-config'),
  /** Narrow single-column layout for slots down to 320 px. */
  compact: z._default(z.boolean(), false),
  theme: z.optional(ThemeOverridesSchema),
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
