import '@testing-library/jest-dom';

// MUI rendering in jsdom takes seconds per test on a loaded 2-core CI machine; 5 s (Jest's default) flakes.
jest.setTimeout(20_000);
