import { after, before } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launch } from './browser.js';
import { startConsoleServer, type Api } from './server.js';

// What every browser test of the console starts with: a real server on a fresh store with a
// known admin token, and headless Chromium; both closed at the end, the browser first.

export interface ConsoleInChromium {
  /** The server's API as the admin token. */
  readonly api: Api;
  /** The server's URL (known once the `before` hook has run). */
  readonly base: string;
  readonly browser: Browser;
  /** The page errors of every page opened with newPage. */
  readonly pageErrors: string[];
  /** A page in a context of its own, its page errors collected. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Call at the top of a describe block: registers the `before` hook that starts both (so a block's
 * own `before`, registered after it, can seed the server) and the `after` hook that closes them.
 */
export function consoleInChromium(adminToken: string): ConsoleInChromium {
  let running: Awaited<ReturnType<typeof startConsoleServer>> | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  before(async () => {
    running = await startConsoleServer(adminToken);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  return {
    api: (method, path, body) => running!.api(method, path, body),
    get base() {
      return running!.server.url;
    },
    get browser() {
      return browser!;
    },
    pageErrors,
    async newPage(options) {
      const context = await browser!.newContext(options);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
  };
}
