// A student requests a make-up for a missed day; the counselor approves it
// in a batch from the queue; the student fills the day.
import { base, check, phone, login, shots, sql } from './harness.mjs';
import path from 'node:path';


export default async function (browser) {
  const day = sql("SELECT DATE_SUB(CURDATE(), INTERVAL 9 DAY)");
  sql(`DELETE d FROM daily_reports d JOIN accounts a ON a.person_id = d.person_id
       WHERE a.login = 'grad' AND d.day = '${day}'`);
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await login(page, 'grad');
  await page.goto(`${base}/checkin/calendar`);
  const link = page.locator(`a[href="/makeup?day=${day}"]`);
  check('the calendar offers a make-up for the missed day', await link.count() === 1);
  await Promise.all([page.waitForNavigation(), link.click()]);
  check('the form is pre-filled with the day', (await page.inputValue('input[name=day]')) === day);
  await page.fill('input[name=reason]', '当天在医院陪护家人，未能打卡');
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  check('the request shows as in review', (await page.textContent('main')).includes('审批中'));
  await page.screenshot({ path: path.join(shots, 'makeup-requested-phone.png'), fullPage: true });

  const cctx = await phone(browser);
  const cp = await cctx.newPage();
  await login(cp, 'counselor');
  await cp.goto(`${base}/review?kind=makeup`);
  const boxes = cp.locator('input[type=checkbox][name=id]');
  const n = await boxes.count();
  check('the queue lists make-up requests', n >= 1);
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await cp.screenshot({ path: path.join(shots, 'review-batch-phone.png'), fullPage: true });
  await Promise.all([cp.waitForNavigation(), cp.click('button[value=approve]')]);
  check('the batch is decided, item by item', await cp.locator('li.outcome-done').count() === n);
  await cctx.close();

  await page.goto(`${base}/makeup`);
  const fill = page.locator(`a[href="/makeup/fill?day=${day}"]`);
  check('the approved day can be filled', await fill.count() === 1);
  await Promise.all([page.waitForNavigation(), fill.click()]);
  await page.fill('input[name=temperature]', '36.5');
  await page.fill('input[name=city]', '北京');
  for (const n2 of ['in_city', 'on_campus']) await page.check(`input[name=${n2}][value="1"]`);
  for (const n2 of ['abroad', 'risk_area', 'cohabitant_returned', 'returned_to_city'])
    await page.check(`input[name=${n2}][value="0"]`);
  await page.check('input[name=quarantine][value=none]');
  await page.check('input[name=diagnosis][value=none]');
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  check('the calendar shows the day made up', await page.locator('li.day-made_up').count() >= 1);
  await page.screenshot({ path: path.join(shots, 'makeup-filled-phone.png'), fullPage: true });
  await ctx.close();
}
