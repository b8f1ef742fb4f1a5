/** MUI's full theme path (CSS variables, colour schemes): a lazy chunk, loaded only for a host theme that asks. */
export { createTheme, ThemeProvider } from '@mui/material/styles';
