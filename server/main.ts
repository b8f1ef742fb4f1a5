import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, startServer } from './index.js';

/** `npx tsx server/main.ts`: the whole configuration comes from the environment (README "Deploying"). */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

async function main(): Promise<void> {
  const running = await startServer({
    env: process.env,
    staticDir: path.join(root, 'dist'),
    certDir: path.join(root, '.cert'),
  });
  console.log(`Switchboard softphone server (${running.mode} mode) at ${running.origin}/`);
  if (running.mode === 'local') {
    console.log(
      `The certificate is self-signed (kept in ${path.join(root, '.cert')}). Either trust localhost-cert.pem in your ` +
        `OS/browser certificate store, or open ${running.origin}/ once and accept it (Chrome: "Advanced" → ` +
        '"Proceed"). Audio needs only that one certificate: every call leg ends on the server\'s own media peer.',
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
  // A ConfigError's message lists every problem; print it as is so the operator sees all of them at once.
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
