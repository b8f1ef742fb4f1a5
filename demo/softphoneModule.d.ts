/**
 * Types of the in-browser module `@switchboard/softphone` as the demo apps see it. At run time the name
 * resolves through the import map to dist/switchboard-softphone.js (a webpack external), so nothing of the
 * module is bundled into the siblings; the types come from the module's own source and cannot drift.
 */
declare module '@switchboard/softphone' {
  type SoftphoneModule = typeof import('../src/switchboard-softphone');
  export const createSoftphoneClient: SoftphoneModule['createSoftphoneClient'];
}
