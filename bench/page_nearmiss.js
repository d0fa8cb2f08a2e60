// page_nearmiss.js -- issue 20: the page's cost with a plan of near-miss keys.
// A 0.83 MB plan of top-level keys one or two letters from real ones took the
// page 72 s to show, and switching language 125 s more, when every slip was a
// finding (49,000 of them).  Now the answer holds 1,000 and one that counts
// the rest; this times opening the plan and switching language.
//
//   node bench/page_nearmiss.js HOGO PLAN      (run with tests/browser/node_modules)
"use strict";
const { spawn } = require("child_process");
const path = require("path");
const { chromium } = require(path.resolve(__dirname, "../tests/browser/node_modules/playwright-core"));
const [hogo, plan] = process.argv.slice(2);

(async () => {
  const p = spawn(hogo, ["serve", "--no-config", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((res) => { let b = ""; p.stdout.on("data", (d) => { b += d; const i = b.indexOf("\n"); if (i >= 0) res(b.slice(0, i)); }); });
  const browser = await chromium.launch({ executablePath: process.env.HOGO_CHROMIUM || "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.waitForSelector("#plan-form fieldset");
    let t = Date.now();
    await page.setInputFiles("#open-plan", plan);
    // the answer holds the 1,000 slips kept and the one that counts the rest
    const slip = page.locator('#findings [data-rule="input-unknown-key"]');
    await slip.nth(1000).waitFor({ timeout: 600000 });
    const open = (Date.now() - t) / 1000;
    const shown = await page.locator("#findings [data-rule]").count();
    const kept = await page.locator('#findings [data-rule="input-unknown-key"]').count();
    t = Date.now();
    await page.click("#lang");
    await page.waitForSelector('html[lang="en"]', { timeout: 600000 });
    await page.locator("#findings", { hasText: "more findings of this rule" }).waitFor({ timeout: 600000 });
    await slip.nth(1000).waitFor({ timeout: 600000 });
    const sw = (Date.now() - t) / 1000;
    console.log(`opening the plan: ${open.toFixed(1)} s (${shown} findings shown, ${kept} of them input-unknown-key); switching language: ${sw.toFixed(1)} s`);
  } finally {
    await browser.close();
    p.kill("SIGTERM");
  }
})().catch((e) => { console.error(e); process.exit(1); });
