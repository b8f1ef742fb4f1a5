import { z } from 'zod';

// Hosts run this module under strict CSPs without 'unsafe-eval'. Zod probes `new Function` for its JIT and catches the
// failure, but Chromium still reports a `securitypolicyviolation`; jitless skips the probe (same results, no eval).
z.config({ jitless: true });
