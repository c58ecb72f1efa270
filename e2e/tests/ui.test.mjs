// Keyboard (skip link), print CSS, layout at desktop and phone widths, and screenshots.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, formatViolations, launch, newPage, open, seg } from './helpers.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS;

const displayed = (page, selector) =>
  // checkVisibility(): false when the element or an ancestor is display: none.
  page.locator(selector).evaluateAll((els) => els.map((e) => e.checkVisibility()));

describe('keyboard', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  for (const path of ['/', '/plans/2', `/search?q=${seg('相談')}`]) {
    it(`${decodeURIComponent(path)}: the skip link is the first tab stop and moves focus to main`, async () => {
      await open(page, path);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({
        tag: document.activeElement.tagName,
        text: document.activeElement.textContent,
        href: document.activeElement.getAttribute('href'),
      }));
      assert.deepEqual(first, { tag: 'A', text: '本文へ移動', href: '#main' });
      // Visible while focused (it is moved off-screen otherwise).
      const box = await page.locator('a.skip').boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, `skip link on screen: ${JSON.stringify(box)}`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      assert.equal(new URL(page.url()).hash, '#main');
      // The next tab stop is inside main, past the header and breadcrumbs.
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
    });
  }

  it('focus is visible on links (outline)', async () => {
    await open(page, '/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
  });
});

describe('print', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  for (const path of ['/plans/1/report', '/plans/4/report', '/plans/5/evaluation']) {
    it(`${path}: print media hides header, navigation, forms and footer`, async () => {
      await open(page, path);
      await page.emulateMedia({ media: 'screen' });
      assert.deepEqual(await displayed(page, 'header.site, nav:not(.toc), footer'), [true, true, true, true], 'all shown on screen');
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['header.site', 'nav:not(.toc)', 'footer', 'form', '.noprint', 'a.skip']) {
        const shown = await displayed(page, selector);
        assert.ok(shown.every((s) => !s), `${selector} hidden in print (${shown})`);
      }
      // The evaluation report prints with a cover and its contents.
      if (path.endsWith('/evaluation')) {
        assert.deepEqual(await displayed(page, 'main .print-cover, main nav.toc'), [true, true], 'cover and contents printed');
      }
      // The report itself is printed, tables in full width.
      assert.deepEqual(await displayed(page, 'main h1'), [true]);
      assert.ok((await displayed(page, 'main table')).every(Boolean));
      const overflow = await page.locator('main .wide').first().evaluate((e) => getComputedStyle(e).overflowX);
      assert.equal(overflow, 'visible', 'wide tables are not cut off in print');
      const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      await page.emulateMedia({ media: 'screen' });
    });
  }
});

describe('layout and screenshots', () => {
  let browser;
  before(async () => {
    browser = await launch();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  const pages = [
    ['home', '/'],
    ['dashboard-kumagaya', '/plans/2'],
    ['dashboard-kiyose-2021', '/plans/4?year=2021'],
    ['group-kiyose', `/plans/4/groups/${seg('基本施策1/1-1')}`],
    ['measure-kiyose', `/plans/4/measures/${seg('自治会、円卓会議等のネットワークの構築・強化')}`],
    ['measure-kawaguchi', '/plans/1/measures/1'],
    ['indicator', `/plans/5/indicators/${seg('基本目標1/成果指標4')}`],
    ['report-kawaguchi', '/plans/1/report'],
    ['report-kiyose', '/plans/4/report'],
    ['evaluation', '/plans/5/evaluation'],
    ['evaluation-measures', '/plans/7/evaluation'],
    ['dashboard-kawaguchi-eval', '/plans/5'],
    ['search', `/search?q=${seg('相談')}`],
    ['division', `/divisions/${seg('清瀬市')}/${seg('シティプロモーション課')}`],
    ['compare', '/compare/suicide_prevention'],
    ['findings', '/findings'],
    ['glossary', '/glossary'],
    ['not-found', '/plans/9999'],
  ];

  for (const [width, height] of [
    [1280, 900],
    [768, 1024],
    [390, 844],
  ]) {
    it(`no page is wider than a ${width}px window and none has an axe violation; wide tables scroll in their own box`, async () => {
      const page = await newPage(browser, { viewport: { width, height } });
      for (const [name, path] of pages) {
        await page.goto(new URL(path, process.env.SHINCHOKU_URL).href, { waitUntil: 'load' });
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${path} at ${width}px: page ${scroll}px wide`);
        // Every page type at every width: zero axe violations (WCAG 2.1 A/AA).
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], formatViolations(`${path} at ${width}px`, violations));
        if (SHOTS) {
          await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: false });
        }
      }
      await page.context().close();
    });
  }
});
