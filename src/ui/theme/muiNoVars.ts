/**
 * MUI's theme builder and provider as the softphone uses them (softphoneTheme.tsx: options without CSS variables or
 * colour schemes). These are MUI's public createTheme and ThemeProvider, which for such options build and provide
 * exactly what createThemeNoVars and ThemeProviderNoVars do; webpack.config.js (muiNoVarsResolve) builds the bundles
 * with muiNoVarsPrivate.ts in this module's place, so that they carry no CSS-variables code. Other tools (tsc's
 * declaration build, esbuild page bundles) resolve only public paths and get this module.
 */
export { createTheme as createThemeNoVars, ThemeProvider as ThemeProviderNoVars } from '@mui/material/styles';
