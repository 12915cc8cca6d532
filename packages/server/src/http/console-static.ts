import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

// The console's pages: the single-page app from @vigil/console, with a strict CSP so nothing an
// agent wrote can run even if it reached the DOM as markup.
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Paths the app routes itself; each answers index.html. */
const APP_PATHS = ['/', '/signin', '/sessions', '/sessions/*', '/inventory', '/analytics', '/settings', '/audit', '/device', '/people'];

export function consoleDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@vigil/console/package.json');
    const dir = join(dirname(pkg), 'dist', 'app');
    return existsSync(join(dir, 'index.html')) ? dir : null;
  } catch {
    return null;
  }
}

export const consolePages: FastifyPluginAsync = async (app) => {
  const dir = consoleDir();
  const headers = (reply: { header(k: string, v: string): unknown }) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
  };
  if (!dir) {
    for (const url of APP_PATHS) {
      app.get(url, { config: { public: true } }, async (_req, reply) =>
        reply.code(503).type('text/plain; charset=utf-8').send('The Vigil console is not built: run `npm run build` (the install step does it).\n'),
      );
    }
    return;
  }
  const index = readFileSync(join(dir, 'index.html'));
  // @fastify/static only for sending files (it refuses paths outside the root); the route is ours so
  // it can be public. Hashed file names: cached for a year; index.html is revalidated.
  const assets = join(dir, 'assets');
  await app.register(fastifyStatic, { root: assets, serve: false });
  app.get<{ Params: { '*': string } }>('/assets/*', { config: { public: true } }, async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    return reply.sendFile(req.params['*'], assets, { immutable: true, maxAge: '365d', dotfiles: 'deny' });
  });
  for (const url of APP_PATHS) {
    app.get(url, { config: { public: true } }, async (_req, reply) => {
      headers(reply);
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
    });
  }
};
