// A student checks in with one tap on a phone; a counselor proxy-fills an
// unreported student from the dashboard.
import { base, check, phone, login, shots } from './harness.mjs';
import path from 'node:path';

export default async function (browser) {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await login(page, 'student');
  await page.goto(`${base}/checkin`);
  const done = await page.locator('text=今日已打卡').count();
  if (!done) {
    await Promise.all([page.waitForNavigation(), page.click('a.button')]);
    check('one tap pre-fills the last report', (await page.inputValue('input[name=city]')).length > 0);
    check('the student sees it before confirming', await page.locator('text=的填报预填').count() === 1);
    await page.screenshot({ path: path.join(shots, 'checkin-prefilled-phone.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  }
  check('the check-in is done', await page.locator('h1:has-text("今日已打卡")').count() === 1);
  await page.screenshot({ path: path.join(shots, 'checkin-done-phone.png'), fullPage: true });
  await ctx.close();

  const cctx = await phone(browser);
  const cp = await cctx.newPage();
  await login(cp, 'counselor');
  await cp.goto(`${base}/dashboard?f=unreported`);
  await cp.screenshot({ path: path.join(shots, 'dashboard-phone.png'), fullPage: false });
  const proxy = cp.locator('a.small-button').first();
  check('the dashboard offers a proxy-fill button', await proxy.count() === 1);
  const row = proxy.locator('xpath=ancestor::tr');
  const number = (await row.locator('td').nth(1).textContent()).trim();
  await Promise.all([cp.waitForNavigation(), proxy.click()]);
  check('the proxy form names the student', (await cp.textContent('main')).includes(number));
  if ((await cp.inputValue('input[name=temperature]')) === '') {
    // No earlier report to pre-fill from: the counselor types the answers.
    await cp.fill('input[name=temperature]', '36.5');
    await cp.fill('input[name=city]', '北京');
    for (const n of ['in_city', 'on_campus']) await cp.check(`input[name=${n}][value="1"]`);
    for (const n of ['abroad', 'risk_area', 'cohabitant_returned', 'returned_to_city'])
      await cp.check(`input[name=${n}][value="0"]`);
    await cp.check('input[name=quarantine][value=none]');
    await cp.check('input[name=diagnosis][value=none]');
  }
  await cp.screenshot({ path: path.join(shots, 'proxy-fill-phone.png'), fullPage: true });
  await Promise.all([cp.waitForNavigation(), cp.click('button.primary')]);
  check('back on the dashboard with a confirmation', (await cp.textContent('main')).includes('代填成功'));
  await cp.goto(`${base}/dashboard?f=reported`);
  check('the student now counts as reported (by counselor)', (await cp.textContent('main')).includes(number));
  await cctx.close();
}
