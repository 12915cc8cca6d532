import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

// Headless Chromium for the console's browser tests and benchmark: Debian's `chromium`, driven
// by playwright-core (which never downloads a browser of its own). CI installs it (.ci/run);
// elsewhere the tests skip with the reason printed, and under CI=true a missing browser fails.

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | null {
  const fromEnv = process.env.VIGIL_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

const path = chromiumPath();
/** Why browser tests cannot run here, or null when they can. */
export const BROWSER_SKIP: string | null = path ? null : 'Chromium not found (apt-get install -y chromium, or set VIGIL_CHROMIUM)';
if (BROWSER_SKIP) {
  if (process.env.CI === 'true') throw new Error(`CI must run the browser tests: ${BROWSER_SKIP}`);
  process.stderr.write(`note: skipping browser tests: ${BROWSER_SKIP}\n`);
}

export function launch(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: path!, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, baseUrl: string, token: string, next = '/sessions'): Promise<void> {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByTestId('signin-token').fill(token);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}

/** Resolves when the page has rendered its first data (the app sets body[data-ready]). */
export async function ready(page: Page, name: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction((n) => document.body.dataset.ready === n, name, { timeout });
}
