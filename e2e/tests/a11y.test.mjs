// axe-core (WCAG 2.1 A/AA) on every page type of the demo: zero violations allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeViolations, formatViolations, launch, newPage, open, seg } from './helpers.mjs';

const plans = (await api('/api/plans')).plans;
assert.equal(plans.length, 7, 'the five samples yield seven plans');
const byTitle = (title) => {
  const p = plans.find((p) => p.title === title);
  assert.ok(p, `plan ${title}`);
  return p.id;
};
const KAWAGUCHI_LIST = byTitle('川口市自殺対策推進計画');
const KUMAGAYA = byTitle('熊谷市自殺対策計画');
const OTARU = byTitle('小樽市自殺対策計画');
const KIYOSE = byTitle('清瀬市自殺対策計画');
const KAWAGUCHI_EVAL = byTitle('川口市地域共生社会推進計画');
const GUARDIANSHIP = byTitle('川口市成年後見制度利用促進計画');
const REOFFENDING = byTitle('川口市再犯防止推進計画');

/** [path, expected status] of every page type. */
const pages = [['/', 200]];
for (const p of plans) {
  pages.push([`/plans/${p.id}`, 200]);
  // Every fiscal year of the selector, not only the default (latest) one.
  for (const y of p.fiscal_years) {
    pages.push([`/plans/${p.id}?year=${y}`, 200]);
  }
  pages.push([`/plans/${p.id}/report`, 200]);
  pages.push([`/plans/${p.id}/findings`, 200]);
}
// Group pages: a top-level and a nested group of several layouts.
for (const [id, key] of [
  [KUMAGAYA, '基本施策1'],
  [OTARU, '基本施策①'],
  [KIYOSE, '基本施策1'],
  [KIYOSE, '基本施策1/1-1'],
  [KAWAGUCHI_EVAL, '基本目標1'],
  [KAWAGUCHI_EVAL, '基本目標1-施策1'],
  [GUARDIANSHIP, '取組内容1'],
]) {
  pages.push([`/plans/${id}/groups/${seg(key)}`, 200]);
  pages.push([`/plans/${id}/groups/${seg(key)}?year=${plans.find((p) => p.id === id).fiscal_years[0]}`, 200]);
}
// Measure pages: one per plan that has measures (川口市地域共生社会推進計画 has indicators only).
for (const [id, key] of [
  [KAWAGUCHI_LIST, '1'],
  [KUMAGAYA, '熊谷市自殺予防対策連絡協議会'],
  [OTARU, '小樽市自殺対策協議会の開催'],
  [KIYOSE, '自治会、円卓会議等のネットワークの構築・強化'],
  [GUARDIANSHIP, '1-(1)'],
  [REOFFENDING, '取組方針①'],
]) {
  pages.push([`/plans/${id}/measures/${seg(key)}`, 200]);
}
// Every indicator page (the SVG chart and its table alternative).
const indicators = (await api(`/api/plans/${KAWAGUCHI_EVAL}/indicators`)).indicators;
assert.equal(indicators.length, 47, '47 indicators in the evaluation report');
for (const i of indicators) {
  pages.push([`/plans/${KAWAGUCHI_EVAL}/indicators/${seg(i.indicator.key)}`, 200]);
}
pages.push(
  [`/plans/${KAWAGUCHI_EVAL}/evaluation`, 200],
  [`/plans/${KAWAGUCHI_EVAL}/evaluation?year=2025`, 200],
  // Plans whose measures are graded by their divisions (成年後見, 再犯防止).
  [`/plans/${GUARDIANSHIP}/evaluation`, 200],
  [`/plans/${REOFFENDING}/evaluation`, 200],
  ['/findings', 200],
  ['/glossary', 200],
  ['/divisions', 200],
  // Divisions are per municipality; the old address of a unique name redirects.
  [`/divisions/${seg('川口市')}/${seg('職員課')}`, 200],
  [`/divisions/${seg('清瀬市')}/${seg('健康推進課')}`, 200],
  [`/divisions/${seg('健康推進課')}`, 200],
  ['/compare', 200],
  ['/compare/suicide_prevention', 200],
  ['/search', 200],
  [`/search?q=${seg('相談')}`, 200],
  [`/search?q=${seg('高齢')}&plan=${KIYOSE}`, 200],
  // Paging (the pager with 前へ/次へ and page numbers), the 自治体名 filter, the group filter of
  // a chosen plan, a page past the last one.
  [`/search?q=${seg('相談')}&page=2`, 200],
  [`/search?q=${seg('相談')}&page=10`, 200],
  [`/search?q=${seg('相談')}&municipality=${seg('小樽')}`, 200],
  [`/search?q=${seg('相談')}&plan=${KIYOSE}&group=${seg('基本施策1')}`, 200],
  [`/search?q=${seg('相談')}&page=99`, 200],
  [`/search?q=${seg('相')}`, 200],
  [`/search?q=${seg('該当しない語句ｘｙｚ')}`, 200],
  ['/no/such/page', 404],
  ['/plans/9999', 404],
  ['/plans/abc', 400],
  [`/plans/${KAWAGUCHI_LIST}/measures/${seg('存在しない事業')}`, 404],
  [`/plans/${KAWAGUCHI_LIST}?year=abc`, 400],
  [`/search?q=${seg('相談')}&year=x`, 400],
  [`/search?q=${seg('相談')}&page=0`, 400],
);

describe('axe-core WCAG 2.1 A/AA: zero violations', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  for (const [path, status] of pages) {
    it(`${decodeURIComponent(path)} (HTTP ${status})`, async () => {
      await open(page, path, status);
      // Every page has one h1, a main landmark and a Japanese lang attribute.
      assert.equal(await page.locator('h1').count(), 1, 'one h1');
      assert.equal(await page.locator('main#main').count(), 1, 'main landmark');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      const violations = await axeViolations(page);
      assert.deepEqual(
        violations.map((v) => v.id),
        [],
        `axe violations:\n${formatViolations(path, violations)}`,
      );
    });
  }
});
