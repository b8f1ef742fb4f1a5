/**
 * Browser pages for the integration tests and the benchmarks: one TypeScript entry (with the project's sources and
 * node_modules) bundled by esbuild (it comes with tsx) into a single IIFE script, plus an html page that loads it.
 * The directory is then served as the test server's staticDir.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

export interface PageBundle {
  /** The page's entry file (absolute path). */
  entry: string;
  /** File name of the bundled script. */
  script: string;
  /** File name of the html page (default: the script's name with `.html`). */
  page?: string;
  /** The page's title (default: the script's name). */
  title?: string;
  /** Markup before the script tag. */
  body?: string;
  /** Compile-time constants, e.g. `process.env.NODE_ENV`. */
  define?: Record<string, string>;
  /** Module substitutions, e.g. React's profiling build. */
  alias?: Record<string, string>;
  /** Syntax-only minification: the output stays readable, with esbuild's `// path` comment on each module. */
  minifySyntax?: boolean;
}

/** A fresh directory under the OS temp dir. */
export function freshDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `${prefix}-`));
}

export async function bundlePage(dir: string, bundle: PageBundle): Promise<void> {
  const { entry, script, define, alias, minifySyntax } = bundle;
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(dir, script),
    logLevel: 'silent',
    ...(define ? { define } : {}),
    ...(alias ? { alias } : {}),
    ...(minifySyntax ? { minifySyntax } : {}),
  });
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${bundle.title ?? script}</title></head>` +
    `<body>${bundle.body ?? ''}<script src="/${script}"></script></body></html>\n`;
  writeFileSync(path.join(dir, bundle.page ?? script.replace(/\.js$/, '.html')), html);
}
