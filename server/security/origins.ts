import type { ServerConfig } from '../config.js';

/** Names a browser may use for a loopback server; the configured HOST and PUBLIC_URL are added to them. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** The SDK's insights publisher posts from the page to `eventgw.<home>`: a `*.localhost` name of this machine. */
const LOCAL_HTTPS_ORIGIN = /^https:\/\/([A-Za-z0-9-]+\.)*localhost(:\d{1,5})?$/;

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Which browser origins may do what. "Own" origins are this server's own names (same-origin pages); `CORS_ORIGINS`
 * lists the shells that may load the module, fetch tokens and sounds cross-origin and open `/signal`.
 * The listening port is known only after listen, hence {@link bind}.
 */
export class OriginPolicy {
  private own = new Set<string>();
  private readonly cors: ReadonlySet<string>;
  private boundPort = 0;

  constructor(private readonly config: Pick<ServerConfig, 'host' | 'publicUrl' | 'corsOrigins'>) {
    this.cors = new Set(config.corsOrigins);
  }

  bind(port: number): void {
    this.boundPort = port;
    const names = new Set([...LOOPBACK_NAMES, bracketed(this.config.host)]);
    this.own = new Set([...names].map((name) => new URL(`https://${name}:${port}`).origin));
    if (this.config.publicUrl) this.own.add(this.config.publicUrl.origin);
  }

  get port(): number {
    return this.boundPort;
  }

  /** `host:port` for responses that need this server's address and got no usable Host header. */
  get defaultHost(): string {
    return `${bracketed(this.config.host)}:${this.boundPort}`;
  }

  isOwn(origin: string): boolean {
    return this.own.has(origin);
  }

  /** CORS for the module files, `/token`, `/client-config` and `/sounds`: own origins and the configured shells. */
  allowsCors(origin: string): boolean {
    return this.own.has(origin) || this.cors.has(origin);
  }

  /** `/signal`: browsers always send Origin on WebSockets; a client without one (a script, a test) is no browser page. */
  allowsSignal(origin: string | undefined): boolean {
    return origin === undefined || this.allowsCors(origin);
  }

  /** Insights (local mode): the page posts from its own origin to `eventgw.localhost`. */
  allowsInsights(origin: string): boolean {
    return this.allowsCors(origin) || LOCAL_HTTPS_ORIGIN.test(origin);
  }
}
