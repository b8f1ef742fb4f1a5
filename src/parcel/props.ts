/**
 * Parcel custom props: untrusted input from whatever shell mounts us, so validated with zod. The
 * service-facing part is exactly `VoiceServiceConfig`; the rest only affects rendering.
 */
import { z } from 'zod';
import { COMBO_PATTERN, SHORTCUT_ACTIONS } from '../ui/shortcuts/keys';
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

/** A BCP 47 language tag Intl accepts ('en', 'es', 'es-MX', ...). */
const LocaleSchema = z
  .string()
  .min(2)
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag such as en or es-MX');

/** Catalog strings by key (see src/ui/i18n/en.ts); keys the catalog does not have are ignored. */
const MessagesSchema = z.record(z.string().min(1).max(100), z.string().max(2000));

const ComboSchema = z.string().regex(COMBO_PATTERN, 'a combo like Alt+Shift+A');
/** `false` turns shortcuts off; an object replaces the default combo of single actions (`null`: that one off). */
const ShortcutsSchema = z.union([
  z.literal(false),
  z.object(Object.fromEntries(SHORTCUT_ACTIONS.map((action) => [action, ComboSchema.nullable().optional()]))).strict(),
]);

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
  /** Server endpoint describing the deployment (local gateway or Twilio); `null` skips it. */
  configUrl: z.string().min(1).max(2048).nullable().default('/client-config'),
  /** Narrow single-column layout for slots down to 320 px. */
  compact: z.boolean().default(false),
  theme: ThemeOverridesSchema.optional(),
  /** Language of the wording and of Intl formats; catalogs ship for en and es (others use English words). */
  locale: LocaleSchema.optional(),
  /** The host's own wording by catalog key, over the locale's. */
  messages: MessagesSchema.optional(),
  /** ISO 3166 alpha-2 country whose national numbers the dial box accepts (e.g. US). */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as US')
    .optional(),
  shortcuts: ShortcutsSchema.optional(),
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
