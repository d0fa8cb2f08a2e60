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
const ptrOf = (path) => path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
const sel = (ptr) => '[data-pointer="' + ptr + '"]';

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

  // Open a section or a list: its 記載なし/該当しない/記載する choice, or a
  // closed section's own "open" button when the page has one.
  async function open(ptr) {
    const box = page.locator(sel(ptr)).first();
    const st = box.locator(":scope > select.state, :scope > .state-row select.state").first();
    if (await st.count() && (await st.inputValue()) !== "value") { await st.selectOption("value"); n.selects++; }
  }
  async function fill(path, v) {
    const ptr = ptrOf(path);
    if (Array.isArray(v)) {
      await open(ptr);
      let add = page.locator(sel(ptr) + " > button.add").first();
      if (!(await add.count()) && v.length > 1) {
        // one entry where the format takes a list: write it, then 「もう1件追加」
        await fill(path, v[0]);
        add = page.locator(sel(ptr) + " button.add-more").first();
        if (await add.count()) { await add.click(); n.clicks++; add = page.locator(sel(ptr) + " > button.add").first(); }
      }
      if (!(await add.count())) { blocked.push(ptr + ": a list of " + v.length + " cannot be entered (the form shows one entry)"); return fill(path, v[0]); }
      for (let i = 0; i < v.length; i++) {
        if (!(await page.locator(sel(ptrOf(path.concat(i)))).count())) { await add.click(); n.clicks++; }
        await fill(path.concat(i), v[i]);
      }
    } else if (v && typeof v === "object") {
      await open(ptr);
      for (const [k, w] of Object.entries(v)) await fill(path.concat(k), w);
    } else {
      const f = page.locator(sel(ptr)).first();
      if (!(await f.count())) { blocked.push(ptr + ": no field"); return; }
      const input = f.locator("select:not(.state), input:not([type=checkbox]):not([type=file]), textarea").first();
      if (await input.evaluate((e) => e.tagName === "SELECT")) {
        if ((await input.inputValue()) === String(v)) return;
        try { await input.selectOption(String(v)); n.selects++; } catch (e) { blocked.push(ptr + ": cannot choose " + v); }
      } else {
        if ((await input.inputValue()) === String(v)) return;
        if (await input.isDisabled()) { blocked.push(ptr + ": disabled"); return; }
        await input.fill(String(v)); n.fields++; n.chars += String(v).length;
      }
    }
  }
  for (const [k, v] of Object.entries(plan)) if (k !== "format") await fill([k], v);
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
