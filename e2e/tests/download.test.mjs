// Downloading a report: the CSV (UTF-8 with BOM) and the XLSX of the Kawaguchi list, checked
// against the seed document samples/000_93a6ad023fb5add3.txt.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { follow, launch, newPage, open, parseCsv, unzip } from './helpers.mjs';

const SEED = new URL('../../samples/000_93a6ad023fb5add3.txt', import.meta.url);
const norm = (s) => s.replace(/\s+/g, ' ').trim();
// A cell compared with the seed: the PDF extraction's HTML fragments stripped, whitespace
// collapsed, and 「—」 (nothing reported) as an empty cell.
const cell = (s) => norm(s.replace(/<[^>]*>/g, ' ')).replace(/^[—-]$/, '');

/** The seed's table: its header and its data rows (numbered rows and the rows that continue one). */
async function seedTable() {
  const lines = (await readFile(SEED, 'utf8')).split(/\r?\n/);
  const header = lines.find((l) => l.startsWith('No.\t')).split('\t').map(norm);
  const rows = lines.filter((l) => /^\d+\t/.test(l) || /^\t\t\S/.test(l)).map((l) => l.split('\t').map(norm));
  return { header, rows };
}

async function download(page, linkName) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName, exact: true }).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: await readFile(path) };
}

describe('report downloads', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
    await open(page, '/');
    await follow(page, '川口市自殺対策推進計画', 'main');
    await follow(page, '報告書の表', 'main');
  });
  after(async () => {
    await browser?.close();
  });

  it('the report page shows the seed table with its row count', async () => {
    const seed = await seedTable();
    assert.equal(seed.rows.length, 149, '136 numbered rows and 13 continuation rows in the seed');
    const caption = await page.locator('main table caption').first().innerText();
    assert.equal(norm(caption), `川口市自殺対策推進計画掲載事業（${seed.rows.length}行）`);
    const headers = await page.locator('main table thead th').allInnerTexts();
    // The seed's header (one header line has 「令和5年度 の方向性」 broken by the PDF extraction).
    assert.deepEqual(headers.map(norm), seed.header.map(norm));
    assert.equal(await page.locator('main table tbody tr').count(), seed.rows.length);
  });

  it('CSV: UTF-8 with BOM, the seed header, 149 rows, first row = No.1 階層別研修', async () => {
    const { name, bytes } = await download(page, 'CSV（Excel用、UTF-8 BOM付き）');
    assert.match(name, /\.csv$/);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const rows = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => r.some((c) => c !== ''));
    const seed = await seedTable();
    assert.deepEqual(rows[0].map(norm), seed.header);
    const data = rows.slice(1);
    assert.equal(data.length, seed.rows.length, 'one CSV row per seed row');
    assert.deepEqual(data[0].map(cell), seed.rows[0].map(cell), 'first data row as in the seed');
    assert.deepEqual(data[0].slice(0, 3), ['1', '階層別研修', '職員課']);
    assert.equal(norm(data[0][6]), '修了者数 93名 実施回数 対面研修1回');
    assert.equal(data[0][8], '継続');
    // The numbered rows run 1…136 in the seed's order.
    const numbers = data.map((r) => r[0]).filter((n) => n !== '');
    assert.deepEqual(numbers, seed.rows.map((r) => r[0]).filter((n) => n !== ''));
    assert.equal(numbers.length, 136);
    assert.equal(numbers.at(-1), '136');
    // Every row: No., 事業名, 効果 and 方向性 as in the seed, and every 実績(その他) cell the
    // seed fills, word for word (not only the parsed numbers).
    for (const [i, s] of seed.rows.entries()) {
      const c = data[i].map(cell);
      const where = `row ${i + 1} (No.${s[0] || seed.rows.slice(0, i).findLast((r) => r[0])[0]} …)`;
      for (const j of [0, 1, 7, 8]) {
        assert.equal(c[j], cell(s[j]), `${where}, column ${seed.header[j]}`);
      }
      if (cell(s[6]) !== '') {
        assert.equal(c[6], cell(s[6]), `${where}, column ${seed.header[6]}`);
      }
    }
  });

  it('XLSX: a README sheet first, then a sheet with the header and 149 rows', async () => {
    const { name, bytes } = await download(page, 'Excel（XLSX）');
    assert.match(name, /\.xlsx$/);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    const zip = await unzip(bytes);
    assert.ok(zip.has('[Content_Types].xml'));
    // The first sheet is 「はじめに」 (every sheet and column described), the table follows.
    const sheets = [...zip.get('xl/workbook.xml').toString('utf8').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(sheets[0], 'はじめに');
    assert.equal(sheets.length, 2, `sheets: ${sheets}`);
    const sheetName = 'xl/worksheets/sheet2.xml';
    assert.ok(zip.has(sheetName), `a worksheet in ${[...zip.keys()]}`);
    const sheet = zip.get(sheetName).toString('utf8');
    const strings = zip.has('xl/sharedStrings.xml') ? zip.get('xl/sharedStrings.xml').toString('utf8') : '';
    const all = sheet + strings;
    for (const s of ['階層別研修', '職員課', '令和5年度の方向性', '産業保健サービスの充実']) {
      assert.ok(all.includes(s), `workbook contains ${s}`);
    }
    const rows = sheet.match(/<row\b/g) ?? [];
    const seed = await seedTable();
    // Title or header rows may precede the data; the data rows must all be there.
    assert.ok(rows.length >= seed.rows.length + 1, `rows in the sheet: ${rows.length}`);
    assert.ok(rows.length <= seed.rows.length + 4, `rows in the sheet: ${rows.length}`);
  });
});
