/** The answer of an argument check: the reason is shown to the user or sent in the error reply. */
export type Check = { ok: true } | { ok: false; reason: string };
