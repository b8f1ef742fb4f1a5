import * as z from 'zod/mini';
import { en } from 'zod/locales';

// Hosts run this module under strict CSPs without 'unsafe-eval'. Zod probes `new Function` for its JIT and catches the
// failure, but Chromium still reports a `securitypolicyviolation`; jitless skips the probe (same results, no eval).
// zod/mini loads no locale: English messages keep the refusals' texts what the classic zod gave (~1 KB gz).
z.config({ ...en(), jitless: true });
