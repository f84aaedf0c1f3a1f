// A student logs in on a phone and sees their health card.
import { base, check, phone, login, shots } from './harness.mjs';
import path from 'node:path';

export default async function (browser) {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(`${base}/login`);
  check('login page has the form', await page.locator('input[name=password]').count() === 1);
  await page.screenshot({ path: path.join(shots, 'login-phone.png'), fullPage: true });

  await login(page, 'student', 'wrong');
  check('a wrong password shows a message', (await page.textContent('.message.bad') || '').includes('密码错误'));

  errors.length = 0; // the wrong password's 400 is expected
  await login(page, 'student');
  check('lands on the card', new URL(page.url()).pathname === '/card');
  const title = (await page.textContent('.card-title') || '').trim();
  check('the card shows a state in words', title.length > 0, title);
  check('the card shows at least one reason', await page.locator('.reasons li').count() > 0);
  const icon = await page.locator('.card-icon').count();
  check('colour is not the only signal (icon and colour name)', icon === 1 &&
    (await page.textContent('.card-colour') || '').trim().length > 0);
  const box = await page.locator('.card-title').boundingBox();
  const size = await page.$eval('.card-title', (e) => parseFloat(getComputedStyle(e).fontSize));
  check('the state is large enough to read at arm\'s length', size >= 28, `font-size ${size}`);
  check('the card fits the phone width', box && box.width <= 390);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check('no horizontal scrolling', !overflow);
  check('no console errors (CSP included)', errors.length === 0, errors.join(' | '));
  await page.screenshot({ path: path.join(shots, 'student-card-phone.png'), fullPage: true });
  await ctx.close();
}
