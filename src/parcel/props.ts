/**
 * Parcel custom props: untrusted input from whatever shell mounts us, so validated with zod. The
 * service-facing part is exactly `VoiceServiceConfig`; the rest only affects rendering.
 */
import * as z from 'zod/mini';
import { COMBO_PATTERN, SHORTCUT_ACTIONS } from '../ui/shortcuts/keys';
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

/** A BCP 47 language tag Intl accepts ('en', 'es', 'es-MX', ...). */
const LocaleSchema = z.string().check(
  z.minLength(2),
  z.maxLength(35),
  z.refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag such as en or es-MX'),
);

/** Catalog strings by key (see src/ui/i18n/en.ts); keys the catalog does not have are ignored. */
const MessagesSchema = z.record(
  z.string().check(z.minLength(1), z.maxLength(100)),
  z.string().check(z.maxLength(2000)),
);

const ComboSchema = z.string().check(z.regex(COMBO_PATTERN, 'a combo like Alt+Shift+A'));
/** `false` turns shortcuts off; an object replaces the default combo of single actions (`null`: that one off). */
const ShortcutsSchema = z.union([
  z.literal(false),
  z.strictObject(Object.fromEntries(SHORTCUT_ACTIONS.map((action) => [action, z.optional(z.nullable(ComboSchema))]))),
]);

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
  /** Language of the wording and of Intl formats; catalogs ship for en and es (others use English words). */
  locale: z.optional(LocaleSchema),
  /** The host's own wording by catalog key, over the locale's. */
  messages: z.optional(MessagesSchema),
  /** ISO 3166 alpha-2 country whose national numbers the dial box accepts (e.g. US). */
  defaultCountry: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as US'))),
  shortcuts: z.optional(ShortcutsSchema),
});
export type ParcelPropsInput = z.input<typeof ParcelPropsSchema>;
export type ParcelProps = z.output<typeof ParcelPropsSchema>;
/** The props that only change how the softphone renders (never need a new service). */
export type RenderProps = Pick<
  ParcelProps,
  'compact' | 'theme' | 'locale' | 'messages' | 'defaultCountry' | 'shortcuts'
>;

export type ParcelPropsResult = { ok: true; props: ParcelProps } | { ok: false; message: string };

export function parseParcelProps(raw: unknown): ParcelPropsResult {
  const parsed = ParcelPropsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, props: parsed.data };
  const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'props'}: ${i.message}`).join('; ');
  return { ok: false, message: `Invalid softphone props: ${details}` };
}

/** The part of the props that needs a new VoiceService when it changes. */
export function serviceConfigOf(props: ParcelProps): VoiceServiceConfig {
  const {
    configUrl: _configUrl,
    compact: _compact,
    theme: _theme,
    serverUrl: _serverUrl,
    locale: _locale,
    messages: _messages,
    defaultCountry: _defaultCountry,
    shortcuts: _shortcuts,
    ...config
  } = props;
  return config;
}
