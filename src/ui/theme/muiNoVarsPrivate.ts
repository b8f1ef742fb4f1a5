/**
 * MUI's no-CSS-variables theme builder and provider, by their files (@mui/material's exports do not list them; the
 * paths are mapped in webpack.config.js and jest.config.js, typed in muiPrivatePaths.d.ts). Only webpack's bundles and the
 * tests use this module (in muiNoVars.ts's place); test/ui/noVarsTheme.test.tsx proves the themes are MUI's.
 */
export { default as createThemeNoVars } from '@mui/material/styles/createThemeNoVars';
export { default as ThemeProviderNoVars } from '@mui/material/styles/ThemeProviderNoVars';
