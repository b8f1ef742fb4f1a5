/**
 * MUI's default theme for its components, built without the CSS-variables code. MUI's `createTheme()` with no
 * options returns `createThemeNoVars({})`, but its module imports the CSS-variables theme builder for the other
 * branch, so every component's default theme (styles/defaultTheme.mjs, Box's `createTheme()`) would bring ~8 KB gz
 * to mount that the softphone never runs. webpack.config.js (muiNoVarsResolve) points those two imports here (a webpack-only module).
 * test/ui/noVarsTheme.test.tsx proves the theme is the same.
 */
import { createThemeNoVars } from './muiNoVarsPrivate';

/** What Box imports from `@mui/material/styles` (it calls `createTheme()` without options). */
export const createTheme = createThemeNoVars;

const defaultTheme = createThemeNoVars();
export default defaultTheme;
