// page.test.js -- the page of `hogo serve` as people use it, in Debian's
// headless Chromium driven by playwright-core (no browser download).
//
//   node page.test.js HOGO SOURCE_DIR OUT_DIR
//
// A department writes a new plan from an empty form (nothing chosen) to 承認
// with two contractors and two retention periods; a reload restores it; a
// discard asks; closing with unsaved changes warns; the file is saved under
// the plan's id.  A half-typed date and an empty list element are marked
// 未完成 and leave the other findings on screen; a finding that says a part
// is not stated stands at that part, opened in one click.  A seed plan opened
// from a file shows its findings at their fields; fixing one removes it; the
// English switch shows English; the print view is the server's papers.  The
// whole form is reachable and written by keyboard only, with focus kept
// where the user acted; every control has a distinct accessible name.  The
// secretariat opens files (one twice, one broken), sees the broken one's
// reason apart from the ranking, drills into a plan from a row and from an
// overview cell and back, removes one and clears all.  The papers of
// fixtures/examples are printed to PDF by chromium, each plan's content
// before its findings.  No console error may appear (but the 422s of
// drafts).  Screenshots and the PDF go to OUT_DIR.  A missing chromium or
// playwright-core is a failure (exit 1), as is any failed expectation.
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { writePlan, sel } = require("./fill");

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

// Every visible control's accessible name, computed as a screen reader
// would for these elements (aria-label, aria-labelledby, <label for>, a
// wrapping label, the text of a button or link).
const accessibleNames = () => Array.from(document.querySelectorAll("input, select, textarea, button, a[href]"))
  .filter((e) => e.offsetParent !== null || e.classList.contains("file-input"))
  .filter((e) => !e.closest("[hidden]"))
  .map((e) => {
    let n = e.getAttribute("aria-label");
    if (!n && e.getAttribute("aria-labelledby")) n = e.getAttribute("aria-labelledby").split(/\s+/).map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
    if (!n && e.id) { const l = document.querySelector('label[for="' + CSS.escape(e.id) + '"]'); if (l) n = l.textContent; }
    if (!n && e.closest("label")) n = e.closest("label").textContent;
    if (!n && (e.tagName === "BUTTON" || e.tagName === "A")) n = e.textContent;
    return { tag: e.tagName.toLowerCase(), id: e.id, name: (n || "").trim().replace(/\s+/g, " ") };
  });

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const seed = (n) => path.join(src, "fixtures", "seed", n);
  const { proc, url } = await startServer();
  expect(/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url), "hogo serve prints its URL first: " + url);
  // What the page must show is what the API says of the same plan: counts
  // come from POST /api/check, not from numbers written here.
  const api = async (plan) => (await (await fetch(url + "api/check?lang=ja", { method: "POST", body: JSON.stringify(plan) })).json()).plans[0];
  const childPlan = JSON.parse(fs.readFileSync(seed("r2-3-2-child-consultation.json"), "utf8"));
  const nAll = (await api(childPlan)).findings.length;
  childPlan.transfers[0].verification.staff = 2;
  const nEdited = (await api(childPlan)).findings.length;
  expect(nEdited === nAll - 1, `the API drops exactly the single-checker finding when two people check (${nAll} -> ${nEdited})`);
  const kodomo = JSON.parse(fs.readFileSync(path.join(__dirname, "kodomo-online.json"), "utf8"));
  expect((await api(kodomo)).verdict === "approve", "the online-application plan is 承認 by the API");

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"] });
  const problems = [];
  const watch = (page) => {
    page.on("console", (m) => { if (m.type() === "error" && !/status of 422/.test(m.text())) problems.push("console: " + m.text()); });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("requestfailed", (r) => problems.push("request failed: " + r.url()));
  };
  const dialogs = [];
  let answer = true;
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    watch(page);
    page.on("dialog", (d) => { dialogs.push(d.type() + ": " + d.message()); if (d.type() === "beforeunload" || answer) d.accept(); else d.dismiss(); });
    await page.goto(url);
    await page.waitForSelector("#plan-form fieldset");
    const verdict = async () => (await page.locator("#verdict").getAttribute("data-verdict")) || "";
    // the page says 審査中… from a change until its screen is shown
    // (polled here: Playwright's waitForFunction polls by evaluating a
    // string, which the page's CSP rightly refuses)
    const settle = async () => {
      await page.waitForTimeout(100);
      for (let i = 0; i < 300 && await page.evaluate(() => document.getElementById("busy").textContent !== ""); i++) await page.waitForTimeout(50);
    };
    expect(await page.locator("h1").innerText() === "個人情報保護審議会 事前チェック", "the page is in Japanese");
    expect(await page.locator('label[for="f_title"]').innerText() === "件名", "the form carries the vocabulary's labels (件名)");

    // ---- a new plan starts with nothing chosen ----
    await settle();
    expect(await page.locator('[data-pointer="/consultation/kind"] select').inputValue() === "", "a new plan has no consultation kind chosen");
    expect(await verdict() === "unfinished", "a blank plan reads 未完成, not a verdict: " + await page.locator("#verdict").innerText());
    expect(await page.locator('#findings [data-rule="operations-rules-not-stated"]').count() === 0, "no finding about a system nobody wrote");
    expect(await page.locator('[data-pointer="/consultation/kind"] .field-note.unfinished').count() === 1, "the kind is marked 未完成 at its field");

    // ---- written from the empty form to 承認: two contractors, two retentions ----
    const t0 = Date.now();
    const w = await writePlan(page, kodomo);
    await settle();
    const secs = (Date.now() - t0) / 1000;
    console.log(`     (the online-application plan: ${w.actions} actions -- ${w.clicks} clicks, ${w.selects} selects, ${w.fields} fields typed, ${w.chars} characters -- in ${secs.toFixed(1)} s scripted)`);
    expect(w.blocked.length === 0, "every value of the plan could be entered" + (w.blocked.length ? ": " + w.blocked.join("; ") : ""));
    expect(await verdict() === "approve", "the page's verdict is 承認: " + await page.locator("#verdict").innerText());
    expect(await page.locator('[data-pointer="/outsourcing/1/contractor"] input:not([type=checkbox]):not([type=date])').inputValue() === "システム保守事業者", "the second contractor is in the form");
    expect(await page.locator('[data-pointer="/retention/1/period"] input:not([type=checkbox]):not([type=date])').inputValue() === "5年", "the second retention period is in the form");
    await page.screenshot({ path: path.join(out, "1-new-plan.png") });
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = JSON.parse(fs.readFileSync(await dl.path(), "utf8"));
    expect(dl.suggestedFilename() === "R8-KODOMO-1.json", "the file is named from the plan's id: " + dl.suggestedFilename());
    const canon = (v) => (Array.isArray(v) ? v.map(canon) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v);
    expect(JSON.stringify(canon(saved)) === JSON.stringify(canon(kodomo)), "the saved plan is the plan written, value for value");

    // ---- kept in the browser: a reload restores it ----
    await page.fill('[data-pointer="/description"] textarea', kodomo.description + "（受付は24時間）");
    await page.waitForTimeout(100);
    await page.reload();
    await page.waitForSelector('[data-pointer="/outsourcing/1/contractor"] input:not([type=checkbox]):not([type=date])');
    await settle();
    expect(await page.locator('[data-pointer="/title"] input:not([type=checkbox]):not([type=date])').inputValue() === kodomo.title, "a reload restores the plan (title)");
    expect(/24時間/.test(await page.locator('[data-pointer="/description"] textarea').inputValue()), "a reload restores the last edit");
    expect(await page.locator("#restored").isVisible(), "the page says it restored the plan");
    expect(await verdict() === "approve", "the restored plan is screened again (承認)");

    // ---- a discard asks ----
    dialogs.length = 0;
    answer = false;
    await page.click("#new-plan");
    expect(dialogs.length === 1 && /破棄/.test(dialogs[0]), "「新しい計画を書く」 asks before discarding: " + dialogs.join("; "));
    expect(await page.locator('[data-pointer="/title"] input:not([type=checkbox]):not([type=date])').inputValue() === kodomo.title, "saying no keeps the plan");
    answer = true;
    await page.click("#new-plan");
    await settle();
    expect(await page.locator('[data-pointer="/title"] input:not([type=checkbox]):not([type=date])').inputValue() === "", "saying yes starts an empty plan");

    // ---- the whole form by keyboard only ----
    // The file input is in the tab order; tabbing from the top reaches it.
    await page.focus("#lang");
    const tabbed = [];
    for (let i = 0; i < 2; i++) { await page.keyboard.press("Tab"); tabbed.push(await page.evaluate(() => document.activeElement.id)); }
    expect(tabbed.includes("open-plan"), "Tab reaches the file input: " + tabbed.join(","));
    // Every control of the form is reachable by Tab (sections opened first, by keyboard).
    await page.focus('[data-pointer="/title"] input:not([type=checkbox]):not([type=date])');
    await page.keyboard.type("キーボードで書く計画");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type("情報政策課");
    const kindSel = page.locator('[data-pointer="/consultation/kind"] select');
    await kindSel.focus();
    await page.keyboard.press("ArrowDown");          // the first kind: 委託
    await settle();
    expect(await kindSel.inputValue() === "outsourcing", "a choice is made with the arrow key");
    const stor = page.locator('[data-pointer="/storage"] > select.state');
    await stor.focus();
    await page.keyboard.press("End");                // 記載する
    await settle();
    expect(await page.evaluate(() => document.activeElement.id) === "f_storage-state", "after opening a section, focus stays on its choice (not the page body)");
    await page.keyboard.press("Tab");
    const onAdd = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
    expect(onAdd === "追加（保存場所）", "Tab goes on to 「追加（保存場所）」: " + onAdd);
    await page.keyboard.press("Enter");
    await settle();
    const afterAdd = await page.evaluate(() => document.activeElement.id);
    expect(/^f_storage_0_/.test(afterAdd), "adding an entry puts focus in it: " + afterAdd);
    await page.keyboard.type("申請データ");
    await settle();
    expect(await page.locator('[data-pointer="/storage/0/what"] input:not([type=checkbox]):not([type=date])').inputValue() === "申請データ", "typed into the new entry by keyboard");
    const controls = await page.$$eval("#plan-form input, #plan-form select, #plan-form textarea, #plan-form button", (es) => es.filter((e) => !e.disabled && e.offsetParent !== null).map((e) => e.id));
    const reached = new Set();
    await page.focus("#f_format");
    for (let i = 0; i < controls.length * 2 + 20 && reached.size < controls.length; i++) {
      reached.add(await page.evaluate(() => document.activeElement.id));
      await page.keyboard.press("Tab");
    }
    const missed = controls.filter((id) => !reached.has(id));
    expect(missed.length === 0, `every control of the form is reached by Tab (${controls.length})` + (missed.length ? ": missed " + missed.slice(0, 8).join(",") : ""));

    // ---- drafts: a half-typed date and an empty list element ----
    answer = true;
    await page.setInputFiles("#open-plan", seed("r2-3-2-child-consultation.json"));
    const staffField = '[data-pointer="/transfers/0/verification/staff"]';
    await page.waitForSelector(staffField + ' .field-note[data-rule="verification-single-person"]');
    expect(await page.locator("#findings .finding").count() === nAll, `all ${nAll} findings of the seed plan are listed`);
    expect(await page.locator('[data-pointer="/data/items/5/name"] .field-note[data-rule="sensitive-victims-children"]').count() === 1,
      "sensitive-victims-children sits at /data/items/5/name");
    const where = await page.locator('#findings .finding[data-rule="sensitive-victims-children"] .where').innerText();
    expect(where === "扱う個人情報 記録項目 6件目 項目名", "the list names the field by its labels, not its key: " + where);
    // the picture in README (docs/screenshot.png is a copy): a finding at its
    // field, the section list with progress, the list with follow-up and precedent
    await page.setViewportSize({ width: 1366, height: 700 });
    await page.locator(staffField).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await page.screenshot({ path: path.join(out, "readme.png") });
    await page.setViewportSize({ width: 1366, height: 768 });
    // 記載不足 at its part, even while the part is closed; one click opens it
    const disp = '[data-pointer="/disposal"]';
    expect(await page.locator(disp + ' > .notes .field-note[data-rule="disposal-not-stated"]').count() === 1,
      "disposal-not-stated stands at 廃棄, not at the top of the form");
    await page.locator(disp + " > .notes button.open").click();
    await page.waitForSelector('[data-pointer="/disposal/0/medium"] select');
    expect(await page.evaluate(() => document.activeElement.id) === "f_disposal_0_medium", "one click opens 廃棄 with focus in its first field");
    await page.locator('[data-pointer="/disposal"] > select.state').selectOption("absent");
    await settle();
    const dateInput = page.locator('[data-pointer="/date"] input[type=text]');
    await dateInput.fill("");
    await dateInput.type("令和3年2");              // half-typed, key by key
    const itemsAdd = page.locator('[data-pointer="/data/items"] > button.add');
    await itemsAdd.click();                          // an element before its value
    await settle();
    expect(await page.locator('[data-pointer="/date"] .field-note.unfinished').count() === 1, "the half-typed date is marked 未完成 at its field");
    const lastItem = (await page.locator('[data-pointer^="/data/items/"].array-item').count()) - 1;
    expect(await page.locator(`[data-pointer="/data/items/${lastItem}"] .field-note.unfinished`).count() === 1, "the empty list element is marked 未完成");
    expect(await verdict() !== "unreadable" && (await page.locator("#score").innerText()) !== "–", "the verdict still stands: " + await page.locator("#verdict").innerText());
    expect(await page.locator("#findings .finding").count() === nAll, `the other ${nAll} findings stay on screen`);
    expect(/未完成の項目が 2 件/.test(await page.locator("#unfinished-line").innerText()), "the verdict line says there are unfinished fields: " + await page.locator("#unfinished-line").innerText());
    expect(await dateInput.getAttribute("aria-invalid") === "true", "the unfinished field is aria-invalid");
    await page.screenshot({ path: path.join(out, "2-draft.png") });
    // the live region does not chatter while typing: nothing is announced
    // until a pause, then one line
    await page.evaluate(() => {
      window.__said = [];
      new MutationObserver(() => window.__said.push(document.getElementById("announce").textContent))
        .observe(document.getElementById("announce"), { childList: true, characterData: true, subtree: true });
    });
    const purpose = page.locator('[data-pointer="/purpose"] textarea');
    await purpose.focus();
    await page.keyboard.press("End");
    for (const ch of "（追記）") { await page.keyboard.type(ch); await page.waitForTimeout(300); }
    const during = await page.evaluate(() => window.__said.length);
    await page.waitForTimeout(2200);
    const after = await page.evaluate(() => window.__said.length);
    expect(during === 0 && after <= 1, `no announcement while typing (${during}), at most one after a pause (${after})`);
    // an answer the format does not take, with the engine's own word offered
    await page.locator('[data-pointer="/data/items"] > .array-item').last().locator("button.remove").click();
    await dateInput.fill("令和3年2月17日");
    await settle();
    expect(await page.locator(".field-note.unfinished").count() === 0, "finishing the date clears 未完成");
    // a word staff write for a value of the format: offered as that value
    await page.locator('[data-pointer="/council"] > select.state').selectOption("value");
    await page.locator('[data-pointer="/council/conditions"] > button.add').click();
    await page.fill('[data-pointer="/council/conditions/0/text"] :is(textarea, input[type=text])', "委託契約書の写しを提出すること");
    await page.fill('[data-pointer="/council/conditions/0/due"] input[type=text]', "次回審議会");
    await settle();
    const use = page.locator('[data-pointer="/council/conditions/0/due"] .field-note.unfinished button.use');
    expect(await use.count() === 1 && await use.innerText() === "「次回の審議会」にする", "「次回審議会」 is 未完成 with 「次回の審議会」 offered");
    await use.click();
    await settle();
    expect(await page.locator('[data-pointer="/council/conditions/0/due"] select.fixed').inputValue() === "next_session" &&
      await page.locator(".field-note.unfinished").count() === 0, "one click turns it into the format's word");
    await page.locator('[data-pointer="/council"] > select.state').selectOption("absent");
    await settle();

    // fixing a field removes its finding; hints and findings tied to fields
    await page.fill(staffField + " input", "2");
    await page.waitForSelector(staffField + ' .field-note[data-rule="verification-single-person"]', { state: "detached" });
    expect(await page.locator("#findings .finding").count() === nEdited, `the finding went away after the edit (${nEdited} left)`);
    const described = await page.locator(staffField + " input:not([type=checkbox])").getAttribute("aria-describedby");
    expect(!!described && described.split(" ").every((id) => page.locator("#" + id)), "the field's hint and notes are tied to it (aria-describedby)");
    expect(await page.locator("#sections .sec-link").count() > 10 && /記載済み/.test(await page.locator("#sections").innerText()), "the section list shows progress");
    expect(await page.locator("#summary li a").count() > 0, "the findings are listed at the top with links to their fields");
    await page.locator("#summary li a").first().click();
    expect(await page.evaluate(() => !!document.activeElement.closest("#plan-form")), "a link at the top moves focus to the field");

    // ---- usable at 200 % zoom: 1366 px at 200 % is a 683 px wide layout ----
    await page.setViewportSize({ width: 683, height: 384 });
    await page.waitForTimeout(200);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide <= 0, "at 200 % zoom nothing needs scrolling sideways (" + wide + " px)");
    await page.screenshot({ path: path.join(out, "5-zoom200.png") });
    await page.setViewportSize({ width: 1366, height: 768 });

    // ---- every control has a distinct accessible name (every section open) ----
    for (let round = 0; round < 3; round++) {
      const n = await page.$$eval("#plan-form select.state", (ss) => {
        let k = 0;
        for (const s of ss) if (s.value !== "value") { s.value = "value"; s.dispatchEvent(new Event("change", { bubbles: true })); k++; }
        return k;
      });
      const adds = page.locator("#plan-form button.add:not(.add-more)");
      const m = Math.min(await adds.count(), 60);
      for (let i = 0; i < m; i++) if (!(await adds.nth(i).evaluate((b) => b.previousElementSibling && b.previousElementSibling.classList.contains("array-item")))) await adds.nth(i).click();
      await page.waitForTimeout(200);
      if (!n && !m) break;
    }
    await settle();
    const names = await page.evaluate(accessibleNames);
    const unnamed = names.filter((x) => !x.name);
    const seen = {};
    for (const x of names) (seen[x.name] = seen[x.name] || []).push(x.id || x.tag);
    const dup = Object.entries(seen).filter(([k, v]) => k && v.length > 1);
    expect(unnamed.length === 0, `every control has an accessible name (${names.length})` + (unnamed.length ? ": " + unnamed.slice(0, 6).map((x) => x.tag + "#" + x.id).join(", ") : ""));
    expect(dup.length === 0, "no two controls share a name" + (dup.length ? ": " + dup.slice(0, 6).map(([k, v]) => k + " x" + v.length).join("; ") : ""));

    // ---- no raw key in Japanese: labels, choices, buttons, headings and hints ----
    const rawJa = await page.$$eval("label, option, button, legend, h1, h2, h3, th, .hint, summary", (els) =>
      els.filter((e) => (e.offsetParent !== null || e.tagName === "OPTION") && !e.closest(".field-note, .finding, #summary, #findings"))
        .map((e) => e.textContent.trim()).filter((t) => /(^|[^A-Za-z])[a-z][a-z_]{2,}([^A-Za-z]|$)/.test(t.replace(/hogo-plan\/1|https?:\S+/g, ""))));
    expect(rawJa.length === 0, "no label, choice, button, heading or hint shows a raw key" + (rawJa.length ? ": " + [...new Set(rawJa)].slice(0, 6).join(" | ") : ""));

    // ---- English throughout ----
    await page.click("#lang");
    await page.waitForSelector('html[lang="en"]');
    const jaLeft = await page.$$eval("label, option, button, legend, h1, h2, h3, th, .hint, summary", (els) =>
      els.filter((e) => (e.offsetParent !== null || e.tagName === "OPTION") && e.id !== "lang" && !e.closest(".field-note, .finding, #summary, #findings"))
        .map((e) => e.textContent.trim()).filter((s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s) && !/^(日本語)$/.test(s)));
    // a Japanese word a hint quotes as the thing to write (e.g. 指定管理者) is allowed inside an English sentence
    const jaOnly = jaLeft.filter((s) => !/[A-Za-z]{3,}/.test(s));
    expect(jaOnly.length === 0, "the English switch shows English labels, choices, buttons and hints" + (jaOnly.length ? ": " + jaOnly.slice(0, 8).join(" | ") : ""));
    expect(/Follow-up/.test(await page.locator("#findings").innerText()), "the findings are in English");
    await page.screenshot({ path: path.join(out, "3-english.png") });
    await page.click("#lang");
    await page.waitForSelector('html[lang="ja"]');

    // ---- the print view: the server's papers of this plan ----
    await page.evaluate(() => { window.print = () => {}; });
    await page.click("#print");
    await page.waitForSelector("#print-frame.shown");
    const frame = page.frameLocator("#print-frame");
    await frame.locator("section.cover").waitFor();
    expect(/審査日/.test(await frame.locator("section.cover").innerText()), "the print view has the cover with the screening date");
    expect(/目的/.test(await frame.locator("section.plan .decided").innerText()), "the print view shows what is being decided");
    expect(await frame.locator("section.plan .council-box").count() === 1, "the print view has the box for the council's 所見");

    // ---- the secretariat ----
    await page.click("#tab-sec");
    const names6 = fs.readdirSync(path.join(src, "fixtures", "seed")).filter((n) => n.endsWith(".json")).sort();
    await page.setInputFiles("#open-many", names6.map(seed));
    await page.locator("#sec-ranking tbody tr").nth(names6.length - 1).waitFor();
    const broken = path.join(out, "broken.json");
    fs.writeFileSync(broken, '{"format": "hogo-plan/1", "title": "壊れた計画",\n  "department": }');
    await page.setInputFiles("#open-many", [seed(names6[0]), broken]);
    await page.waitForSelector('#sec-unreadable li[data-file="broken.json"]');
    const scores = await page.locator("#sec-ranking tbody tr td:nth-child(2)").allInnerTexts();
    expect(scores.length === names6.length, `the same file opened twice is kept once (${scores.length} rows for ${names6.length} files)`);
    expect(scores.every((s, i) => i === 0 || Number(scores[i - 1]) >= Number(s)), "the batch is ranked by score: " + scores.join(" "));
    const reason = await page.locator('#sec-unreadable li[data-file="broken.json"] .reason').innerText();
    expect(/2行目/.test(reason) && reason.length > 6, "the broken file shows the reader's message, apart from the ranking: " + reason);
    expect(await page.locator('#sec-ranking tbody tr[data-file="broken.json"]').count() === 0, "the broken file is not ranked");
    expect(await page.locator("#sec-overview td.cell.sev-high").count() > 0, "the plans x topics overview is coloured by severity");
    expect(await page.locator("#sec-overview th.topic").first().innerText() !== "" && !/^[a-z_.]+$/.test(await page.locator("#sec-overview th.topic").first().innerText()), "topics are named in words");
    await page.screenshot({ path: path.join(out, "4-secretariat.png"), fullPage: true });
    // drill-down from a ranking row and back
    const firstRow = page.locator("#sec-ranking tbody tr").first();
    const rowTitle = await firstRow.locator("button.drill").innerText();
    await firstRow.locator("button.drill").click();
    await page.waitForSelector("#sec-detail:not([hidden]) .finding");
    expect(await page.locator("#sec-detail-title").innerText() === rowTitle && await page.evaluate(() => document.activeElement.id) === "sec-detail-title",
      "a ranking row opens that plan's findings, focus on its title");
    await page.click("#sec-back");
    expect(await page.evaluate(() => document.activeElement.classList.contains("drill")) && await page.locator("#sec-list").isVisible(), "back returns to the list, focus on the row");
    // from an overview cell: that topic's findings first
    const cell = page.locator("#sec-overview td.cell button").first();
    await cell.click();
    await page.waitForSelector("#sec-detail:not([hidden]) h3");
    expect(/の指摘/.test(await page.locator("#sec-detail h3").first().innerText()), "an overview cell opens the plan at that topic");
    await page.click("#sec-back");
    // remove one, then clear all (asks)
    await page.locator("#sec-ranking tbody tr").first().locator("button.remove").click();
    expect(await page.locator("#sec-ranking tbody tr").count() === names6.length - 1, "a file can be removed");
    dialogs.length = 0;
    await page.click("#sec-clear");
    expect(dialogs.length === 1 && await page.locator("#sec-ranking tbody tr").count() === 0 && await page.locator("#sec-unreadable li").count() === 0, "clear all asks, then empties the list");

    // drag and drop: a plan dropped on the department's page opens it
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

    // closing with unsaved changes warns
    await page.fill('[data-pointer="/title"] input', "閉じる前の変更");
    dialogs.length = 0;
    await page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(dialogs.some((d) => /^beforeunload/.test(d)), "closing with unsaved changes warns (beforeunload)");

    // ---- the papers of fixtures/examples, printed to PDF by chromium ----
    const html = path.join(out, "papers.html");
    try { execFileSync(path.resolve(hogo), ["check", "--no-config", "--format", "html", "-o", path.resolve(html), "fixtures/examples"], { cwd: src }); } catch (e) { /* exit 1: findings */ }
    const paper = await browser.newPage({ viewport: { width: 800, height: 1100 } });
    watch(paper);
    await paper.goto("file://" + html);
    const order = await paper.$$eval("section.plan", (ss) => ss.map((s) => {
      const d = s.querySelector(".decided"), f = s.querySelector(".finding");
      const txt = d ? d.innerText : "";
      return { title: s.querySelector("h2").innerText, before: !!d && (!f || (d.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0),
        purpose: /目的/.test(txt), items: /記録項目/.test(txt), storage: /保存場所/.test(txt), contractors: /委託/.test(txt) };
    }));
    const nEx = fs.readdirSync(path.join(src, "fixtures", "examples")).filter((n) => n.endsWith(".json")).length;
    expect(order.length === nEx, `the papers have a page per plan (${order.length})`);
    const bad = order.filter((o) => !(o.before && o.purpose && o.items && o.storage && o.contractors));
    expect(bad.length === 0, "each plan's purpose, items, storage and contractors come before its findings" + (bad.length ? ": " + bad.map((b) => b.title).join(", ") : ""));
    await paper.emulateMedia({ media: "print" });
    const wraps = await paper.$$eval("table.overview td.cell", (cs) => cs.filter((c) => getComputedStyle(c).whiteSpace !== "nowrap").length);
    expect(wraps === 0, "the printed overview does not wrap severity words (重大)");
    await paper.pdf({ path: path.join(out, "papers.pdf"), format: "A4", printBackground: true });
    const pdf = fs.readFileSync(path.join(out, "papers.pdf"), "latin1");
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
    expect(pages > nEx, `the papers print to PDF (${pages} A4 pages)`);
    // a page of them as it prints (A4 at 96 dpi, print media): README's picture
    await paper.setViewportSize({ width: 794, height: 1123 });
    const box = await paper.locator("section.plan").nth(1).boundingBox();
    await paper.screenshot({ path: path.join(out, "papers.png"), fullPage: true, clip: { x: 0, y: box.y, width: 794, height: 1123 } });
    await paper.close();

    expect(problems.length === 0, "no console errors" + (problems.length ? ": " + problems.join("; ") : ""));
  } finally {
    await browser.close();
    proc.kill("SIGTERM");
  }
  console.log(failures ? failures + " failed" : "all passed");
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.log("FAIL " + e.stack); process.exit(1); });
