// The secretariat maps its plan's groups onto the national policy package (業務メニュー →
// 進捗管理 → 施策と政策パッケージの対応付け), and the public comparison page follows. Runs
// after the read-only tests (zz-): it changes the 熊谷市 plan's mapping.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { api, axeViolations, formatViolations, launch, newPage, open, tableRow } from './helpers.mjs';

const BIN = process.env.SHINCHOKU_BIN;
const DB = process.env.SHINCHOKU_DEMO_DB;

describe('the policy package mapping', () => {
  let browser;
  before(async () => {
    assert.ok(BIN && DB, 'run through scripts/e2e.sh');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the secretariat of 熊谷市 confirms and corrects the proposal', async () => {
    const password = 'e2e package passphrase';
    execFileSync(BIN, ['user', 'add', '--db', DB, 'kumagaya-admin', '--role', 'admin', '--municipality', '熊谷市',
      '--name', '熊谷市 事務局'], { input: password + '\n' });
    const plan = (await api('/api/plans')).plans.find((p) => p.title === '熊谷市自殺対策計画');
    const page = await newPage(browser);
    await open(page, '/login');
    await page.fill('#login', 'kumagaya-admin');
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main button[type=submit]')]);
    await open(page, `/work/plans/${plan.id}/package`);
    let v = await axeViolations(page);
    assert.deepEqual(v.map((x) => x.id), [], formatViolations('package form', v));
    assert.equal(await page.inputValue('#area-0'), 'basic-1', 'proposed from the title');
    await page.selectOption('#area-4', 'none');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[value=save]')]);
    assert.match(await page.locator('main').innerText(), /対応付けを保存しました/);
    v = await axeViolations(page);
    assert.deepEqual(v.map((x) => x.id), [], formatViolations('package form (saved)', v));
    // The public page follows within a second or two (the server follows the store).
    let row;
    for (let i = 0; i < 40; i++) {
      await open(page, '/compare/suicide_prevention');
      row = await tableRow(page, '政策領域ごとの事業数', '基本施策5 児童生徒のSOSの出し方に関する教育');
      if (row && row.cells[1].startsWith('0事業')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(row.cells[1], '0事業 —', '基本施策5 left out');
    const plans = await tableRow(page, '比べる計画と表示する年度', '熊谷市');
    assert.equal(plans.cells[3], '事務局確認済');
    await page.context().close();
  });
});
