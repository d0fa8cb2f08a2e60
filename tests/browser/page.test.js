// page.test.js -- the page of `hogo serve` as people use it, in Debian's
// headless Chromium driven by playwright-core (no browser download).
//
//   node page.test.js HOGO SOURCE_DIR OUT_DIR
//
// A department opens a seed plan through the file input and sees its
// findings next to their fields; fixes one field and sees that finding go
// away; switches to English; opens the print view (the server's HTML
// report).  The secretariat opens several files and gets them ranked with a
// plans x topics overview.  No console error may appear.  Screenshots go to
// OUT_DIR (kept by ctest as artifacts).  A missing chromium or playwright-core
// is a failure (exit 1), as is any failed expectation.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const [hogo, src, out] = process.argv.slice(2);
const CHROMIUM = process.env.HOGO_CHROMIUM || "/usr/bin/chromium";
let chromium;
try { ({ chromium } = require("playwright-core")); } catch (e) {
  console.log("FAIL: playwright-core is not installed (npm ci in tests/browser; ctest's web.browser_deps does it)"); process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) { console.log("FAIL: " + CHROMIUM + " not found (apt-get install -y chromium)"); process.exit(1); }

let failures = 0;
function expect(cond, what) {
  if (cond) console.log("ok   " + what);
  else { console.log("FAIL " + what); failures++; }
}

function startServer() {
  return new Promise((resolve, reject) => {
    const p = spawn(hogo, ["serve", "--no-config", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    p.stdout.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve({ proc: p, url: buf.slice(0, nl) });
    });
    p.on("exit", (code) => reject(new Error("hogo serve exited " + code)));
  });
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const seed = (n) => path.join(src, "fixtures", "seed", n);
  const { proc, url } = await startServer();
  expect(/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url), "hogo serve prints its URL first: " + url);
  // What the page must show is what the API says of the same plan: the
  // counts come from POST /api/check, not from numbers written here, so the
  // test follows the rule pack as it grows.
  const apiFindings = async (plan) => {
    const r = await fetch(url + "api/check?lang=ja", { method: "POST", body: JSON.stringify(plan) });
    return (await r.json()).plans[0].findings.length;
  };
  const childPlan = JSON.parse(fs.readFileSync(seed("r2-3-2-child-consultation.json"), "utf8"));
  const nAll = await apiFindings(childPlan);
  childPlan.transfers[0].verification.staff = 2;
  const nEdited = await apiFindings(childPlan);
  expect(nEdited === nAll - 1, `the API drops exactly the single-checker finding when two people check (${nAll} -> ${nEdited})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("requestfailed", (r) => problems.push("request failed: " + r.url()));
    await page.goto(url);
    await page.waitForSelector("#plan-form fieldset");
    expect(await page.locator("h1").innerText() === "個人情報保護審議会 事前チェック", "the page is in Japanese");
    expect(await page.locator('label[for="f_title"]').innerText() === "件名", "the form carries the guide's labels (件名)");

    // A department opens its plan.
    await page.setInputFiles("#open-plan", seed("r2-3-2-child-consultation.json"));
    const staffField = '[data-pointer="/transfers/0/verification/staff"]';
    await page.waitForSelector(staffField + ' .field-note[data-rule="verification-single-person"]');
    expect(true, "the finding verification-single-person sits at /transfers/0/verification/staff");
    expect(await page.locator('[data-pointer="/data/items/5/name"] .field-note[data-rule="sensitive-victims-children"]').count() === 1,
      "sensitive-victims-children sits at /data/items/5/name");
    expect(await page.locator("#findings .finding").count() === nAll, `all ${nAll} findings are listed`);
    expect(await page.locator('#plan-form > [data-pointer=""] .field-note[data-rule="disposal-not-stated"]').count() === 1,
      "a finding about the whole plan (disposal-not-stated) stands at the top of the form");
    const firstSev = await page.locator("#findings .finding").first().getAttribute("class");
    expect(/sev-high/.test(firstSev), "the list starts with the most severe");
    expect(/根拠/.test(await page.locator("#findings").innerText()), "the list shows precedents (根拠)");
    const score = await page.locator("#score").innerText();
    expect(/^\d+$/.test(score), "the score is shown: " + score);
    expect((await page.locator("#verdict").innerText()).length > 0, "the verdict is shown");
    await page.screenshot({ path: path.join(out, "1-department.png"), fullPage: false });
    await page.locator('[data-pointer="/transfers/0"]').screenshot({ path: path.join(out, "1-field-finding.png") });
    // The picture in README.md (docs/screenshot.png is a copy): a finding at
    // its field, the list beside it, score and verdict on top.
    await page.setViewportSize({ width: 1000, height: 620 });
    await page.locator(staffField).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 140));
    await page.screenshot({ path: path.join(out, "readme.png") });
    await page.setViewportSize({ width: 1280, height: 900 });

    // It fixes the field: two people check the hand-over.
    await page.fill(staffField + " input", "2");
    await page.waitForSelector(staffField + ' .field-note[data-rule="verification-single-person"]', { state: "detached" });
    expect(await page.locator("#findings .finding").count() === nEdited, `the finding went away after the edit (${nEdited} left)`);
    expect(Number(await page.locator("#score").innerText()) < Number(score), "the score went down");


    // An input error shows at its field, in Japanese.  The API answers 422
    // for a plan it cannot read, and Chromium logs every non-2xx fetch as a
    // console error: that one expected line is taken off the list below.
    const before = problems.length;
    await page.fill('[data-pointer="/date"] input', "そのうち");
    await page.waitForSelector('[data-pointer="/date"] .field-note.input-error');
    expect(/日付.*を読めません/.test(await page.locator('[data-pointer="/date"] .input-error').innerText()),
      "an unreadable date is explained at its field in Japanese");
    await page.fill('[data-pointer="/date"] input', "令和3年2月17日");
    await page.waitForSelector('[data-pointer="/date"] .field-note.input-error', { state: "detached" });
    // A required field emptied: the plan cannot be screened, and says why.
    await page.fill('[data-pointer="/department"] input', "");
    await page.waitForSelector('#plan-form > [data-pointer=""] .input-error');
    expect(/必須の項目.*department.*がありません/.test(await page.locator('#plan-form > [data-pointer=""] .input-error').innerText()),
      "an emptied required field is named in Japanese");
    expect(await page.locator("#verdict").innerText() === "読込不可", "the verdict says the plan could not be screened");
    await page.fill('[data-pointer="/department"] input', "子ども支援課");
    await page.waitForSelector('#plan-form .input-error', { state: "detached" });
    const during = problems.splice(before);
    expect(during.every((p) => /status of 422/.test(p)), "the unreadable plans gave 422 and nothing else: " + during.join("; "));

    // English.
    await page.click("#lang");
    await page.waitForSelector('html[lang="en"]');
    expect(await page.locator('label[for="f_title"]').innerText() === "Title", "the English switch relabels the form");
    expect(/Follow-up/.test(await page.locator("#findings").innerText()), "the findings are in English");
    await page.screenshot({ path: path.join(out, "2-english.png") });
    await page.click("#lang");
    await page.waitForSelector('html[lang="ja"]');

    // The print view: the server's HTML report of this plan.
    await page.evaluate(() => { window.print = () => {}; });
    await page.click("#print");
    await page.waitForSelector("#print-frame.shown");
    const frame = page.frameLocator("#print-frame");
    await frame.locator("section.cover").waitFor();
    expect(/審査日/.test(await frame.locator("section.cover").innerText()), "the print view has the cover with the screening date");
    expect(await frame.locator("section.plan .finding").count() === nEdited, `the print view lists the ${nEdited} findings of the edited plan`);
    await page.locator("#print-frame").screenshot({ path: path.join(out, "3-print.png") });

    // Download gives the plan as edited.
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = JSON.parse(fs.readFileSync(await dl.path(), "utf8"));
    expect(saved.transfers[0].verification.staff === 2 && dl.suggestedFilename() === "r2-3-2-child-consultation.json",
      "the downloaded plan carries the edit under its file name");

    // A plan in the widened format: two contractors and two retention
    // periods are shown as lists, each entry at its own pointer, and an edit
    // inside the second contractor lands there in the saved plan.
    await page.setInputFiles("#open-plan", path.join(src, "fixtures", "examples", "library-cloud.json"));
    await page.waitForSelector('[data-pointer="/outsourcing/1/contractor"] input');
    expect(await page.locator('[data-pointer="/retention/1/period"] input:not([type=checkbox])').count() === 1,
      "an array of retentions is shown entry by entry");
    await page.fill('[data-pointer="/outsourcing/1/contractor"] input', "指定管理者（テスト）");
    const [dl2] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved2 = JSON.parse(fs.readFileSync(await dl2.path(), "utf8"));
    expect(Array.isArray(saved2.outsourcing) && saved2.outsourcing[1].contractor === "指定管理者（テスト）",
      "an edit in the second contractor is saved in the array");

    // The secretariat.
    await page.click("#tab-sec");
    const names = fs.readdirSync(path.join(src, "fixtures", "seed")).filter((n) => n.endsWith(".json")).sort();
    await page.setInputFiles("#open-many", names.map(seed));
    // (polled from here: waitForFunction with an argument evaluates a string,
    // which the page's CSP rightly refuses)
    await page.locator("#sec-ranking tbody tr").nth(names.length - 1).waitFor();
    const scores = await page.locator("#sec-ranking tbody tr td:nth-child(2)").allInnerTexts();
    expect(scores.length === names.length, "every file has its row: " + scores.length);
    expect(scores.every((s, i) => i === 0 || Number(scores[i - 1]) >= Number(s)), "the batch is ranked by score: " + scores.join(" "));
    const dept = await page.locator("#sec-ranking tbody tr td:nth-child(5)").allInnerTexts();
    expect(dept.every((d) => d.length > 0), "every row has its department");
    expect(await page.locator("#sec-overview td.cell.sev-high").count() > 0, "the plans x topics overview is coloured by severity");
    await page.screenshot({ path: path.join(out, "4-secretariat.png"), fullPage: true });

    // Drag and drop: a plan dropped on the department's page opens it.
    await page.click("#tab-dept");
    const giga = fs.readFileSync(seed("r2-3-6-giga.json"), "utf8");
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], "r2-3-6-giga.json", { type: "application/json" }));
      return d;
    }, giga);
    await page.dispatchEvent("body", "dragover", { dataTransfer: dt });
    await page.dispatchEvent("body", "drop", { dataTransfer: dt });
    await page.waitForSelector('[data-pointer="/storage/0/location"] .field-note[data-rule="storage-cloud"]');
    expect(await page.locator("#file-name").innerText() === "r2-3-6-giga.json", "a dropped plan opens, its findings at their fields");

    expect(problems.length === 0, "no console errors" + (problems.length ? ": " + problems.join("; ") : ""));
  } finally {
    await browser.close();
    proc.kill("SIGTERM");
  }
  console.log(failures ? failures + " failed" : "all passed");
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.log("FAIL " + e.stack); process.exit(1); });
