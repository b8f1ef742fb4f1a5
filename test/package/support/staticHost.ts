/**
 * A shell's own web server on another origin than the softphone's: plain HTTP on 127.0.0.1 (a secure context for
 * the browser, like localhost), serving a few in-memory pages and files from disk. Nothing in it knows the
 * softphone: whatever reaches the softphone's server from its pages is a cross-origin request.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

export interface StaticHost {
  readonly origin: string;
  close(): Promise<void>;
}

/** `files`: URL path -> page content (string) or absolute file path ({ file }). */
export async function startStaticHost(files: Record<string, string | { file: string }>): Promise<StaticHost> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://host').pathname;
    const entry = files[pathname];
    if (entry === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = typeof entry === 'string' ? entry : readFileSync(entry.file);
    const type = TYPES[path.extname(typeof entry === 'string' ? pathname : entry.file)] ?? TYPES['.html']!;
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
