// The yearly collection cycle end to end, in Chromium, on the demo (which seeds one account
// per role and opens a year): a division enters and submits on the web, the secretariat
// sends a reminder (it arrives at an SMTP receiver this test starts on the loopback
// address), sends a record back, the division corrects it, the secretariat accepts, locks and
// publishes — and no unpublished text appears on a public page before that. Every staff page
// passes axe (WCAG 2.1 A/AA). Named zz- so that it runs after the read-only tests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BASE, axeViolations, formatViolations, launch, newPage, open } from './helpers.mjs';

const LOG = process.env.SHINCHOKU_DEMO_LOG;
const BIN = process.env.SHINCHOKU_BIN;
const DB = process.env.SHINCHOKU_DEMO_DB;

/** login → password, from the demo's start-up output. */
function accounts() {
  const out = {};
  for (const line of readFileSync(LOG, 'utf8').split('\n')) {
    const m = line.match(/^\s+(jimukyoku|tantou|iin|kouiki)\s+(\S+)\s/);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** A minimal SMTP receiver on 127.0.0.1: resolves to { port, mails, close }. */
function smtpReceiver() {
  const mails = [];
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let mail = { to: [], data: '' };
    socket.write('220 e2e ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(mail);
            mail = { to: [], data: '' };
            socket.write('250 queued\r\n');
          } else {
            mail.data += line + '\n';
          }
          continue;
        }
        const upper = line.toUpperCase();
        if (upper.startsWith('EHLO') || upper.startsWith('HELO')) socket.write('250-e2e\r\n250 8BITMIME\r\n');
        else if (upper.startsWith('RCPT TO:')) {
          mail.to.push(line.slice(8).trim());
          socket.write('250 OK\r\n');
        } else if (upper === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (upper === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: server.address().port, mails, close: () => server.close() }),
    );
  });
}

const MARK = 'E2E入力の実績テキスト';
const FIX = 'E2E修正後の実績（年4回開催）';
const REASON = 'E2E差戻し理由：開催回数を書いてください';

/** The public pages of a plan, fetched as the public. */
async function publicTexts(planId) {
  const paths = [
    `/plans/${planId}`,
    `/plans/${planId}/report`,
    `/plans/${planId}/report.csv`,
    `/api/plans/${planId}`,
    `/api/plans/${planId}/records`,
    `/search?q=${encodeURIComponent('E2E')}`,
    `/api/search?q=${encodeURIComponent('E2E')}`,
  ];
  const out = [];
  for (const p of paths) {
    const r = await fetch(BASE + p);
    out.push([p, await r.text()]);
  }
  return out;
}

async function assertNotPublic(planId, text) {
  for (const [path, body] of await publicTexts(planId)) {
    assert.ok(!body.includes(text), `${path} must not show 「${text}」 before publication`);
  }
}

async function signIn(browser, login, password) {
  const page = await newPage(browser);
  await open(page, '/login');
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, '/work', `${login} is signed in`);
  return page;
}

async function assertAccessible(page, label) {
  const v = await axeViolations(page);
  assert.equal(v.length, 0, formatViolations(label, v));
}

async function submitForm(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

describe('the collection cycle', () => {
  let browser;
  let smtp;
  let pw;
  let planId;
  before(async () => {
    assert.ok(LOG && BIN && DB, 'run through scripts/e2e.sh');
    pw = accounts();
    assert.deepEqual(Object.keys(pw).sort(), ['iin', 'jimukyoku', 'kouiki', 'tantou']);
    smtp = await smtpReceiver();
    execFileSync(BIN, [
      'mail', 'set', '--db', DB, '--host', '127.0.0.1', '--port', String(smtp.port),
      '--tls', 'none', '--from', '事務局 <jimukyoku@example.jp>', '--base-url', BASE,
    ]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    smtp?.close();
  });

  it('the sign-in page is accessible and a wrong password is refused in Japanese', async () => {
    const page = await newPage(browser);
    await open(page, '/login');
    await assertAccessible(page, '/login');
    await page.fill('#login', 'tantou');
    await page.fill('#password', 'wrong password');
    await page.click('main button[type=submit]');
    await page.waitForSelector('.form-error');
    assert.match(await page.locator('.form-error').innerText(), /ログイン名またはパスワードが違います/);
    await assertAccessible(page, '/login (error)');
    await page.context().close();
  });

  let recordPath;
  let otherRecordPath;
  it('a division enters, saves and submits on the web; errors are shown next to the field', async () => {
    const page = await signIn(browser, 'tantou', pw.tantou);
    await assertAccessible(page, '/work (editor)');
    const links = await page.locator('main table a[href^="/work/records/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2, 'the editor has records to enter');
    [recordPath, otherRecordPath] = links;
    await open(page, recordPath);
    await assertAccessible(page, `${recordPath} (form)`);
    const planLink = await page.evaluate(() => document.body.innerHTML.match(/\/plans\/(\d+)/));
    await page.fill('#f-result_text', MARK);
    await page.fill('#f-achievement', '120');
    await submitForm(page, 'button[value=save]');
    assert.match(await page.locator('#f-achievement-error').innerText(), /0〜100 の整数で入力してください/);
    assert.equal(await page.inputValue('#f-result_text'), MARK, 'the entered text is kept');
    await assertAccessible(page, `${recordPath} (errors)`);
    await page.fill('#f-achievement', '80');
    await submitForm(page, 'button[value=save]');
    assert.match(await page.locator('.notice').innerText(), /保存しました/);
    assert.match(await page.locator('.badge').first().innerText(), /入力中/);
    await submitForm(page, 'button[value=submit]');
    assert.match(await page.locator('.notice').innerText(), /提出しました/);
    assert.match(await page.locator('.badge').first().innerText(), /提出済/);
    await page.context().close();
    void planLink;
  });

  it('nothing entered is public yet', async () => {
    const plans = (await (await fetch(`${BASE}/api/plans`)).json()).plans;
    planId = plans.find((p) => p.title === '川口市自殺対策推進計画').id;
    await assertNotPublic(planId, MARK);
  });

  it('another division downloads its workbook and submits it by Excel upload', async () => {
    // A second division's editor, created as the secretariat would.
    const detail = await (await fetch(`${BASE}/api/plans/${planId}`)).json();
    const division = detail.plan.divisions
      .map((d) => d.name)
      .find((n) => n !== '長寿支援課' && detail.plan.assignments.some((a) => a.division === n));
    assert.ok(division, 'a second division with measures');
    const password = 'e2e excel passphrase';
    execFileSync(BIN, ['user', 'add', '--db', DB, 'excel', '--role', 'editor', '--municipality', '川口市',
      '--division', division, '--email', 'excel@example.jp'], { input: password + '\n' });
    const page = await signIn(browser, 'excel', password);
    const link = page.getByRole('link', { name: `${division} のワークブック（Excel）` });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    assert.ok(file, 'the workbook was downloaded');
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an XLSX file');
    await page.setInputFiles(`#upload-${planId}`, file);
    await page.check('input[name=submit]');
    await submitForm(page, `form[action="/work/plans/${planId}/workbook"] button[type=submit]`);
    const notice = await page.locator('main').innerText();
    assert.match(notice, /取り込みました。\d+件の記録のうち\d+件を更新しました（項目0件、提出\d+件）/);
    await assertAccessible(page, 'upload result');
    await open(page, '/work');
    const states = await page.locator('main table .badge').allInnerTexts();
    assert.ok(states.length > 0 && states.every((s) => s === '提出済'), `all submitted: ${states}`);
    await page.context().close();
  });

  it('the secretariat reminds, sends back and the reminder e-mails arrive', async () => {
    const page = await signIn(browser, 'jimukyoku', pw.jimukyoku);
    await assertAccessible(page, '/work (admin)');
    await open(page, `/work/plans/${planId}`);
    await assertAccessible(page, `/work/plans/${planId}`);
    // Remind the division of the record it has not entered.
    const otherId = otherRecordPath.split('/').pop();
    await page.check(`#pick-${otherId}`);
    await page.selectOption('#bulk-action', 'remind');
    await submitForm(page, 'form[action$="/review"] button[type=submit]');
    assert.match(await page.locator('.notice').innerText(), /督促のメールを送りました/);
    for (let i = 0; i < 50 && smtp.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(smtp.mails.length, 1, 'one reminder e-mail');
    assert.deepEqual(smtp.mails[0].to, ['<tantou@example.jp>']);
    // Send back the submitted record with a reason.
    await open(page, recordPath);
    await assertAccessible(page, `${recordPath} (secretariat)`);
    await page.fill('#review-comment', REASON);
    await submitForm(page, 'button[value=send_back]');
    assert.equal(new URL(page.url()).pathname, `/work/plans/${planId}`);
    await page.context().close();
  });

  it('the division sees the reason, corrects and submits; the secretariat accepts', async () => {
    const page = await signIn(browser, 'tantou', pw.tantou);
    await open(page, recordPath);
    const body = await page.locator('main').innerText();
    assert.match(body, /差戻し/);
    assert.ok(body.includes(REASON), 'the reason is shown');
    await page.fill('#f-result_text', FIX);
    await submitForm(page, 'button[value=submit]');
    assert.match(await page.locator('.badge').first().innerText(), /提出済/);
    await page.context().close();

    const admin = await signIn(browser, 'jimukyoku', pw.jimukyoku);
    await open(admin, recordPath);
    await submitForm(admin, 'button[value=accept]');
    await open(admin, recordPath);
    assert.match(await admin.locator('.badge').first().innerText(), /確認済/);
    // The record's history names every step.
    const history = await admin.locator('table:has(caption:text("変更履歴"))').innerText();
    for (const step of ['record save', 'record submit', 'record send back', 'record accept']) {
      assert.ok(history.includes(step), `history has ${step}`);
    }
    await admin.context().close();
    await assertNotPublic(planId, FIX);
    await assertNotPublic(planId, REASON);
  });

  it('a reviewer reads and comments; the API token page is accessible', async () => {
    const page = await signIn(browser, 'iin', pw.iin);
    await open(page, recordPath);
    await assertAccessible(page, `${recordPath} (reviewer)`);
    assert.equal(await page.locator('#f-result_text').count(), 0, 'read-only for reviewers');
    await open(page, '/work/tokens', 403);
    await page.context().close();
    const editor = await signIn(browser, 'tantou', pw.tantou);
    await open(editor, '/work/tokens');
    await assertAccessible(editor, '/work/tokens');
    await editor.context().close();
  });

  it('the staff pages fit a 320 px wide screen', async () => {
    const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
    await open(page, '/login');
    await page.fill('#login', 'jimukyoku');
    await page.fill('#password', pw.jimukyoku);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main button[type=submit]')]);
    for (const path of ['/work', `/work/plans/${planId}`, recordPath]) {
      await open(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${path} at 320 px: the page scrolls sideways by ${overflow}px (only tables may)`);
      await assertAccessible(page, `${path} (320 px)`);
    }
    await page.context().close();
  });

  it('locked and published, the public report shows the new year without review notes', async () => {
    const page = await signIn(browser, 'jimukyoku', pw.jimukyoku);
    await open(page, `/work/plans/${planId}`);
    await submitForm(page, 'button[value=lock]');
    assert.match(await page.locator('.notice').innerText(), /締め切りました/);
    await assertNotPublic(planId, FIX);
    await submitForm(page, 'button[value=publish]');
    assert.match(await page.locator('.notice').innerText(), /公表しました/);
    await page.context().close();
    // The server follows the change log: give it a moment.
    let report = '';
    for (let i = 0; i < 50; i++) {
      report = await (await fetch(`${BASE}/plans/${planId}/report`)).text();
      if (report.includes(FIX)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(report.includes(FIX), 'the published report shows the accepted text');
    for (const [path, body] of await publicTexts(planId)) {
      assert.ok(!body.includes(REASON), `${path} shows no review comment`);
      assert.ok(!body.includes('提出済') && !body.includes('確認済'), `${path} shows no review state`);
    }
  });
});
