/* app.js -- the self-check page of `hogo serve`.
 *
 * A department opens a plan file (or starts an empty one) and edits it in a
 * form generated from the plan schema (/plan.schema.json, the one the engine
 * validates with), labelled in Japanese from labels.js (docs/plan-guide.md).
 * Every change is screened by POST /api/check (debounced); each finding is
 * shown at the field its JSON pointer names and in a list by severity, input
 * errors at their field.  The plan stays in this page and is saved as a file
 * (download): the server keeps nothing.  The print view is the server's HTML
 * report (?format=html), the same writer as `hogo check --format html`.
 *
 * The secretariat opens many files at once and gets them ranked by concern
 * score with department, date and consultation kind, and a plans x topics
 * overview, styled by the report's own style sheet (/report.css).
 *
 * Why a small generator and not json-editor (Debian's libjs-json-editor
 * 1.3.2): the plan format tells "not stated" (key absent) from "not
 * applicable" (null) from a value, and findings depend on it; json-editor
 * 1.3.2 fills in every property (so "not stated" would vanish), does not
 * read the draft 2020-12 keywords the schema uses ($defs, const) and shows a
 * type switcher for every nullable field.  This generator keeps the plan
 * object as the truth: an empty field is removed, "該当しない" writes null. */
"use strict";

(function () {
  const LABELS = window.HOGO_LABELS || {};
  const VALUES = window.HOGO_VALUES || {};
  const SEV = ["info", "low", "medium", "high", "critical"];
  const UI = {
    ja: {
      app_title: "個人情報保護審議会 事前チェック", tab_dept: "担当課: 計画を書く", tab_sec: "事務局: まとめて審査",
      lang_switch: "English", open_plan: "計画ファイルを開く", new_plan: "新しい計画を書く",
      download: "計画をファイルに保存", print: "印刷用の報告", drop_hint: "計画ファイル（JSON）をこの画面にドラッグ＆ドロップしても開けます。",
      score: "懸念スコア", verdict: "判定", findings: "指摘事項", open_many: "計画ファイルをまとめて開く",
      print_sec: "一覧を印刷", drop_hint_many: "複数の計画ファイルをこの画面にドラッグ＆ドロップしても開けます。",
      ranking: "懸念スコアの高い順", overview: "計画と論点の一覧",
      absent: "記載なし（書かない）", null: "該当しない", value: "記載する", choose: "（選んでください）",
      yes: "はい", no: "いいえ", add: "追加", remove: "削除", item: "件目", not_applicable: "該当しない",
      follow_up: "確認事項", precedent: "根拠", waived: "適用除外", go_field: "該当箇所へ",
      no_findings: "指摘事項はありません。", checking: "審査中…", input_errors: "入力の誤り",
      unreadable: "読込不可", none: "なし", rank: "順位", title: "件名", department: "担当課", date: "日付",
      consultation: "諮問の種類", plan: "計画", file: "ファイル", not_json: "JSON として読めません",
      server_error: "審査できませんでした", close: "閉じる", print_now: "印刷",
      no_topic: "指摘のある論点はありません。", whole_plan: "計画全体",
      verdicts: { approve: "承認", approve_with_conditions: "条件付き承認", incomplete: "記載不足", re_examine: "継続審議" },
      sev: { info: "情報", low: "低", medium: "中", high: "高", critical: "重大" }
    },
    en: {
      app_title: "Council pre-check", tab_dept: "Department: write a plan", tab_sec: "Secretariat: batch",
      lang_switch: "日本語", open_plan: "Open a plan file", new_plan: "Start a new plan",
      download: "Save the plan as a file", print: "Printable report", drop_hint: "You can also drop a plan file (JSON) on this page.",
      score: "Concern score", verdict: "Verdict", findings: "Findings", open_many: "Open plan files",
      print_sec: "Print the overview", drop_hint_many: "You can also drop several plan files on this page.",
      ranking: "Plans by concern score", overview: "Plans by topic",
      absent: "not stated (leave out)", null: "not applicable", value: "stated", choose: "(choose)",
      yes: "yes", no: "no", add: "Add", remove: "Remove", item: "", not_applicable: "not applicable",
      follow_up: "Follow-up", precedent: "Precedent", waived: "waived", go_field: "Go to the field",
      no_findings: "No findings.", checking: "checking…", input_errors: "Input errors",
      unreadable: "unreadable", none: "none", rank: "Rank", title: "Title", department: "Department", date: "Date",
      consultation: "Consultation", plan: "Plan", file: "File", not_json: "not readable as JSON",
      server_error: "could not be screened", close: "Close", print_now: "Print",
      no_topic: "No topic was raised.", whole_plan: "the whole plan",
      verdicts: { approve: "approve", approve_with_conditions: "approve with conditions", incomplete: "incomplete", re_examine: "re-examine" },
      sev: { info: "info", low: "low", medium: "medium", high: "high", critical: "critical" }
    }
  };

  const state = { lang: "ja", schema: null, plan: null, fileName: "plan.json", report: null, seq: 0, timer: 0, batch: [] };
  const $ = (id) => document.getElementById(id);
  const t = (k) => UI[state.lang][k];

  /* Text shown from a plan or a report: C1 controls and the bidirectional
   * overrides and isolates (U+202A-202E, U+2066-2069) become U+FFFD, as the
   * text, Markdown and HTML reports do (a U+202E reversed what a member
   * read).  Form fields keep the plan's own characters. */
  const UNSAFE = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g;
  function safe(s) { return typeof s === "string" ? s.replace(UNSAFE, "\ufffd") : s; }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v; else if (k === "text") e.textContent = safe(v); else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of kids) if (c !== null && c !== undefined) e.append(safe(c));
    return e;
  }

  /* ---- the schema ---- */

  /* A field with alternatives (anyOf: outsourcing and retention are an
   * object or an array of them, consultation.kind one kind or several) is
   * shown in the form its value has, else in the first non-null one. */
  function resolve(node, value) {
    let n = node || {};
    const desc = n.description;
    for (let i = 0; i < 8 && n.$ref; i++) {
      const name = n.$ref.replace(/^#\/\$defs\//, "");
      n = Object.assign({}, state.schema.$defs[name], { description: desc || state.schema.$defs[name].description });
    }
    if (n.anyOf || n.oneOf) {
      const alts = (n.anyOf || n.oneOf).map((a) => resolve(a));
      const have = Array.isArray(value) ? "array" : value === null || value === undefined ? null
        : typeof value === "object" ? "object" : typeof value === "string" ? "string" : null;
      const main = (have && alts.find((a) => types(a).includes(have))) ||
        alts.find((a) => !types(a).includes("null") || types(a).length > 1) || alts[0];
      const nullable = alts.some((a) => types(a).includes("null"));
      n = Object.assign({}, main, { description: desc || main.description });
      if (nullable && !types(n).includes("null")) n.type = types(n).concat("null");
    }
    return n;
  }
  function types(n) {
    if (n.const !== undefined) return ["const"];
    if (Array.isArray(n.type)) return n.type;
    if (n.type) return [n.type];
    if (n.properties) return ["object"];
    if (n.enum) return ["string"];
    return ["string"];
  }
  const mainType = (n) => types(n).find((x) => x !== "null") || "string";

  /* ---- the plan ---- */

  const ptrOf = (path) => path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
  const labelKey = (path) => path.map((p) => (typeof p === "number" ? "*" : p)).join("/");
  function getAt(path) {
    let v = state.plan;
    for (const p of path) { if (v === null || typeof v !== "object") return undefined; v = v[p]; }
    return v;
  }
  function setAt(path, value) {
    let v = state.plan;
    for (let i = 0; i < path.length - 1; i++) {
      if (v[path[i]] === null || typeof v[path[i]] !== "object") v[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      v = v[path[i]];
    }
    v[path[path.length - 1]] = value;
  }
  function deleteAt(path) {
    const parent = path.length > 1 ? getAt(path.slice(0, -1)) : state.plan;
    if (parent && typeof parent === "object" && !Array.isArray(parent)) delete parent[path[path.length - 1]];
    else if (Array.isArray(parent)) parent[path[path.length - 1]] = "";
  }
  function changed(rerender) {
    if (rerender) renderForm();
    scheduleCheck();
  }

  /* ---- the form ---- */

  function labelFor(path, node) {
    /* An element of a list of words takes the list's label. */
    if (path.length && typeof path[path.length - 1] === "number") path = path.slice(0, -1);
    const l = LABELS[labelKey(path)] || {};
    const key = path.length ? String(path[path.length - 1]) : "";
    const name = (state.lang === "en" ? l.en : l.ja) || l.ja || key;
    const hint = state.lang === "en" ? node.description || "" : l.hint || "";
    return { name, hint };
  }
  function valueLabel(v) {
    return state.lang === "ja" && VALUES[v] ? v + "（" + VALUES[v] + "）" : String(v);
  }

  /* Absent / null / a value, for a section or a list.  A required one (consultation)
   * offers "absent" only while it is absent, so a plan missing it can get it. */
  function stateSelect(path, node, value, isContainer, required) {
    const s = el("select", { class: "state", "aria-label": labelFor(path, node).name });
    const cur = value === undefined ? "absent" : value === null ? "null" : "value";
    if (!required || value === undefined) s.append(el("option", { value: "absent", text: t("absent") }));
    if (types(node).includes("null")) s.append(el("option", { value: "null", text: t("null") }));
    s.append(el("option", { value: "value", text: t("value") }));
    s.value = cur;
    s.addEventListener("change", () => {
      if (s.value === "absent") deleteAt(path);
      else if (s.value === "null") setAt(path, null);
      else setAt(path, isContainer ? (mainType(node) === "array" ? [] : {}) : "");
      changed(true);
    });
    return s;
  }

  function scalarInput(path, node, value) {
    const ty = mainType(node);
    const id = "f" + ptrOf(path).replace(/[^A-Za-z0-9_]/g, "_");
    let input;
    if (ty === "const") {
      input = el("input", { type: "text", id, value: node.const, readonly: true });
      return input;
    }
    const enumVals = (node.enum || []).filter((v) => v !== null);
    if (enumVals.length || ty === "boolean") {
      input = el("select", { id });
      input.append(el("option", { value: "", text: t("choose") }));
      const opts = enumVals.length ? enumVals.map((v) => [String(v), valueLabel(v)]) : [["true", t("yes")], ["false", t("no")]];
      for (const [v, text] of opts) input.append(el("option", { value: v, text }));
      input.value = value === undefined || value === null ? "" : String(value);
    } else if (ty === "integer" || ty === "number") {
      input = el("input", { type: "number", id, step: ty === "integer" ? "1" : "any", min: node.minimum });
      input.value = typeof value === "number" ? String(value) : "";
    } else {
      const long = /^(purpose|description|responsibility_structure|restriction|reason)$/.test(String(path[path.length - 1]));
      input = el(long ? "textarea" : "input", long ? { id } : { type: "text", id });
      input.value = typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value);
    }
    const apply = () => {
      const raw = input.value;
      if (raw === "") { if (typeof path[path.length - 1] === "number") setAt(path, ""); else deleteAt(path); }
      else if (ty === "boolean") setAt(path, raw === "true");
      else if (ty === "integer" || ty === "number") setAt(path, Number(raw));
      else setAt(path, raw);
      changed(false);
    };
    input.addEventListener(input.tagName === "SELECT" ? "change" : "input", apply);
    return input;
  }

  function renderField(path, node, required) {
    const value = getAt(path);
    node = resolve(node, value);
    const ty = mainType(node);
    const { name, hint } = labelFor(path, node);
    const ptr = ptrOf(path);
    if (ty === "object" || ty === "array") {
      const fs = el("fieldset", { "data-pointer": ptr });
      fs.append(el("legend", { text: name }));
      if (hint) fs.append(el("p", { class: "hint", text: hint }));
      if (!required || value === undefined || value === null || typeof value !== "object")
        fs.append(stateSelect(path, node, value, true, required));
      fs.append(el("div", { class: "notes" }));
      if (value !== null && value !== undefined && typeof value === "object") {
        if (ty === "object") renderObject(fs, path, node, value);
        else renderArray(fs, path, node, value);
      }
      return fs;
    }
    const div = el("div", { class: "field", "data-pointer": ptr });
    const input = scalarInput(path, node, value);
    div.append(el("label", { for: input.id, text: name }));
    if (hint) div.append(el("p", { class: "hint", text: hint }));
    div.append(input);
    if (types(node).includes("null") && !required) {
      const cb = el("input", { type: "checkbox", id: input.id + "-na" });
      cb.checked = value === null;
      input.disabled = value === null;
      cb.addEventListener("change", () => {
        if (cb.checked) setAt(path, null); else deleteAt(path);
        changed(true);
      });
      div.append(el("label", { class: "meta", for: cb.id }, cb, " " + t("not_applicable")));
    }
    div.append(el("div", { class: "notes" }));
    return div;
  }

  function renderObject(parent, path, node, value) {
    const req = node.required || [];
    for (const [k, sub] of Object.entries(node.properties || {})) parent.append(renderField(path.concat(k), sub, req.includes(k)));
    void value;
  }

  function renderArray(parent, path, node, value) {
    const itemNode = resolve(node.items || {});
    value.forEach((_, i) => {
      const box = el("div", { class: "array-item", "data-pointer": ptrOf(path.concat(i)) });
      const rm = el("button", { type: "button", class: "remove", text: t("remove") });
      rm.addEventListener("click", () => { value.splice(i, 1); changed(true); });
      box.append(el("div", { class: "item-head" }, el("strong", { text: state.lang === "ja" ? i + 1 + t("item") : "#" + (i + 1) }), rm));
      if (mainType(itemNode) === "object") {
        if (value[i] === null || typeof value[i] !== "object") value[i] = {};
        box.append(el("div", { class: "notes" }));
        renderObject(box, path.concat(i), itemNode, value[i]);
      } else box.append(renderField(path.concat(i), itemNode, true));
      parent.append(box);
    });
    const add = el("button", { type: "button", class: "add", text: t("add") });
    add.addEventListener("click", () => { value.push(mainType(itemNode) === "object" ? {} : ""); changed(true); });
    parent.append(add);
  }

  function renderForm() {
    const form = $("plan-form");
    const y = window.scrollY;
    form.textContent = "";
    if (!state.plan || !state.schema) return;
    if (typeof state.plan !== "object" || Array.isArray(state.plan)) {
      form.append(el("p", { class: "field-note input-error", text: t("not_json") }));
      return;
    }
    /* Findings about the whole plan (pointer "") go at the top. */
    form.append(el("div", { class: "plan-notes", "data-pointer": "" }, el("div", { class: "notes" })));
    renderObject(form, [], state.schema, state.plan);
    window.scrollTo(0, y);
    placeNotes();
  }

  /* ---- screening ---- */

  function scheduleCheck() {
    clearTimeout(state.timer);
    state.timer = setTimeout(runCheck, 350);
  }

  async function checkText(text, name) {
    const q = "/api/check?lang=" + state.lang + "&name=" + encodeURIComponent(name || "plan.json");
    const res = await fetch(q, { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
    if (res.status !== 200 && res.status !== 422 && res.status !== 413) throw new Error(res.status + " " + (await res.text()));
    return (await res.json()).plans[0];
  }

  const planText = () => (state.rawText !== undefined ? state.rawText : JSON.stringify(state.plan, null, 2) + "\n");

  async function runCheck() {
    const seq = ++state.seq;
    $("busy").textContent = t("checking");
    try {
      const p = await checkText(planText(), state.fileName);
      if (seq !== state.seq) return;
      state.report = p;
    } catch (e) {
      if (seq !== state.seq) return;
      state.report = null;
      $("busy").textContent = t("server_error") + ": " + e.message;
      return;
    }
    $("busy").textContent = "";
    showReport();
  }

  function verdictSpan(p) {
    const id = p.screened ? p.verdict : "unreadable";
    return el("span", { class: "verdict verdict-" + id, "data-verdict": id, text: p.screened ? t("verdicts")[p.verdict] : t("unreadable") });
  }
  function countsOf(p) {
    const c = {};
    for (const f of p.findings) if (!f.waived) c[f.severity] = (c[f.severity] || 0) + 1;
    const out = el("span", { class: "counts" });
    for (const s of SEV.slice().reverse()) if (c[s]) out.append(el("span", { class: "sev sev-" + s, text: t("sev")[s] + " " + c[s] }), " ");
    if (!out.childNodes.length) out.textContent = t("none");
    // who waived what (issue 20): the report's "waivers" field, when the plan has any
    const w = p.waivers, ja = state.lang === "ja";
    if (w && w.waived) out.append(" ", el("span", { class: "waived", text: t("waived") + " " + w.waived +
      (w.by.length ? (ja ? "（承認: " + w.by.join("、") + "）" : " (by " + w.by.join(", ") + ")") : "") }));
    if (w && w.requested) out.append(" ", el("span", { class: "requested", text: (ja ? "適用除外の申出 " : "waivers requested ") + w.requested }));
    return out;
  }
  const msg = (m) => (m && (m[state.lang] || m.ja || m.en)) || "";
  const bySeverity = (fs) => fs.map((f, i) => [f, i]).sort((a, b) => SEV.indexOf(b[0].severity) - SEV.indexOf(a[0].severity) || a[1] - b[1]).map((x) => x[0]);

  /* The engine's input errors are in English; the common ones in Japanese. */
  function errorText(m) {
    if (state.lang === "en") return m;
    let r;
    if ((r = /^unknown value "(.*)"; expected one of: (.*?)(?:; did you mean "(.*)"\?)?$/.exec(m)))
      return "「" + r[1] + "」は選べない値です。選べる値: " + r[2] + (r[3] ? "。「" + r[3] + "」のことですか？" : "");
    const ty = { integer: "整数", number: "数", string: "文字列", boolean: "はい/いいえ（true/false）", object: "項目のまとまり", array: "一覧" };
    if ((r = /^expected (\w+)(?: or null)?, got (\w+)(.*)$/.exec(m))) return (ty[r[1]] || r[1]) + "で書いてください（" + (ty[r[2]] || r[2]) + r[3] + " が書かれています）";
    if ((r = /^unreadable duration "([^"]*)"(?: \(write "([^"]*)"\))?/.exec(m)))
      return "「" + r[1] + "」は期間として読めません（" + (r[2] ? "「" + r[2] + "」と書けば読めます" : /not decided/.test(m) ? "決まっていないなら、この欄を書かずにおきます" : /ending event/.test(m) && !/length/.test(m) ? "終わりの出来事を「事業終了まで」「退所まで」のように書いてください" : "3か月、5年、P3M のような長さ、「事業終了まで」「退所まで」のような終わりの出来事、または永年で書いてください") + "）";
    if ((r = /^unreadable date "(.*)"/.exec(m))) return "「" + r[1] + "」は日付として読めません（2021-02-17、令和3年2月17日 のように書いてください）";
    if ((r = /^missing required field "(.*)"$/.exec(m))) {
      const l = LABELS[r[1]];
      return "必須の項目「" + (l ? l.ja + "（" + r[1] + "）" : r[1]) + "」がありません";
    }
    if ((r = /^value (\S+) is below the minimum (\S+)$/.exec(m))) return r[2] + " 以上の数で書いてください（" + r[1] + " が書かれています）";
    if ((r = /^duplicate key "(.*)"/.exec(m))) return "項目「" + r[1] + "」が二度書かれています";
    if (/^no value is allowed here/.test(m)) return "ここには値を書けません";
    return "入力の誤り: " + m;
  }

  function fieldFor(ptr) {
    const form = $("plan-form");
    let p = ptr;
    for (;;) {
      const e = form.querySelector('[data-pointer="' + CSS.escape(p) + '"]');
      if (e) return e;
      if (!p) return null;
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }

  function noteFor(f) {
    const n = el("div", { class: "field-note finding sev-" + f.severity + (f.waived ? " waived" : ""), "data-rule": f.rule, "data-path": f.path });
    n.append(el("span", { class: "sev sev-" + f.severity, text: t("sev")[f.severity] }), " ", msg(f.message));
    const fu = msg(f.follow_up);
    if (fu) n.append(el("div", { class: "follow-up" }, el("span", { class: "label", text: t("follow_up") }), fu));
    return n;
  }

  function placeNotes() {
    const form = $("plan-form");
    form.querySelectorAll(".field-note").forEach((n) => n.remove());
    form.querySelectorAll(".has-finding").forEach((n) => n.classList.remove("has-finding"));
    const p = state.report;
    if (!p) return;
    for (const e of p.errors) {
      const host = fieldFor(e.path) || form;
      const box = host.querySelector(":scope > .notes") || host;
      box.append(el("div", { class: "field-note input-error", "data-path": e.path, text: errorText(e.message) }));
    }
    for (const f of bySeverity(p.findings)) {
      const host = fieldFor(f.path) || form;
      host.classList.add("has-finding");
      (host.querySelector(":scope > .notes") || host).append(noteFor(f));
    }
  }

  function showReport() {
    const p = state.report;
    $("score").textContent = p && p.screened ? p.score : "–";
    $("verdict").replaceWith(Object.assign(p ? verdictSpan(p) : el("span", { text: "–" }), { id: "verdict" }));
    $("counts").replaceWith(Object.assign(p ? countsOf(p) : el("span"), { id: "counts" }));
    placeNotes();
    const list = $("findings"), errs = $("input-errors");
    list.textContent = "";
    errs.textContent = "";
    if (!p) return;
    if (p.errors.length) {
      errs.append(el("h3", { text: t("input_errors") }));
      const ul = el("ul", { class: "errors" });
      for (const e of p.errors) ul.append(el("li", { "data-path": e.path }, el("code", { text: e.path || t("whole_plan") }), " ", errorText(e.message)));
      errs.append(ul);
    }
    if (!p.findings.length && p.screened) list.append(el("p", { text: t("no_findings") }));
    for (const f of bySeverity(p.findings)) {
      const d = el("div", { class: "finding sev-" + f.severity + (f.waived ? " waived" : ""), "data-rule": f.rule, "data-path": f.path });
      const go = el("a", { href: "#", class: "go", text: t("go_field") });
      go.addEventListener("click", (ev) => {
        ev.preventDefault();
        const target = fieldFor(f.path);
        if (target) { target.scrollIntoView({ block: "center" }); const i = target.querySelector("input,select,textarea"); if (i) i.focus(); }
      });
      d.append(el("p", {}, el("span", { class: "sev sev-" + f.severity, text: t("sev")[f.severity] }), " ",
        f.waived ? el("s", { text: t("waived") }) : null, " ", el("code", { text: f.rule }), " ", el("span", { class: "where", text: f.path || t("whole_plan") }), " ", go));
      d.append(el("p", { class: "message", text: msg(f.message) }));
      const fu = msg(f.follow_up);
      if (fu) d.append(el("p", { class: "follow-up" }, el("span", { class: "label", text: t("follow_up") }), fu));
      if (f.precedent) d.append(el("p", { class: "precedent" }, el("span", { class: "label", text: t("precedent") }), f.precedent));
      list.append(d);
    }
  }

  /* ---- files ---- */

  function openText(text, name) {
    state.fileName = name || "plan.json";
    $("file-name").textContent = state.fileName;
    try {
      state.plan = JSON.parse(text);
      state.rawText = undefined;
    } catch (e) {
      /* Not JSON: screen it as it is, so the report says where it breaks. */
      state.plan = null;
      state.rawText = text;
      $("plan-form").textContent = "";
      $("plan-form").append(el("p", { class: "field-note input-error", text: t("not_json") + ": " + e.message }));
      runCheck();
      return;
    }
    renderForm();
    runCheck();
  }

  function newPlan() {
    state.rawText = undefined;
    state.plan = { format: "hogo-plan/1", title: "", department: "", consultation: { kind: "system" } };
    state.fileName = "plan.json";
    $("file-name").textContent = "";
    renderForm();
    runCheck();
  }

  function download() {
    const blob = new Blob([planText()], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: state.fileName || "plan.json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /* The print view: the server's HTML report of this plan, in a frame. */
  async function printView() {
    const q = "/api/check?format=html&lang=" + state.lang + "&name=" + encodeURIComponent(state.fileName);
    const res = await fetch(q, { method: "POST", body: planText() });
    const html = await res.text();
    const frame = $("print-frame");
    if (frame.dataset.url) URL.revokeObjectURL(frame.dataset.url);
    const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
    frame.dataset.url = url;
    frame.onload = () => {
      frame.classList.add("shown");
      document.body.classList.add("printing");
      try { frame.contentWindow.print(); } catch (e) { /* the frame stays for the browser's print */ }
    };
    frame.src = url;
  }

  /* ---- the secretariat's batch ---- */

  async function addBatch(files) {
    $("sec-busy").textContent = t("checking");
    const start = state.batch.length;
    const jobs = Array.from(files).map(async (f, i) => {
      const text = await f.text();
      let p;
      try { p = await checkText(text, f.name); } catch (e) {
        p = { file: f.name, title: null, screened: false, score: 100, verdict: "re_examine", findings: [], errors: [{ path: "", message: String(e.message) }], consultation: [] };
      }
      state.batch.push({ index: start + i, plan: p });
    });
    await Promise.all(jobs);
    $("sec-busy").textContent = "";
    renderBatch();
  }

  function renderBatch() {
    const rows = state.batch.slice().sort((a, b) => b.plan.score - a.plan.score || a.index - b.index);
    const head = $("sec-ranking").tHead, body = $("sec-ranking").tBodies[0];
    head.textContent = "";
    body.textContent = "";
    const hr = el("tr");
    for (const k of ["rank", "score", "verdict", "title", "department", "date", "consultation", "findings", "file"]) hr.append(el("th", { text: t(k) }));
    head.append(hr);
    rows.forEach((r, i) => {
      const p = r.plan;
      const kinds = (p.consultation || []).map((k) => (state.lang === "ja" && VALUES[k] ? VALUES[k] : k)).join(state.lang === "ja" ? "・" : ", ");
      body.append(el("tr", { "data-file": p.file }, el("td", { class: "num", text: String(i + 1) }), el("td", { class: "num", text: String(p.score) }),
        el("td", {}, verdictSpan(p)), el("td", { text: p.title || p.file }), el("td", { text: p.department || "" }),
        el("td", { text: p.date || "" }), el("td", { text: kinds }), el("td", {}, countsOf(p)), el("td", { class: "where", text: p.file })));
    });
    const topics = [];
    const worst = rows.map((r) => {
      const w = {};
      for (const f of r.plan.findings) {
        if (f.waived) continue;
        if (!topics.includes(f.topic)) topics.push(f.topic);
        if (!(f.topic in w) || SEV.indexOf(f.severity) > SEV.indexOf(w[f.topic])) w[f.topic] = f.severity;
      }
      return w;
    });
    topics.sort();
    const ov = $("sec-overview");
    ov.textContent = "";
    if (!rows.length) return;
    if (!topics.length) { ov.append(el("p", { text: t("no_topic") })); return; }
    const table = el("table", { class: "overview" });
    const tr = el("tr", {}, el("th", { text: t("plan") }));
    for (const tp of topics) tr.append(el("th", { class: "topic", text: tp }));
    table.append(el("thead", {}, tr));
    const tb = el("tbody");
    rows.forEach((r, i) => {
      const row = el("tr", {}, el("th", { text: r.plan.title || r.plan.file }));
      for (const tp of topics) {
        const s = worst[i][tp];
        row.append(s ? el("td", { class: "cell sev-" + s, title: tp, text: t("sev")[s] }) : el("td", { class: "cell" }));
      }
      tb.append(row);
    });
    table.append(tb);
    ov.append(table);
  }

  /* ---- the page ---- */

  function applyLang() {
    document.documentElement.lang = state.lang;
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    renderForm();
    if (state.report) showReport();
    renderBatch();
  }

  function showView(sec) {
    $("dept-view").hidden = sec;
    $("sec-view").hidden = !sec;
    $("tab-dept").classList.toggle("active", !sec);
    $("tab-sec").classList.toggle("active", sec);
  }

  async function init() {
    state.schema = await (await fetch("/plan.schema.json")).json();
    $("open-plan").addEventListener("change", async (ev) => {
      const f = ev.target.files[0];
      if (f) openText(await f.text(), f.name);
      ev.target.value = "";
    });
    $("open-many").addEventListener("change", async (ev) => {
      await addBatch(ev.target.files);
      ev.target.value = "";
    });
    $("new-plan").addEventListener("click", newPlan);
    $("download").addEventListener("click", download);
    $("print").addEventListener("click", printView);
    $("sec-print").addEventListener("click", () => window.print());
    $("tab-dept").addEventListener("click", () => showView(false));
    $("tab-sec").addEventListener("click", () => showView(true));
    $("lang").addEventListener("click", () => { state.lang = state.lang === "ja" ? "en" : "ja"; applyLang(); });
    document.addEventListener("dragover", (ev) => { ev.preventDefault(); document.body.classList.add("dragging"); });
    document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
    document.addEventListener("drop", async (ev) => {
      ev.preventDefault();
      document.body.classList.remove("dragging");
      const files = ev.dataTransfer.files;
      if (!files.length) return;
      if (!$("sec-view").hidden) await addBatch(files);
      else openText(await files[0].text(), files[0].name);
    });
    newPlan();
  }

  document.addEventListener("DOMContentLoaded", () => { init().catch((e) => { $("busy").textContent = String(e); }); });
})();
