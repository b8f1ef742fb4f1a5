import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './index.js';

/** `npx tsx server/main.ts`: PORT, HOST, TOKEN_TTL, SWITCHBOARD_SIGNING_SECRET and TWILIO_* from the environment. */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 9000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got "${raw}"`);
  return port;
}

function ttlFromEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ttl = Number(raw);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`TOKEN_TTL must be a positive number of seconds, got "${raw}"`);
  return ttl;
}

async function main(): Promise<void> {
  const running = await startServer({
    port: portFromEnv(process.env['PORT']),
    host: process.env['HOST'] || 'localhost',
    tokenTtlSeconds: ttlFromEnv(process.env['TOKEN_TTL']),
    staticDir: path.join(root, 'dist'),
    certDir: path.join(root, '.cert'),
  });
  console.log(`Switchboard softphone server (${running.mode} mode) at ${running.origin}/`);
  if (running.mode === 'local') {
    const insights = running.origin.replace('://localhost', '://eventgw.localhost');
    console.log(
      `The certificate is self-signed (kept in ${path.join(root, '.cert')}). Either trust localhost-cert.pem in your ` +
        `OS/browser certificate store, or open ${running.origin}/ and ${insights}/insights once each and accept it ` +
        '(Chrome: "Advanced" → "Proceed"). The second host receives the SDK\'s insights events, which the local ' +
        'gateway also uses to connect the audio of browser-to-browser calls.',
    );
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
