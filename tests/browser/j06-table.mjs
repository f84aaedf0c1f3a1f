// The school admin filters the big table, opens page 2, exports it; the
// table and the report photographed on a desktop and on a phone.
import { base, check, phone, login, shots } from './harness.mjs';
import path from 'node:path';
import { readFileSync } from 'node:fs';

async function desktop(browser) {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
}

export default async function (browser) {
  const ctx = await desktop(browser);
  const page = await ctx.newPage();
  await login(page, 'admin');
  await page.goto(`${base}/`);
  await Promise.all([page.waitForNavigation(), page.click('a[href="/table"]')]);
  check('the home page links the table', page.url().endsWith('/table'));
  const all = Number(await page.textContent('#total'));
  await page.selectOption('select[name=app]', 'submitted');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button.primary')]);
  check('the filter is kept in the URL', page.url().includes('app=submitted'));
  const filtered = Number(await page.textContent('#total'));
  check('filtering narrows the rows', filtered > 0 && filtered < all, `${filtered} of ${all}`);
  const first = await page.locator('#bigtable tbody tr').first().getAttribute('data-number');
  await Promise.all([page.waitForNavigation(), page.click('nav.pager a[rel=next]')]);
  check('page 2 opens', (await page.textContent('#page')).trim() === '2');
  check('  with other rows', (await page.locator('#bigtable tbody tr').first().getAttribute('data-number')) !== first);
  check('  still filtered', page.url().includes('app=submitted'));
  await page.screenshot({ path: path.join(shots, 'table-desktop.png'), fullPage: false });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button[name=fmt][value=xlsx]'),
  ]);
  const file = await download.path();
  const bytes = readFileSync(file);
  check('the export downloads an xlsx (a zip)', bytes[0] === 0x50 && bytes[1] === 0x4b,
    download.suggestedFilename());
  check('  named as one', download.suggestedFilename().endsWith('.xlsx'));
  await page.goto(`${base}/report`);
  check('the report shows its figures', await page.locator('a#fig-should_return').count() === 1);
  await page.screenshot({ path: path.join(shots, 'report-desktop.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('a#fig-applied')]);
  check('a figure opens its table', page.url().includes('/table') && page.url().includes('app=submitted'));
  await ctx.close();

  const pctx = await phone(browser);
  const pp = await pctx.newPage();
  await login(pp, 'admin');
  await pp.goto(`${base}/table?app=submitted&page=2`);
  const sticky = await pp.locator('#bigtable tbody tr td.s2').first().evaluate((el) => getComputedStyle(el).position);
  check('on a phone the first columns stay (sticky)', sticky === 'sticky', sticky);
  const wide = await pp.locator('.bigtable-wrap').evaluate((el) => el.scrollWidth > el.clientWidth);
  check('  and the rest scrolls sideways', wide);
  await pp.locator('p.total').scrollIntoViewIfNeeded();
  await pp.evaluate(() => window.scrollBy(0, document.querySelector('p.total').getBoundingClientRect().top - 8));
  await pp.screenshot({ path: path.join(shots, 'table-phone.png'), fullPage: false });
  await pp.locator('.bigtable-wrap').evaluate((el) => { el.scrollLeft = 600; });
  await pp.screenshot({ path: path.join(shots, 'table-phone-scrolled.png'), fullPage: false });
  await pp.goto(`${base}/report`);
  await pp.screenshot({ path: path.join(shots, 'report-phone.png'), fullPage: true });
  check('the report fits a phone', await pp.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await pctx.close();
}
