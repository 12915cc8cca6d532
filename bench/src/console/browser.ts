// Measures the console in headless Chromium. Every time is taken inside the page with
// performance.now(): from navigation start (a fresh load) or from the click (in-app navigation)
// to the moment the app sets body[data-ready]. Page code is mostly passed as strings because
// bench compiles without the DOM types.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export function chromiumPath(): string {
  const p = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium not found at ${p} (apt-get install -y chromium, or set VIGIL_CHROMIUM)`);
  return p;
}

export function launch(): Promise<Browser> {
  // --no-sandbox: the sandbox cannot start as root.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const VIEWPORT = { width: 1440, height: 900 };

/** Signs in once through the sign-in page; every measured page starts from this cookie. */
export async function signIn(browser: Browser, url: string, token: string): Promise<StorageState> {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await ctx.newPage();
    await page.goto(`${url}/signin?next=%2Fsessions`);
    await page.getByTestId('signin-token').fill(token);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL((u) => u.pathname === '/sessions');
    return await ctx.storageState();
  } finally {
    await ctx.close();
  }
}

// Installed before the app's scripts: records each value body[data-ready] takes (and the end of
// the frame after it, roughly when it is painted), every click, and long main-thread tasks.
const PROBE = `(() => {
  const b = { marks: [], long: [] };
  Object.defineProperty(window, '__bench', { value: b });
  let last;
  new MutationObserver(() => {
    const r = document.body ? document.body.dataset.ready : undefined;
    if (r && r !== last) {
      const m = { name: r, t: performance.now(), frame: null };
      b.marks.push(m);
      requestAnimationFrame(() => setTimeout(() => { m.frame = performance.now(); }, 0));
    }
    last = r;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  addEventListener('click', (e) => b.marks.push({ name: 'click', t: e.timeStamp, frame: e.timeStamp }), true);
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.long.push({ start: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface Mark {
  name: string;
  t: number;
  frame: number | null;
}
interface Collected {
  marks: Mark[];
  long: { start: number; ms: number }[];
  html_end: number;
  resources: { path: string; type: string; start: number; ttfb: number; end: number; bytes: number }[];
  rows: number;
  items: number;
}
const COLLECT = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    marks: window.__bench.marks,
    long: window.__bench.long,
    html_end: nav ? nav.responseEnd : 0,
    resources: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname + new URL(e.name).search, type: e.initiatorType, start: e.startTime, ttfb: e.responseStart, end: e.responseEnd, bytes: e.encodedBodySize })),
    rows: document.querySelectorAll('[data-testid="session-row"]').length,
    items: document.querySelectorAll('[data-testid="timeline-item"]').length,
  };
})()`;

export interface Request {
  path: string;
  start: number;
  ttfb: number;
  end: number;
  bytes: number;
}

/** One measured load or navigation; times in ms from its origin (navigation start, or the click). */
export interface Sample {
  ms: number;
  /** The end of the frame after ready (about when it is on screen). */
  frame_ms: number;
  /** The app's JS and CSS received (fresh loads). */
  assets_ms: number | null;
  /** GET /v1/console/session answered (fresh loads). */
  auth_ms: number | null;
  /** The request the page waits for: start, first byte, last byte, bytes. */
  api: Request | null;
  /** Every request from the origin on (documents, assets, API), for the JSON. */
  requests: Request[];
  /** Main-thread tasks over 50 ms between origin and ready, summed. */
  long_tasks_ms: number;
  /** Chromium's main-thread time between origin and collection, by kind (CDP Performance metrics). */
  cpu: { script: number; layout: number; style: number; task: number };
  dom: number;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
/** Responses >= 400 per page, to say why a page never became ready. */
const failures = new WeakMap<Page, string[]>();

async function cpuMetrics(cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
  return { script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration'), task: get('TaskDuration') };
}

export class Measurer {
  constructor(
    private readonly browser: Browser,
    private readonly url: string,
    private readonly state: StorageState,
  ) {}

  /** A new context per run: empty HTTP cache, so every load is a first load. */
  private async open(): Promise<{ ctx: BrowserContext; page: Page; cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>> }> {
    const ctx = await this.browser.newContext({ storageState: this.state, viewport: VIEWPORT });
    await ctx.addInitScript({ content: PROBE });
    const page = await ctx.newPage();
    const failed: string[] = [];
    page.on('response', (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${new URL(r.url()).pathname}`)));
    failures.set(page, failed);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    return { ctx, page, cdp };
  }

  private static async waitMark(page: Page, name: string, after: number): Promise<void> {
    // A function, not a string: the console's CSP forbids eval, which a string predicate needs.
    const cond = (a: { name: string; after: number }) => {
      const b = (globalThis as unknown as { __bench?: { marks: Mark[] } }).__bench;
      return !!b && b.marks.some((m) => m.name === a.name && m.t >= a.after && m.frame !== null);
    };
    try {
      await page.waitForFunction(cond, { name, after }, { timeout: 60_000, polling: 50 });
    } catch (e) {
      const text = (await page.evaluate('document.body ? document.body.innerText.slice(0, 300) : ""').catch(() => '')) as string;
      const failed = failures.get(page) ?? [];
      // `npm run build` elsewhere replaces the hashed assets the running server's index.html names.
      const hint = failed.some((f) => f.includes('/assets/')) ? ' (an asset is missing: was the console rebuilt while the bench ran? run it again)' : '';
      throw new Error(`${page.url()}: body[data-ready] never became '${name}'${hint}; failed requests: ${failed.join(', ') || 'none'}; page text: ${JSON.stringify(text)}`, { cause: e });
    }
  }

  private static sample(c: Collected, name: string, origin: number, mainApi: RegExp, cpu0: Sample['cpu'], cpu1: Sample['cpu'], fresh: boolean): Sample {
    const ready = c.marks.find((m) => m.name === name && m.t >= origin)!;
    const rel = (v: number) => r1(v - origin);
    const req = (x: Collected['resources'][number]): Request => ({ path: x.path, start: rel(x.start), ttfb: rel(x.ttfb), end: rel(x.end), bytes: x.bytes });
    const after = c.resources.filter((x) => x.start >= origin - 1);
    const main = after.filter((x) => mainApi.test(x.path)).sort((a, b) => a.start - b.start)[0];
    const assets = c.resources.filter((x) => x.path.startsWith('/assets/'));
    const auth = c.resources.find((x) => x.path.startsWith('/v1/console/session'));
    return {
      ms: rel(ready.t),
      frame_ms: rel(ready.frame ?? ready.t),
      assets_ms: fresh && assets.length ? rel(Math.max(...assets.map((x) => x.end))) : null,
      auth_ms: fresh && auth ? rel(auth.end) : null,
      api: main ? req(main) : null,
      requests: after.map(req),
      long_tasks_ms: r1(c.long.filter((l) => l.start >= origin && l.start < ready.t).reduce((a, l) => a + l.ms, 0)),
      cpu: { script: r1(cpu1.script - cpu0.script), layout: r1(cpu1.layout - cpu0.layout), style: r1(cpu1.style - cpu0.style), task: r1(cpu1.task - cpu0.task) },
      dom: name === 'sessions' ? c.rows : c.items,
    };
  }

  /** A first load of `path` until body[data-ready] === name. */
  async fresh(path: string, name: string, mainApi: RegExp, then?: (page: Page) => Promise<number>): Promise<{ sample: Sample; extra: number | null }> {
    const { ctx, page, cdp } = await this.open();
    try {
      const cpu0 = await cpuMetrics(cdp);
      await page.goto(this.url + path, { waitUntil: 'commit' });
      await Measurer.waitMark(page, name, 0);
      const cpu1 = await cpuMetrics(cdp);
      const c = (await page.evaluate(COLLECT)) as Collected;
      const sample = Measurer.sample(c, name, 0, mainApi, cpu0, cpu1, true);
      if (sample.dom === 0) throw new Error(`${path}: ready '${name}' with nothing rendered`);
      return { sample, extra: then ? await then(page) : null };
    } finally {
      await ctx.close();
    }
  }

  /** Loads `listPath` (untimed), then clicks the row of `sessionId` and times until body[data-ready] === 'session'. */
  async inApp(listPath: string, sessionId: string, mainApi: RegExp): Promise<Sample> {
    const { ctx, page, cdp } = await this.open();
    try {
      await page.goto(this.url + listPath, { waitUntil: 'commit' });
      await Measurer.waitMark(page, 'sessions', 0);
      await page.waitForTimeout(300); // let the tab counts and any late work finish, as a person would
      const row = page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
      const now = (await page.evaluate('performance.now()')) as number;
      const cpu0 = await cpuMetrics(cdp);
      // The first cell (security badge) has no link: this is the row's own click handler.
      await row.locator('td').first().click();
      await Measurer.waitMark(page, 'session', now);
      const cpu1 = await cpuMetrics(cdp);
      const c = (await page.evaluate(COLLECT)) as Collected;
      const click = c.marks.filter((m) => m.name === 'click' && m.t >= now)[0];
      if (!click) throw new Error('the click was not seen by the page');
      const sample = Measurer.sample(c, 'session', click.t, mainApi, cpu0, cpu1, false);
      if (sample.dom === 0) throw new Error(`${sessionId}: ready 'session' with no timeline item rendered`);
      return sample;
    } finally {
      await ctx.close();
    }
  }
}

/**
 * Scrolls the timeline to its end, frame by frame as a fast scroll would, and returns the ms
 * until the last event is in view with its text. The virtualiser measures rows as they render,
 * so the end moves while scrolling: keep scrolling until it is really there.
 */
export async function scrollToEnd(page: Page, eventId: string, text: string): Promise<number> {
  await page.waitForTimeout(300);
  const script = `new Promise((resolve, reject) => {
    const el = document.querySelector('[data-testid="timeline"]');
    if (!el) return reject(new Error('no timeline'));
    const t0 = performance.now();
    const step = () => {
      el.scrollTop = el.scrollHeight;
      const doc = document.scrollingElement;
      if (doc) doc.scrollTop = doc.scrollHeight;
      const item = document.querySelector('[data-event-id="${eventId}"]');
      if (item && item.textContent.includes(${JSON.stringify(text)})) {
        const r = item.getBoundingClientRect(), c = el.getBoundingClientRect();
        if (r.height > 0 && r.top < Math.min(c.bottom, innerHeight) && r.bottom > Math.max(c.top, 0)) return resolve(performance.now() - t0);
      }
      if (performance.now() - t0 > 30000) return reject(new Error('the last event did not come into view within 30 s'));
      requestAnimationFrame(step);
    };
    step();
  })`;
  return r1((await page.evaluate(script)) as number);
}
