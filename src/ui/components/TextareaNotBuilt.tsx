/**
 * Stands in for MUI's TextareaAutosize inside InputBase (webpack.config.js, muiNoTextareaRule): InputBase renders it
 * only for a `multiline` field, which no softphone field is (test/build/muiAliases.test.ts holds that to the
 * sources), so its ~0.7 KB gz stays out of the bundle. A multiline field would fail loudly here, not render wrongly.
 */
export default function TextareaNotBuilt(): never {
  throw new Error(
    'Multiline fields are not built into the softphone: drop muiNoTextareaRule in webpack.config.js to use one.',
  );
}
