import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';

/** Environment values: an empty string counts as unset, like a shell's `VAR=`. */
export function optionalEnv<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** `a, b c` → ['a', 'b', 'c']: lists in env variables may use commas, spaces or both. */
export function splitList(raw: string): string[] {
  return raw.split(/[\s,]+/).filter((item) => item.length > 0);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::1';
}

/** Exactly `scheme://host[:port]` with no path, query or credentials (what a browser sends as `Origin`). */
function asOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.origin === value.replace(/\/$/, '') ? url.origin : null;
}

export const originListSchema = z.string().transform((raw, ctx) => {
  const origins: string[] = [];
  for (const item of splitList(raw)) {
    const origin = asOrigin(item);
    if (origin) origins.push(origin);
    else
      ctx.addIssue({
        code: 'custom',
        message: `"${item}" is not an origin like https://shell.example.com (no path, no "*")`,
      });
  }
  return origins;
});

const CSP_KEYWORDS = new Set(["'self'", "'none'"]);

/** CSP `frame-ancestors` sources: 'self', 'none' or origins (wildcard hosts like https://*.example.com allowed). */
export const frameAncestorsSchema = z.string().transform((raw, ctx) => {
  const sources = splitList(raw).map((item) => (item === 'self' || item === 'none' ? `'${item}'` : item));
  for (const source of sources) {
    if (CSP_KEYWORDS.has(source)) continue;
    if (!/^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:(\d{1,5}|\*))?$/.test(source)) {
      ctx.addIssue({ code: 'custom', message: `"${source}" is not 'self', 'none' or an origin` });
    }
  }
  if (sources.includes("'none'") && sources.length > 1)
    ctx.addIssue({ code: 'custom', message: "'none' cannot be combined with other sources" });
  return sources;
});

export const countryListSchema = z.string().transform((raw, ctx) => {
  const countries: CountryCode[] = [];
  for (const item of splitList(raw)) {
    const code = item.toUpperCase();
    if (isSupportedCountry(code)) countries.push(code);
    else
      ctx.addIssue({
        code: 'custom',
        message: `"${item}" is not an ISO 3166 country code with a phone numbering plan`,
      });
  }
  if (countries.length === 0) ctx.addIssue({ code: 'custom', message: 'list at least one country code' });
  return countries;
});

export const prefixListSchema = z.string().transform((raw, ctx) => {
  const prefixes = splitList(raw);
  for (const prefix of prefixes) {
    if (!/^\+\d{1,14}$/.test(prefix))
      ctx.addIssue({ code: 'custom', message: `"${prefix}" is not a "+digits" number prefix` });
  }
  return prefixes;
});

/** An https URL; plain http only on loopback (a test's local JWKS server). */
export const secureUrlSchema = z.string().transform((raw, ctx) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a URL` });
    return z.NEVER;
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) ctx.addIssue({ code: 'custom', message: 'must be an https:// URL' });
  if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not carry credentials' });
  return url;
});

export const trustProxySchema = z.string().transform((raw, ctx): boolean | number => {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  ctx.addIssue({ code: 'custom', message: 'must be true, false or the number of proxy hops' });
  return z.NEVER;
});

export const intSchema = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
