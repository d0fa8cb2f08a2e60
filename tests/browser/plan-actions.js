// plan-actions.js -- how many actions it takes to write a plan in the page
// from an empty form, as a department user would (a measurement, not a test).
//
//   node plan-actions.js URL PLAN.json [SCREENSHOT.png]
//
// Starts 「新しい計画を書く」 at 1366x768 and writes PLAN field by field:
// a section switched to 記載する, an element added to a list, a choice made
// and a field typed in count one action each (a click, a select, a field
// filled); characters typed are counted apart.  What the form cannot take
// (a list shown as one entry, a value it refuses) is printed as BLOCKED, and
// the verdict the page shows at the end is compared with the API's verdict
// of PLAN.  Prints the counts and the wall-clock time of the scripted run.
"use strict";
const fs = require("fs");
const { chromium } = require(process.env.PLAYWRIGHT_CORE || "playwright-core");
const [url, planFile, shot] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
const { writePlan } = require("./fill");

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on("dialog", (d) => d.accept());
  const n = { clicks: 0, selects: 0, fields: 0, chars: 0 };
  const blocked = [];
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("#plan-form fieldset");
  await page.click("#new-plan"); n.clicks++;
  await page.waitForTimeout(300);

  const r = await writePlan(page, plan);
  Object.assign(n, r);
  blocked.push(...r.blocked);
  await page.waitForTimeout(1500);
  const verdict = (await page.locator("#verdict").innerText()).trim();
  const api = await (await fetch(url + "api/check?lang=ja", { method: "POST", body: JSON.stringify(plan) })).json();
  const secs = (Date.now() - t0) / 1000;
  if (shot) await page.screenshot({ path: shot, fullPage: false });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`actions: ${n.clicks + n.selects + n.fields} (clicks ${n.clicks}, selects ${n.selects}, fields typed ${n.fields}); characters typed ${n.chars}`);
  console.log(`page height at the end: ${height}px; scripted run ${secs.toFixed(1)} s`);
  console.log(`verdict shown: ${verdict}; the API's verdict of the plan itself: ${api.plans[0].verdict} ${api.plans[0].score}/100`);
  for (const b of blocked) console.log("BLOCKED " + b);
  await browser.close();
})().catch((e) => { console.log("FAIL " + e.stack); process.exit(1); });
