/**
 * What NativeSelect imports as its default `input` (MUI's standard Input, ~0.7 KB gz) inside the bundle
 * (webpack.config.js, muiNativeSelectInputRule): NativeSelectField always passes its own OutlinedInput, so the
 * default never renders; the outlined input, which every field already loads, stands in for it.
 */
export { default } from '@mui/material/OutlinedInput';
