/**
 * Types of the two MUI modules that build and provide a theme without CSS variables. @mui/material does not export
 * these paths, so webpack.config.js (muiNoVarsResolve) and jest.config.js map them to MUI's own files; the types are
 * MUI's public ones.
 */
declare module '@mui/material/styles/createThemeNoVars' {
  import type { Theme, ThemeOptions } from '@mui/material/styles';

  export default function createThemeNoVars(options?: ThemeOptions, ...args: object[]): Theme;
}

declare module '@mui/material/styles/ThemeProviderNoVars' {
  import type { Theme } from '@mui/material/styles';
  import type { JSX, ReactNode } from 'react';

  export default function ThemeProviderNoVars(props: { theme: Theme; children?: ReactNode }): JSX.Element;
}
