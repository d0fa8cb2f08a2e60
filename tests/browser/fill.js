// fill.js -- write a plan into the page's form field by field, as a person
// would with the mouse and keyboard, counting the actions (shared by
// page.test.js and plan-actions.js).
//
// writePlan(page, plan) assumes a new plan is open.  A section or list is
// switched to 記載する (one select), an element added (one click: 追加, or
// 「もう1件追加」 where one entry becomes a list), a choice made (one
// select), a field typed (one field; its characters counted apart).  What
// the form cannot take is returned in `blocked`.
"use strict";
const ptrOf = (path) => path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
const sel = (ptr) => '[data-pointer="' + ptr + '"]';

async function writePlan(page, plan) {
  const n = { clicks: 0, selects: 0, fields: 0, chars: 0 };
  const blocked = [];
  async function open(ptr) {
    const st = page.locator(sel(ptr) + " > select.state").first();
    if (await st.count() && (await st.inputValue()) !== "value") { await st.selectOption("value"); n.selects++; }
  }
  async function fill(path, v) {
    const ptr = ptrOf(path);
    if (Array.isArray(v)) {
      // a list not written yet starts with its 「追加」 (one click) where the page has one
      let add = page.locator(sel(ptr) + " > button.add").first();
      if (!(await add.count())) await open(ptr);
      add = page.locator(sel(ptr) + " > button.add").first();
      if (!(await add.count()) && v.length > 1) {
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
      const input = f.locator("select:not(.state), input:not([type=checkbox]):not([type=file]):not([type=date]), textarea").first();
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
  return { actions: n.clicks + n.selects + n.fields, ...n, blocked };
}

module.exports = { writePlan, ptrOf, sel };
