// Shared helpers of the browser tests: the server under test, Chromium, axe-core.
//
// The server is started by scripts/e2e.sh, which passes its URL in SHINCHOKU_URL.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The base URL of the running demo (no trailing slash). */
export const BASE = (() => {
  const url = process.env.SHINCHOKU_URL;
  if (!url) {
    throw new Error('SHINCHOKU_URL is not set; run the browser tests with scripts/e2e.sh');
  }
  return url.replace(/\/+$/, '');
})();

/** Debian's chromium unless CHROMIUM overrides it. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Flags of every run. Playwright adds a fresh temporary --user-data-dir itself (and refuses
 * one in args), so each launch starts from an empty profile.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The WCAG 2.1 A/AA rules every page must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A fresh page in a fresh context. bypassCSP lets axe be injected: the app's CSP forbids
 * inline and foreign scripts on purpose.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    bypassCSP: true,
    locale: 'ja-JP',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return page;
}

/** Opens `path` and checks the status code. */
export async function open(page, path, status = 200) {
  const response = await page.goto(BASE + path, { waitUntil: 'load' });
  assert.ok(response, `no response for ${path}`);
  assert.equal(response.status(), status, `HTTP status of ${path}`);
  return response;
}

/** Runs axe-core (WCAG 2.1 A/AA) on the current page; returns the violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.join(' '),
        html: n.html.slice(0, 200),
        summary: n.failureSummary,
      })),
      count: v.nodes.length,
    }));
  }, AXE_TAGS);
}

/** Human-readable report of axe violations. */
export function formatViolations(path, violations) {
  return violations
    .map(
      (v) =>
        `${path}: ${v.id} (${v.impact}, ${v.count} node(s)): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary}`).join('\n'),
    )
    .join('\n');
}

/** GET a JSON API document. */
export async function api(path) {
  const response = await fetch(BASE + path);
  assert.equal(response.status, 200, `HTTP status of ${path}`);
  return response.json();
}

/** The visible text of the first element matching `selector`, whitespace collapsed. */
export async function text(page, selector) {
  const t = await page.locator(selector).first().innerText();
  return t.replace(/\s+/g, ' ').trim();
}

/** Percent-encodes one path segment (keys contain Japanese, slashes and brackets). */
export function seg(s) {
  return encodeURIComponent(s);
}

/**
 * The cells of one row of a table: the table whose caption contains `caption`, the row whose
 * header cell (th) reads `rowHeader`. Returns { headers, cells } with the column headers of the
 * last header row and the row's td texts (whitespace collapsed), or null when there is no
 * such row.
 */
export async function tableRow(page, caption, rowHeader) {
  return page.evaluate(
    ([caption, rowHeader]) => {
      const norm = (s) => s.replace(/\s+/g, ' ').trim();
      for (const table of document.querySelectorAll('table')) {
        const cap = table.querySelector('caption');
        if (!cap || !norm(cap.textContent).includes(caption)) continue;
        const headRows = table.querySelectorAll('thead tr');
        const headers = headRows.length
          ? [...headRows[headRows.length - 1].cells].map((c) => norm(c.textContent))
          : [];
        for (const tr of table.querySelectorAll('tbody tr')) {
          const th = tr.querySelector('th');
          if (th && norm(th.textContent) === rowHeader) {
            return { headers, cells: [...tr.querySelectorAll('td')].map((c) => norm(c.innerText)) };
          }
        }
      }
      return null;
    },
    [caption, rowHeader],
  );
}

/** Clicks the link with exactly this text (inside `scope`, default the page) and waits for the page. */
export async function follow(page, name, scope = 'body') {
  const link = page.locator(scope).getByRole('link', { name, exact: true }).first();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  return page;
}

/** Parses RFC 4180 CSV text (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(textIn) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textIn.length; i++) {
    const c = textIn[i];
    if (quoted) {
      if (c === '"' && textIn[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && textIn[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The entries of a ZIP archive (an XLSX) as a Map of name → Buffer (stored or deflated). */
export async function unzip(buf) {
  const { inflateRawSync } = await import('node:zlib');
  // End of central directory: signature 0x06054b50, searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    entries.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
