#!/usr/bin/env node
// `softphone-server`: the token server and local voice gateway (server/main.ts, configured by the environment as
// README "Deploying" describes) for a host's own development setup and CI. The server is TypeScript; tsx's loader
// runs it as it is, so there is no separate build of the server.
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');
