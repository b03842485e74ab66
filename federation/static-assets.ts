import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type StaticAssetsOptions = {
  /** The folder served, absolute. */
  root: string;
  /** The URL path it is served under, without a trailing slash (e.g. `/console`). */
  prefix: string;
  /** A file (relative to root) answered for paths with no file and no extension: a single-page app's routes. */
  fallback?: string;
  /** Headers added to every HTML answer (e.g. a Content-Security-Policy). */
  htmlHeaders?: Record<string, string>;
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Files of one folder over HTTP, from the hub itself (a government intranet has no CDN): GET and
 * HEAD only, nothing outside the folder (no `..`, no encoded separators, no dotfiles), content types
 * from a fixed list (anything else is not served), `nosniff`, ETags. Files named with a content hash
 * (Vite's `assets/`) are cached for a year; the rest is revalidated on every load, so a new build is
 * seen at once. Answers `undefined` for paths outside the prefix, so the caller can go on.
 */
export function createStaticAssets({ root, prefix, fallback, htmlHeaders = {} }: StaticAssetsOptions): (request: Request) => Promise<Response | undefined> {
  const base = path.resolve(root);
  const resolveFile = (pathname: string): string | undefined => {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return undefined;
    }
    if (relative === '' || relative === '/') relative = '/index.html';
    if (relative.includes('\0') || relative.includes('\\') || relative.split('/').some((part) => part.startsWith('.'))) return undefined;
    const file = path.resolve(base, `.${relative}`);
    return file.startsWith(base + path.sep) ? file : undefined;
  };
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    if (url.pathname === prefix) return new Response(null, { status: 308, headers: { location: `${prefix}/${url.search}` } });
    let file = resolveFile(url.pathname);
    let body = file ? await readIfFile(file) : undefined;
    if (!body && fallback && file && path.extname(file) === '') {
      file = path.join(base, fallback);
      body = await readIfFile(file);
    }
    const type = file ? TYPES[path.extname(file)] : undefined;
    if (!body || !file || !type) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const hashed = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.\w+$/.test(file);
    const headers: Record<string, string> = {
      'content-type': type,
      etag,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') ? htmlHeaders : {}),
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...headers, 'content-length': String(body.length) } });
  };
}

async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? await fs.readFile(file) : undefined;
  } catch {
    return undefined;
  }
}
