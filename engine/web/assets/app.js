/* app.js -- the self-check page of `hogo serve`.
 *
 * A department opens a plan file (or starts an empty one) and edits it in a
 * form generated from the plan schema (/plan.schema.json, the one the engine
 * validates with), labelled from its x-hogo annotations (Japanese and English).
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
 * object as the truth: an empty field is removed, "該当しない" writes null.
 *
 * Drafts, not errors: the plan as typed is kept in this browser
 * (localStorage) and restored on return; a value not finished yet (an empty
 * list element, a value the engine's readers refuse: a half-typed date, a
 * period it cannot read) is marked 未完成 at its field and left out of the
 * copy that is screened, so the rest is still screened.  Which values are
 * unfinished is the server's answer (its input errors), not a second parser
 * here: the page screens the draft, drops what the engine refused, and
 * screens again (at most a few rounds). */
"use strict";

(function () {
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
      sev: { info: "情報", low: "低", medium: "中", high: "高", critical: "重大" },
      unfinished: "未完成", unfinished_n: (n) => "未完成の項目が " + n + " 件あります（審査から除いています）",
      unfinished_required: "必須の項目が未完成のため、判定はまだ出せません",
      empty_value: "値がまだ入っていません。", left_out: "この値は審査から除いています。",
      use_value: (v) => "「" + v + "」にする", write_value: "（日付などを書く）", open_section: (n) => "記載する（" + n + "）",
      of: (a, b) => a + "（" + b + "）", nth: (n) => n + "件目", add_more: "もう1件追加",
      confirm_discard: "書きかけの計画があります。破棄して新しい計画を書きますか？（ファイルに保存していない変更は失われます）",
      confirm_open: "書きかけの計画があります。破棄してファイルを開きますか？",
      restored: "前回の書きかけを復元しました（このブラウザに保存されています）。",
      kept: "このブラウザに保存済み", unsaved: "ファイルに未保存の変更あり",
      sections: "項目の一覧", progress: (a, b) => "記載済み " + a + "/" + b, st_value: "記載あり", st_null: "該当しない", st_absent: "未記載",
      summary: "確認が必要な箇所", pick_date: "カレンダーから選ぶ", remove_file: "外す", clear_all: "すべて外す",
      confirm_clear: "開いた計画ファイルをすべて一覧から外しますか？", back: "一覧に戻る", show: "指摘を見る",
      unreadable_files: "読めなかったファイル", reason: "理由", kinds: "種類", finding_count: (n) => "指摘 " + n + " 件",
      in_section: (n) => n + " の指摘"
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
      sev: { info: "info", low: "low", medium: "medium", high: "high", critical: "critical" },
      unfinished: "unfinished", unfinished_n: (n) => n + " unfinished field" + (n > 1 ? "s" : "") + " (left out of the screening)",
      unfinished_required: "A required field is unfinished: no verdict yet",
      empty_value: "No value yet.", left_out: "This value is left out of the screening.",
      use_value: (v) => "Use \u201c" + v + "\u201d", write_value: "(write a date or value)", open_section: (n) => "State it (" + n + ")",
      of: (a, b) => a + " (" + b + ")", nth: (n) => "#" + n, add_more: "Add another",
      confirm_discard: "Discard the plan being written and start a new one? (changes not saved to a file are lost)",
      confirm_open: "Discard the plan being written and open the file?",
      restored: "Your unfinished plan was restored (kept in this browser).",
      kept: "kept in this browser", unsaved: "changes not saved to a file",
      sections: "Sections", progress: (a, b) => "stated " + a + "/" + b, st_value: "stated", st_null: "not applicable", st_absent: "not stated",
      summary: "To look at", pick_date: "pick from a calendar", remove_file: "Remove", clear_all: "Remove all",
      confirm_clear: "Remove every plan file from the list?", back: "Back to the list", show: "Show findings",
      unreadable_files: "Files that could not be read", reason: "Reason", kinds: "Kinds", finding_count: (n) => n + " findings",
      in_section: (n) => "findings in " + n
    }
  };

  const state = { lang: "ja", schema: null, plan: null, fileName: "plan.json", report: null, seq: 0, timer: 0,
                  batch: [], unfinished: new Map(), excluded: new Set(), needsKind: false, dirty: false, idxMap: {} };
  const KEEP = "hogo.plan.v1";          /* localStorage: the plan being written */
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
   * shown in the form its value has, else in the first non-null one; the
   * other shape is remembered (n.listAlt / n.oneAlt) so "もう1件追加" can
   * turn one entry into a list.  Words (x-hogo) stay with the property. */
  function resolve(node, value) {
    let n = node || {};
    const desc = n.description, words = n["x-hogo"];
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
      const list = alts.find((a) => a !== main && mainType(a) === "array");
      /* fixed words beside a free value (期限: a date, or 次回の審議会) */
      const consts = alts.filter((a) => a !== main && a.const !== undefined)
        .map((a) => ({ value: a.const, words: (a["x-hogo-values"] || {})[a.const] || {} }));
      n = Object.assign({}, main, { description: desc || main.description });
      if (consts.length) n.consts = consts;
      if (list && mainType(main) !== "array") n.listAlt = list;
      if (nullable && !types(n).includes("null")) n.type = types(n).concat("null");
    }
    if (words && !n["x-hogo"]) n = Object.assign({}, n, { "x-hogo": words });
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
  const pathOf = (ptr) => (ptr ? ptr.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")) : []);
  function getAt(path, root) {
    let v = root === undefined ? state.plan : root;
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
  function changed(rerender, focusKey) {
    state.dirty = true;
    if (rerender) renderForm(focusKey);
    keep();
    scheduleCheck();
  }

  /* ---- kept in the browser ---- */

  function keep() {
    try {
      if (state.plan === null && state.rawText === undefined) localStorage.removeItem(KEEP);
      else localStorage.setItem(KEEP, JSON.stringify({ plan: state.plan, rawText: state.rawText, fileName: state.fileName, dirty: state.dirty }));
    } catch (e) { /* storage full or refused: the page still works, unkept */ }
    showKept();
  }
  function showKept() {
    $("kept").textContent = state.dirty ? t("kept") + " ・ " + t("unsaved") : "";
  }
  function restore() {
    let k;
    try { k = JSON.parse(localStorage.getItem(KEEP) || "null"); } catch (e) { k = null; }
    if (!k || (k.plan === undefined && k.rawText === undefined)) return false;
    state.plan = k.plan === undefined ? null : k.plan;
    state.rawText = k.rawText === undefined || k.rawText === null ? undefined : k.rawText;
    state.fileName = k.fileName || "plan.json";
    state.dirty = !!k.dirty;
    return true;
  }
  /* The saved file is named from the plan: its 整理番号, else its title. */
  function saveName() {
    const p = state.plan && typeof state.plan === "object" ? state.plan : {};
    const base = (typeof p.id === "string" && p.id.trim()) || (typeof p.title === "string" && p.title.trim()) || "";
    if (!base) return state.fileName || "plan.json";
    return base.replace(/[\\/:*?"<>|\u0000-\u001f\s]+/g, "_").slice(0, 80) + ".json";
  }

  /* ---- the words ----
   * A field's label and hint, a choice's word, a topic's name: the schema's
   * x-hogo annotations (docs/plan.schema.json, the one home of the plan
   * format's words), which the page reads with the schema. */

  function labelFor(path, node) {
    /* An element of a list of words takes the list's label. */
    if (path.length && typeof path[path.length - 1] === "number") path = path.slice(0, -1);
    const w = (node && node["x-hogo"]) || {};
    const key = path.length ? String(path[path.length - 1]) : "";
    const hint = w.hint ? (state.lang === "en" ? w.hint.en : w.hint.ja) || "" : "";
    return { name: (state.lang === "en" ? w.en : w.ja) || w.ja || key, hint };
  }
  function valueLabel(v, node) {
    const w = node && node["x-hogo-values"] && node["x-hogo-values"][v];
    return w ? (state.lang === "en" ? w.en : w.ja) || String(v) : String(v);
  }
  /* A field's whole name, from the top: 「委託 2件目 委託先」.  Controls are
   * named with it (「削除（委託 2件目）」), so no two share a name. */
  function nameOf(path) {
    const parts = [];
    for (let i = 1; i <= path.length; i++) {
      const seg = path[i - 1];
      if (typeof seg === "number" || /^\d+$/.test(seg)) parts.push(t("nth")(Number(seg) + 1));
      else parts.push(labelFor(path.slice(0, i), resolve(schemaAt(path.slice(0, i)))).name);
    }
    return parts.join(" ");
  }
  function schemaAt(path) {
    let n = state.schema;
    for (let i = 0; i < path.length; i++) {
      n = resolve(n, getAt(path.slice(0, i)));
      if (typeof path[i] === "number" || (/^\d+$/.test(path[i]) && !(n.properties || {})[path[i]])) n = (n.listAlt || n).items || {};
      else n = (n.properties || {})[path[i]] || {};
    }
    return n;
  }
  const idOf = (path, role) => "f" + ptrOf(path).replace(/[^A-Za-z0-9_]/g, "_") + (role ? "-" + role : "");

  /* ---- the form ---- */

  /* Absent / null / a value, for a section or a list.  A required one (consultation)
   * offers "absent" only while it is absent, so a plan missing it can get it. */
  function stateSelect(path, node, value, isContainer, required) {
    const s = el("select", { class: "state", id: idOf(path, "state"), "aria-label": t("of")(nameOf(path), t("value") + "／" + t("null")) });
    const cur = value === undefined ? "absent" : value === null ? "null" : "value";
    if (!required || value === undefined) s.append(el("option", { value: "absent", text: t("absent") }));
    if (types(node).includes("null")) s.append(el("option", { value: "null", text: t("null") }));
    s.append(el("option", { value: "value", text: t("value") }));
    s.value = cur;
    s.addEventListener("change", () => {
      if (s.value === "absent") deleteAt(path);
      else if (s.value === "null") setAt(path, null);
      else setAt(path, isContainer ? (mainType(node) === "array" ? [] : {}) : "");
      changed(true, s.id);
    });
    return s;
  }

  function scalarInput(path, node, value, described) {
    const ty = mainType(node);
    const id = idOf(path);
    let input;
    if (ty === "const") return el("input", { type: "text", id, value: node.const, readonly: true, "aria-describedby": described });
    const enumVals = (node.enum || []).filter((v) => v !== null);
    if (enumVals.length || ty === "boolean") {
      input = el("select", { id, "aria-describedby": described });
      input.append(el("option", { value: "", text: t("choose") }));
      const opts = enumVals.length ? enumVals.map((v) => [String(v), valueLabel(v, node)]) : [["true", t("yes")], ["false", t("no")]];
      for (const [v, text] of opts) input.append(el("option", { value: v, text }));
      input.value = value === undefined || value === null ? "" : String(value);
      if (typeof value === "string" && value && !enumVals.includes(value)) {
        /* a word the format does not take, kept as written (it is 未完成) */
        input.append(el("option", { value, text: value }));
        input.value = value;
      }
    } else if (ty === "integer" || ty === "number") {
      input = el("input", { type: "number", id, step: ty === "integer" ? "1" : "any", min: node.minimum, "aria-describedby": described });
      input.value = typeof value === "number" ? String(value) : "";
    } else {
      const w = node["x-hogo"];
      const long = w ? !!w.long : /^(purpose|description|responsibility_structure|restriction|reason|how)$/.test(String(path[path.length - 1]));
      input = el(long ? "textarea" : "input", long ? { id, "aria-describedby": described } : { type: "text", id, "aria-describedby": described });
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
    const hintId = hint ? idOf(path, "hint") : undefined, notesId = idOf(path, "notes");
    if (ty === "object" || ty === "array") {
      const fs = el("fieldset", { "data-pointer": ptr, "data-section": path.length === 1 ? path[0] : undefined, id: path.length === 1 ? "sec-" + path[0] : undefined,
        "aria-describedby": [hintId, notesId].filter(Boolean).join(" ") });
      fs.append(el("legend", { text: name }));
      if (hint) fs.append(el("p", { class: "hint", id: hintId, text: hint }));
      if (!required || value === undefined || value === null || typeof value !== "object")
        fs.append(stateSelect(path, node, value, true, required));
      if (ty === "array" && value === undefined) {
        /* a list not written yet: 「追加」 starts it in one click */
        const itemNode = resolve(node.items || {});
        const add = el("button", { type: "button", class: "add", id: idOf(path, "add"), text: t("add"), "aria-label": t("of")(t("add"), nameOf(path)) });
        add.addEventListener("click", () => { setAt(path, [mainType(itemNode) === "object" ? {} : ""]); changed(true, idOf(path.concat(0), "first")); });
        fs.append(add);
      }
      fs.append(el("div", { class: "notes", id: notesId }));
      if (value !== null && value !== undefined && typeof value === "object") {
        if (ty === "object") renderObject(fs, path, node, value);
        else renderArray(fs, path, node, value);
        if (ty === "object" && node.listAlt) fs.append(listButton(path, node, value, name));
      }
      return fs;
    }
    const div = el("div", { class: "field", "data-pointer": ptr });
    const input = scalarInput(path, node, value, [hintId, notesId].filter(Boolean).join(" "));
    if (path.length > 1) input.setAttribute("aria-label", nameOf(path));   /* the visible label, in its context */
    div.append(el("label", { for: input.id, text: name }));
    if (hint) div.append(el("p", { class: "hint", id: hintId, text: hint }));
    div.append(input);
    if (node.consts && input.tagName === "INPUT") {
      /* 「次回の審議会」 and the like: chosen, not typed as a key */
      const fixed = el("select", { class: "fixed", id: idOf(path, "fixed"), "aria-label": t("of")(nameOf(path), t("choose")) });
      fixed.append(el("option", { value: "", text: t("write_value") }));
      for (const c of node.consts) fixed.append(el("option", { value: c.value, text: (state.lang === "en" ? c.words.en : c.words.ja) || c.value }));
      const isConst = node.consts.some((c) => c.value === value);
      fixed.value = isConst ? value : "";
      if (isConst) { input.value = ""; input.disabled = true; }
      fixed.addEventListener("change", () => { if (fixed.value) setAt(path, fixed.value); else deleteAt(path); changed(true, fixed.id); });
      div.append(fixed);
    }
    if (node.format === "hogo-date" && input.tagName === "INPUT" && !input.disabled) {
      /* 和暦 or ISO typed, or picked: the picker writes YYYY-MM-DD */
      const pick = el("input", { type: "date", class: "pick", id: idOf(path, "pick"), "aria-label": t("of")(nameOf(path), t("pick_date")) });
      pick.addEventListener("change", () => { if (pick.value) { input.value = pick.value; input.dispatchEvent(new Event("input")); } });
      div.append(pick);
    }
    if (types(node).includes("null") && !required) {
      const cb = el("input", { type: "checkbox", id: input.id + "-na", "aria-label": t("of")(t("not_applicable"), nameOf(path)) });
      cb.checked = value === null;
      input.disabled = value === null;
      cb.addEventListener("change", () => {
        if (cb.checked) setAt(path, null); else deleteAt(path);
        changed(true, cb.id);
      });
      div.append(el("label", { class: "meta na", for: cb.id }, cb, " " + t("not_applicable")));
    }
    if (ty !== "array" && node.listAlt && (value === undefined || typeof value === "string")) div.append(listButton(path, node, value, name));
    div.append(el("div", { class: "notes", id: notesId }));
    return div;
  }

  /* One entry where the format takes a list too (委託先, 保存期間, 諮問の種類):
   * 「もう1件追加」 turns it into a list of two. */
  function listButton(path, node, value, name) {
    const b = el("button", { type: "button", class: "add add-more", id: idOf(path, "more"), "aria-label": t("of")(t("add_more"), nameOf(path)), text: t("add_more") });
    b.addEventListener("click", () => {
      const item = mainType(node.listAlt.items ? resolve(node.listAlt.items) : {}) === "object" ? {} : "";
      setAt(path, [value === undefined ? item : value, item]);
      changed(true, idOf(path.concat(1), "first"));
    });
    return b;
  }

  function renderObject(parent, path, node, value) {
    const req = node.required || [];
    for (const [k, sub] of Object.entries(node.properties || {})) parent.append(renderField(path.concat(k), sub, req.includes(k)));
    void value;
  }

  function renderArray(parent, path, node, value) {
    const itemNode = resolve(node.items || {});
    const listName = nameOf(path);
    value.forEach((_, i) => {
      const ip = path.concat(i);
      const box = el("div", { class: "array-item", "data-pointer": ptrOf(ip), role: "group", "aria-label": listName + " " + t("nth")(i + 1) });
      const rm = el("button", { type: "button", class: "remove", id: idOf(ip, "remove"), text: t("remove"), "aria-label": t("of")(t("remove"), listName + " " + t("nth")(i + 1)) });
      rm.addEventListener("click", () => {
        value.splice(i, 1);
        changed(true, value.length ? idOf(path.concat(Math.min(i, value.length - 1)), "remove") : idOf(path, "add"));
      });
      box.append(el("div", { class: "item-head" }, el("strong", { text: state.lang === "ja" ? t("nth")(i + 1) : "#" + (i + 1) }), rm));
      if (mainType(itemNode) === "object") {
        if (value[i] === null || typeof value[i] !== "object") value[i] = {};
        box.append(el("div", { class: "notes", id: idOf(ip, "notes") }));
        renderObject(box, ip, itemNode, value[i]);
      } else box.append(renderField(ip, Object.assign({}, itemNode, { "x-hogo": node["x-hogo"] }), true));
      parent.append(box);
    });
    const add = el("button", { type: "button", class: "add", id: idOf(path, "add"), text: t("add"), "aria-label": t("of")(t("add"), listName) });
    add.addEventListener("click", () => { value.push(mainType(itemNode) === "object" ? {} : ""); changed(true, idOf(path.concat(value.length - 1), "first")); });
    parent.append(add);
  }

  /* Re-rendering keeps focus where the user acted: on the same control (by
   * id), or on the one the action names (the first field of a new entry). */
  function renderForm(focusKey) {
    const form = $("plan-form");
    const y = window.scrollY;
    const active = focusKey || (document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : null);
    form.textContent = "";
    if (!state.plan || !state.schema) { renderNav(); return; }
    if (typeof state.plan !== "object" || Array.isArray(state.plan)) {
      form.append(el("p", { class: "field-note input-error", text: t("not_json") }));
      return;
    }
    /* Findings about the whole plan (pointer "") go at the top. */
    form.append(el("div", { class: "plan-notes", "data-pointer": "" }, el("div", { class: "notes" })));
    renderObject(form, [], state.schema, state.plan);
    window.scrollTo(0, y);
    placeNotes();
    renderNav();
    if (active) {
      let f = document.getElementById(active);
      if (!f && /-first$/.test(active)) f = firstControlFor(active);
      if (f) f.focus({ preventScroll: false });
    }
  }
  /* "fID-first": the first control inside the element whose id-form is ID. */
  function firstControlFor(key) {
    const base = key.replace(/-first$/, "");
    const c = Array.from($("plan-form").querySelectorAll("input,select,textarea")).find((e) => e.id === base || e.id.startsWith(base + "_") || e.id.startsWith(base + "-"));
    return c || null;
  }

  /* The section list: each top-level part of the plan, whether it is stated,
   * and how many findings sit in it; a link moves focus to it. */
  function renderNav() {
    const nav = $("sections");
    nav.textContent = "";
    if (!state.schema || !state.plan || typeof state.plan !== "object") return;
    const keys = Object.keys(state.schema.properties || {}).filter((k) => k !== "format");
    const counts = {};
    const p = state.report;
    if (p) for (const f of p.findings) { const s = sectionOf(f); counts[s] = (counts[s] || 0) + 1; }
    for (const [ptr] of state.unfinished) { const s = pathOf(ptr)[0]; counts[s] = counts[s] || 0; }
    let stated = 0;
    const ol = el("ol");
    for (const k of keys) {
      const v = state.plan[k];
      const st = v === undefined || v === "" ? "absent" : v === null ? "null" : "value";
      if (st !== "absent") stated++;
      const name = labelFor([k], resolve(state.schema.properties[k])).name;
      const unf = Array.from(state.unfinished.keys()).some((q) => pathOf(q)[0] === k);
      const a = el("a", { href: "#", class: "sec-link st-" + st + (counts[k] ? " has-finding" : "") + (unf ? " has-unfinished" : ""), "data-section": k },
        el("span", { class: "mark", "aria-hidden": "true", text: st === "value" ? "●" : st === "null" ? "－" : "○" }), " " + name,
        el("span", { class: "visually-hidden", text: "（" + t("st_" + st) + "）" }),
        counts[k] ? el("span", { class: "badge", text: " " + counts[k], "aria-label": t("finding_count")(counts[k]) }) : null,
        unf ? el("span", { class: "badge unf", text: " " + t("unfinished") }) : null);
      a.addEventListener("click", (ev) => { ev.preventDefault(); goTo("/" + k); });
      ol.append(el("li", {}, a));
    }
    nav.append(el("h2", { text: t("sections") }), el("p", { class: "meta progress", text: t("progress")(stated, keys.length) }), ol);
  }

  function goTo(ptr) {
    const target = fieldFor(ptr);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    const i = target.querySelector("input:not([type=checkbox]):not([type=date]),select,textarea,button");
    if (i) i.focus({ preventScroll: true });
  }

  /* ---- screening: the draft, without its unfinished values ---- */

  function scheduleCheck() {
    clearTimeout(state.timer);
    $("busy").textContent = t("checking");      /* from the keystroke: a screen is on its way */
    state.timer = setTimeout(() => { state.timer = null; runCheck(); }, 350);
  }

  async function checkText(text, name) {
    const q = "/api/check?lang=" + state.lang + "&name=" + encodeURIComponent(name || "plan.json");
    const res = await fetch(q, { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
    if (res.status !== 200 && res.status !== 422 && res.status !== 413) throw new Error(res.status + " " + (await res.text()));
    return (await res.json()).plans[0];
  }

  /* The plan as typed, as a file (download, print). */
  const planText = () => (state.rawText !== undefined ? state.rawText : JSON.stringify(state.plan, null, 2) + "\n");

  /* The copy that is screened: the plan without the values in `excluded`
   * (form pointers) and without empty list elements; idxMap remembers, per
   * list, which form index each screened element came from, so a finding's
   * pointer is put back on the field it belongs to.  Required fields not
   * written yet get a neutral stand-in so the rest can be screened: title
   * and department are not read by the rules; a missing 諮問の種類 makes the
   * verdict wait (state.needsKind). */
  function draft(excluded) {
    const unfinished = new Map(), idxMap = {};
    function walk(v, path) {
      if (Array.isArray(v)) {
        const out = [], kept = [];
        v.forEach((x, i) => {
          const ptr = ptrOf(path.concat(i));
          if (x === "" || (x && typeof x === "object" && !Array.isArray(x) && !Object.keys(x).length)) { unfinished.set(ptr, null); return; }
          if (excluded.has(ptr)) return;
          out.push(walk(x, path.concat(i)));
          kept.push(i);
        });
        idxMap[ptrOf(path)] = kept;
        return out;
      }
      if (v && typeof v === "object") {
        const out = {};
        for (const [k, x] of Object.entries(v)) {
          const ptr = ptrOf(path.concat(k));
          if (x === "" || excluded.has(ptr)) { if (x === "") unfinished.set(ptr, null); continue; }
          out[k] = walk(x, path.concat(k));
        }
        return out;
      }
      return v;
    }
    const copy = walk(state.plan, []);
    let needsKind = false;
    if (copy && typeof copy === "object" && !Array.isArray(copy)) {
      if (typeof copy.title !== "string" || !copy.title) { copy.title = "（件名未記入）"; unfinished.set("/title", null); }
      if (typeof copy.department !== "string" || !copy.department) { copy.department = "（担当課未記入）"; unfinished.set("/department", null); }
      if (!copy.consultation || typeof copy.consultation !== "object" || Array.isArray(copy.consultation)) copy.consultation = {};
      const k = copy.consultation.kind;
      if (k === undefined || (Array.isArray(k) && !k.length)) {
        /* screened as 収集 (the kind with no questions of its own); no verdict is shown */
        copy.consultation.kind = "collection";
        needsKind = true;
        unfinished.set("/consultation/kind", null);
      }
      if (!copy.format) copy.format = "hogo-plan/1";
    }
    return { copy, unfinished, idxMap, needsKind };
  }
  /* A pointer into the screened copy, as a pointer into the form. */
  function formPtr(ptr, idxMap) {
    const segs = pathOf(ptr), out = [];
    for (const s of segs) {
      const kept = idxMap[ptrOf(out)];
      out.push(kept && /^\d+$/.test(s) && kept[Number(s)] !== undefined ? kept[Number(s)] : s);
    }
    return ptrOf(out);
  }
  const REQUIRED_MSG = /^(missing required|必須の項目)/;

  async function runCheck() {
    const seq = ++state.seq;
    $("busy").textContent = t("checking");
    try {
      if (state.rawText !== undefined || !state.plan || typeof state.plan !== "object" || Array.isArray(state.plan)) {
        state.unfinished = new Map();
        state.needsKind = false;
        const p = await checkText(planText(), state.fileName);
        if (seq !== state.seq) return;
        state.report = p;
      } else {
        const excluded = new Set();
        const errs = new Map();
        let d, p;
        for (let round = 0; round < 4; round++) {
          d = draft(excluded);
          p = await checkText(JSON.stringify(d.copy), state.fileName);
          if (seq !== state.seq) return;
          if (p.screened || !p.errors.length) break;
          let more = false;
          for (const e of p.errors) {
            const fp = formPtr(e.path, d.idxMap);
            if (!fp || REQUIRED_MSG.test(e.message) || excluded.has(fp)) continue;
            excluded.add(fp);
            errs.set(fp, e.message);
            more = true;
          }
          if (!more) break;
        }
        for (const [k, m] of errs) d.unfinished.set(k, m);
        /* the report's pointers, back into the form's */
        p.findings = p.findings.map((f) => Object.assign({}, f, { path: formPtr(f.path, d.idxMap) }));
        p.errors = p.errors.map((e) => Object.assign({}, e, { path: formPtr(e.path, d.idxMap) }));
        state.unfinished = d.unfinished;
        state.needsKind = d.needsKind;
        state.report = p;
      }
    } catch (e) {
      if (seq !== state.seq) return;
      state.report = null;
      $("busy").textContent = t("server_error") + ": " + e.message;
      return;
    }
    /* a change made while this screen was on its way has its own screen
     * coming: this one is shown, but the page still says 審査中… */
    if (!state.timer) $("busy").textContent = "";
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

  /* The engine's input errors come in the request's language already; an
   * English one (an older server) is put in Japanese where it is common. */
  function errorText(m) {
    if (state.lang === "en" || !/^[\x20-\x7e]*$/.test(m)) return m;
    let r;
    if ((r = /^unknown value "(.*)"; expected one of: (.*?)(?:; did you mean "(.*)"\?)?$/.exec(m)))
      return "「" + r[1] + "」は選べない値です。選べる値: " + r[2] + (r[3] ? "。「" + r[3] + "」のことですか？" : "");
    const ty = { integer: "整数", number: "数", string: "文字列", boolean: "はい/いいえ（true/false）", object: "項目のまとまり", array: "一覧" };
    if ((r = /^expected (\w+)(?: or null)?, got (\w+)(.*)$/.exec(m))) return (ty[r[1]] || r[1]) + "で書いてください（" + (ty[r[2]] || r[2]) + r[3] + " が書かれています）";
    if ((r = /^unreadable duration "([^"]*)"(?: \(write "([^"]*)"\))?/.exec(m)))
      return "「" + r[1] + "」は期間として読めません（" + (r[2] ? "「" + r[2] + "」と書けば読めます" : /not decided/.test(m) ? "決まっていないなら、この欄を書かずにおきます" : /ending event/.test(m) && !/length/.test(m) ? "終わりの出来事を「事業終了まで」「退所まで」のように書いてください" : "3か月、5年、P3M のような長さ、「事業終了まで」「退所まで」のような終わりの出来事、または永年で書いてください") + "）";
    if ((r = /^unreadable date "(.*)"/.exec(m))) return "「" + r[1] + "」は日付として読めません（2021-02-17、令和3年2月17日 のように書いてください）";
    return "入力の誤り: " + m;
  }
  /* Words the engine offers in its message: 「ほかに書ける値: next_session」,
   * 「"cloud" のことですか」/ did you mean "cloud". */
  function offered(m) {
    const out = [];
    let r;
    const re = /(?:ほかに書ける値|other values?)[:：]\s*([A-Za-z_][\w, ]*)|(?:「|")([A-Za-z_]\w*)(?:」|")\s*(?:のことですか|\?)|did you mean "([^"]+)"/g;
    while ((r = re.exec(m))) for (const v of (r[1] || r[2] || r[3]).split(/,\s*/)) if (v && !out.includes(v)) out.push(v);
    return out;
  }

  /* What to offer for an unfinished value: the words the staff wrote as the
   * vocabulary's aliases of a value (「次回審議会」 -> next_session), then the
   * values the engine's message offers; each shown by its word. */
  function suggestions(ptr, m) {
    const path = pathOf(ptr);
    const node = resolve(schemaAt(path), getAt(path));
    const typed = String(getAt(path.map((s, i, a) => (Array.isArray(getAt(a.slice(0, i))) ? Number(s) : s))) || "").trim();
    const words = Object.assign({}, node["x-hogo-values"] || {});
    for (const c of node.consts || []) words[c.value] = c.words;
    const out = [];
    for (const [v, w] of Object.entries(words))
      if (typed && ((w.aliases || []).includes(typed) || w.ja === typed || w.en === typed)) out.push(v);
    for (const v of offered(m)) if (!out.includes(v)) out.push(v);
    return out.map((v) => [v, words[v] ? (state.lang === "en" ? words[v].en : words[v].ja) || v : v]);
  }

  /* Where a finding stands: its pointer's field; a finding about the whole
   * plan that says a part is not stated stands at that part (its topic names
   * it: storage.location -> 保存場所), even while the part is closed. */
  const TOPIC_SECTION = { transfer: "transfers", network: "storage", procurement: "outsourcing", verification: "transfers" };
  function sectionOf(f) {
    if (f.path) return pathOf(f.path)[0];
    const head = String(f.topic || "").split(".")[0];
    const props = (state.schema && state.schema.properties) || {};
    for (const k of [TOPIC_SECTION[head], head, head + "s"]) if (k && props[k]) return k;
    return "";
  }
  function hostPtr(f) { return f.path || (sectionOf(f) ? "/" + sectionOf(f) : ""); }

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
    form.querySelectorAll("[aria-invalid]").forEach((n) => n.removeAttribute("aria-invalid"));
    const boxOf = (host) => host.querySelector(":scope > .notes") || host;
    const mark = (host) => { const c = host.querySelector(":scope > input, :scope > select, :scope > textarea, :scope > select.state"); if (c) c.setAttribute("aria-invalid", "true"); };
    for (const [ptr, m] of state.unfinished) {
      const host = fieldFor(ptr) || form;
      const n = el("div", { class: "field-note unfinished", "data-path": ptr },
        el("strong", { text: t("unfinished") }), " ", m ? errorText(m) + " " : t("empty_value") + " ", t("left_out"));
      for (const [v, word] of m ? suggestions(ptr, m) : []) {
        const b = el("button", { type: "button", class: "use", text: t("use_value")(word), "aria-label": t("of")(t("use_value")(word), nameOf(pathOf(ptr))) });
        b.addEventListener("click", () => { setAt(pathOf(ptr).map((s, i, a) => (Array.isArray(getAt(a.slice(0, i))) ? Number(s) : s)), v); changed(true, idOf(pathOf(ptr))); });
        n.append(" ", b);
      }
      boxOf(host).append(n);
      mark(host);
    }
    const p = state.report;
    if (!p) return;
    for (const e of p.errors) {
      if (state.unfinished.has(e.path)) continue;
      const host = fieldFor(e.path) || form;
      boxOf(host).append(el("div", { class: "field-note input-error", "data-path": e.path, text: errorText(e.message) }));
      mark(host);
    }
    for (const f of bySeverity(p.findings)) {
      const ptr = hostPtr(f);
      const host = fieldFor(ptr) || form;
      host.classList.add("has-finding");
      const note = noteFor(f);
      const v = ptr ? getAt(pathOf(ptr)) : {};
      if (!f.path && ptr && (v === undefined || v === null)) {
        /* the part is closed: one click opens it for writing */
        const node = resolve(state.schema.properties[pathOf(ptr)[0]]);
        const name = labelFor(pathOf(ptr), node).name;
        const b = el("button", { type: "button", class: "open", text: t("open_section")(name) });
        b.addEventListener("click", () => { setAt(pathOf(ptr), mainType(node) === "array" ? [{}] : {}); changed(true, idOf(pathOf(ptr).concat(mainType(node) === "array" ? [0] : []), "first")); });
        note.append(" ", b);
      }
      boxOf(host).append(note);
      if (f.path) mark(host);
    }
  }

  /* Announced (aria-live) only when the verdict or the counts change, and
   * not while typing: a pause of a second and a half first. */
  let sayTimer = 0, said = "";
  function announce(text) {
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => { if (text !== said) { said = text; $("announce").textContent = text; } }, 1500);
  }

  function showReport() {
    const p = state.report;
    const waiting = p && state.needsKind;
    $("score").textContent = p && p.screened && !waiting ? p.score : "–";
    const v = !p ? el("span", { text: "–" }) : waiting ? el("span", { class: "verdict verdict-unfinished", "data-verdict": "unfinished", text: t("unfinished") }) : verdictSpan(p);
    $("verdict").replaceWith(Object.assign(v, { id: "verdict" }));
    $("counts").replaceWith(Object.assign(p ? countsOf(p) : el("span"), { id: "counts" }));
    const un = $("unfinished-line");
    un.textContent = "";
    if (waiting) un.append(el("span", { text: t("unfinished_required") + "。" }), " ");
    if (state.unfinished.size) un.append(el("a", { href: "#", id: "unfinished-link", text: t("unfinished_n")(state.unfinished.size) }));
    const ul = $("unfinished-link");
    if (ul) ul.addEventListener("click", (ev) => { ev.preventDefault(); goTo(state.unfinished.keys().next().value); });
    placeNotes();
    renderNav();
    renderSummary();
    if (p) announce((waiting ? t("unfinished") : p.screened ? t("verdicts")[p.verdict] + " " + p.score + "/100" : t("unreadable")) + " " + $("counts").textContent +
      (state.unfinished.size ? " " + t("unfinished_n")(state.unfinished.size) : ""));
    const list = $("findings"), errs = $("input-errors");
    list.textContent = "";
    errs.textContent = "";
    if (!p) return;
    const realErrors = p.errors.filter((e) => !state.unfinished.has(e.path));
    if (realErrors.length) {
      errs.append(el("h3", { text: t("input_errors") }));
      const ul2 = el("ul", { class: "errors" });
      for (const e of realErrors) ul2.append(el("li", { "data-path": e.path }, el("code", { text: e.path || t("whole_plan") }), " ", errorText(e.message)));
      errs.append(ul2);
    }
    if (!p.findings.length && p.screened) list.append(el("p", { text: t("no_findings") }));
    for (const f of bySeverity(p.findings)) list.append(findingBlock(f, true));
  }

  /* A finding in a list: severity, where, message, follow-up, precedent;
   * in the department's view a link to its field. */
  function findingBlock(f, linked) {
    const d = el("div", { class: "finding sev-" + f.severity + (f.waived ? " waived" : ""), "data-rule": f.rule, "data-path": f.path });
    const where = linked && state.plan && typeof state.plan === "object" ? nameOf(pathOf(hostPtr(f))) || t("whole_plan") : f.path || t("whole_plan");
    let go = null;
    if (linked) {
      go = el("a", { href: "#", class: "go", text: t("go_field"), "aria-label": t("of")(t("go_field"), where + "・" + msg(f.message).slice(0, 24)) });
      go.addEventListener("click", (ev) => { ev.preventDefault(); goTo(hostPtr(f)); });
    }
    d.append(el("p", {}, el("span", { class: "sev sev-" + f.severity, text: t("sev")[f.severity] }), " ",
      f.waived ? el("s", { text: t("waived") }) : null, " ", el("span", { class: "where", text: where }), " ", go, " ", el("code", { class: "rule-id", text: f.rule })));
    d.append(el("p", { class: "message", text: msg(f.message) }));
    const fu = msg(f.follow_up);
    if (fu) d.append(el("p", { class: "follow-up" }, el("span", { class: "label", text: t("follow_up") }), fu));
    if (f.precedent) d.append(el("p", { class: "precedent" }, el("span", { class: "label", text: t("precedent") }), f.precedent));
    return d;
  }

  /* At the top: what needs looking at, each linked to its field. */
  function renderSummary() {
    const box = $("summary");
    box.textContent = "";
    const p = state.report;
    if (!p) return;
    const items = [];
    for (const [ptr] of state.unfinished) items.push([ptr, t("unfinished"), "unfinished"]);
    for (const e of p.errors) if (!state.unfinished.has(e.path)) items.push([e.path, t("input_errors"), "input-error"]);
    for (const f of bySeverity(p.findings)) if (!f.waived) items.push([hostPtr(f), t("sev")[f.severity], "sev-" + f.severity, msg(f.message)]);
    if (!items.length) return;
    const ul = el("ul");
    for (const [ptr, kind, cls, text] of items.slice(0, 40)) {
      const name = nameOf(pathOf(ptr)) || t("whole_plan");
      const a = el("a", { href: "#" + idOf(pathOf(ptr)), text: name, "aria-label": name + "：" + kind + (text ? "・" + text.slice(0, 40) : "") });
      a.addEventListener("click", (ev) => { ev.preventDefault(); goTo(ptr); });
      ul.append(el("li", {}, el("span", { class: "sev " + cls, text: kind }), " ", a, text ? " — " + text.slice(0, 60) + (text.length > 60 ? "…" : "") : ""));
    }
    box.append(el("details", { open: true }, el("summary", { text: t("summary") + "（" + items.length + "）" }), ul));
  }

  /* ---- files ---- */

  function openText(text, name) {
    state.fileName = name || "plan.json";
    $("file-name").textContent = state.fileName;
    state.dirty = false;
    try {
      state.plan = JSON.parse(text);
      state.rawText = undefined;
    } catch (e) {
      /* Not JSON: screen it as it is, so the report says where it breaks. */
      state.plan = null;
      state.rawText = text;
      $("plan-form").textContent = "";
      $("plan-form").append(el("p", { class: "field-note input-error", text: t("not_json") + ": " + e.message }));
      keep();
      runCheck();
      return;
    }
    keep();
    renderForm();
    runCheck();
  }

  const mayDiscard = (q) => !state.dirty || window.confirm(t(q));

  /* A new plan has nothing chosen: not even the kind of consultation. */
  function newPlan() {
    if (!mayDiscard("confirm_discard")) return false;
    state.rawText = undefined;
    state.plan = { format: "hogo-plan/1", consultation: {} };
    state.fileName = "plan.json";
    state.dirty = false;
    $("file-name").textContent = "";
    $("restored").hidden = true;
    keep();
    renderForm();
    runCheck();
    return true;
  }

  function download() {
    const blob = new Blob([planText()], { type: "application/json" });
    const name = saveName();
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    state.fileName = name;
    $("file-name").textContent = name;
    state.dirty = false;
    keep();
  }

  /* The print view: the server's HTML papers of this plan (the writer of
   * `hogo check --format html`), in a frame. */
  async function printView() {
    const text = state.rawText !== undefined ? planText() : JSON.stringify(draft(new Set(state.unfinished.keys())).copy);
    const q = "/api/check?format=html&lang=" + state.lang + "&name=" + encodeURIComponent(saveName());
    const res = await fetch(q, { method: "POST", body: text });
    showFrame(await res.text());
  }
  function showFrame(html) {
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

  /* ---- the secretariat's batch ----
   * A file opened twice is kept once (same name and content); a file of the
   * same name with other content replaces the old one.  A file that cannot
   * be read is listed apart with the reader's message, not ranked. */

  async function addBatch(files) {
    $("sec-busy").textContent = t("checking");
    const jobs = Array.from(files).map(async (f) => {
      const text = await f.text();
      let p;
      try { p = await checkText(text, f.name); } catch (e) {
        p = { file: f.name, title: null, screened: false, score: null, verdict: null, findings: [], errors: [{ path: "", message: String(e.message) }], consultation: [] };
      }
      return { name: f.name, text, plan: p };
    });
    for (const r of await Promise.all(jobs)) {
      const old = state.batch.findIndex((b) => b.name === r.name);
      if (old >= 0) { if (state.batch[old].text !== r.text) state.batch[old] = Object.assign(r, { index: state.batch[old].index }); continue; }
      r.index = (state.batchSeq = (state.batchSeq || 0) + 1);
      state.batch.push(r);
    }
    $("sec-busy").textContent = "";
    renderBatch();
  }
  function removeBatch(name) {
    state.batch = state.batch.filter((b) => b.name !== name);
    renderBatch();
    const rows = $("sec-ranking").querySelectorAll("tbody button.remove");
    (rows[0] || $("open-many")).focus();
  }

  function kindsOf(p) {
    return (p.consultation || []).map((k) => valueLabel(k, state.schema && state.schema.$defs && state.schema.$defs.consultation_kind)).join(state.lang === "ja" ? "・" : ", ");
  }

  function renderBatch() {
    const good = state.batch.filter((b) => b.plan.screened);
    const bad = state.batch.filter((b) => !b.plan.screened);
    const rows = good.slice().sort((a, b) => b.plan.score - a.plan.score || a.index - b.index);
    const head = $("sec-ranking").tHead, body = $("sec-ranking").tBodies[0];
    head.textContent = "";
    body.textContent = "";
    $("sec-clear").hidden = !state.batch.length;
    const hr = el("tr");
    for (const k of ["rank", "score", "verdict", "title", "department", "date", "consultation", "findings", "file", ""]) hr.append(el("th", { text: k ? t(k) : "" }));
    head.append(hr);
    rows.forEach((r, i) => {
      const p = r.plan;
      const title = p.title || p.file;
      const open = el("button", { type: "button", class: "linkish drill", "data-file": r.name, "aria-label": t("of")(t("show"), title), text: title });
      open.addEventListener("click", () => showDetail(r.name, null, open));
      const rm = el("button", { type: "button", class: "remove", text: t("remove_file"), "aria-label": t("of")(t("remove_file"), title) });
      rm.addEventListener("click", () => removeBatch(r.name));
      body.append(el("tr", { "data-file": p.file }, el("td", { class: "num", text: String(i + 1) }), el("td", { class: "num", text: String(p.score) }),
        el("td", {}, verdictSpan(p)), el("td", {}, open), el("td", { text: p.department || "" }),
        el("td", { text: p.date || "" }), el("td", { text: kindsOf(p) }), el("td", {}, countsOf(p)), el("td", { class: "where", text: r.name }), el("td", {}, rm)));
    });
    const un = $("sec-unreadable");
    un.textContent = "";
    if (bad.length) {
      un.append(el("h2", { text: t("unreadable_files") }));
      const ul = el("ul", { class: "errors" });
      for (const b of bad) {
        const rm = el("button", { type: "button", class: "remove", text: t("remove_file"), "aria-label": t("of")(t("remove_file"), b.name) });
        rm.addEventListener("click", () => removeBatch(b.name));
        ul.append(el("li", { "data-file": b.name }, el("span", { class: "where", text: b.name }), " ", verdictSpan(b.plan), " ",
          el("span", { class: "reason", text: b.plan.errors.map((e) => (e.line ? e.line + "行目: " : "") + e.message).join(" / ") }), " ", rm));
      }
      un.append(ul);
    }
    renderOverview(rows);
  }

  function renderOverview(rows) {
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
    for (const tp of topics) tr.append(el("th", { class: "topic", text: topicWord(tp) }));
    table.append(el("thead", {}, tr));
    const tb = el("tbody");
    rows.forEach((r, i) => {
      const title = r.plan.title || r.plan.file;
      const row = el("tr", {}, el("th", { text: title }));
      for (const tp of topics) {
        const s = worst[i][tp];
        if (!s) { row.append(el("td", { class: "cell" })); continue; }
        const b = el("button", { type: "button", class: "cell-link", text: t("sev")[s], "aria-label": title + "・" + topicWord(tp) + "：" + t("sev")[s] });
        b.addEventListener("click", () => showDetail(r.name, tp, b));
        row.append(el("td", { class: "cell sev-" + s, title: topicWord(tp) }, b));
      }
      tb.append(row);
    });
    table.append(tb);
    ov.append(table);
  }
  function topicWord(tp) {
    const w = state.schema && state.schema["x-hogo-topics"] && state.schema["x-hogo-topics"][tp];
    return w ? (state.lang === "en" ? w.en : w.ja) || tp : tp;
  }

  /* One plan of the batch: its findings (those of one topic first when a
   * cell was clicked), and back to where the secretariat was. */
  function showDetail(name, topic, from) {
    const b = state.batch.find((x) => x.name === name);
    if (!b) return;
    const box = $("sec-detail");
    box.textContent = "";
    const back = el("button", { type: "button", id: "sec-back", text: t("back") });
    back.addEventListener("click", () => {
      box.hidden = true;
      $("sec-list").hidden = false;
      const again = from && document.body.contains(from) ? from : $("sec-ranking").querySelector('button.drill[data-file="' + CSS.escape(name) + '"]');
      if (again) again.focus();
    });
    const p = b.plan;
    box.append(back, el("h2", { tabindex: "-1", id: "sec-detail-title", text: p.title || p.file }));
    box.append(el("p", {}, verdictSpan(p), " ", t("score") + " " + p.score + "/100 ", countsOf(p), " ", el("span", { class: "meta", text: [p.department, p.date, kindsOf(p), b.name].filter(Boolean).join(" ・ ") })));
    const fs = bySeverity(p.findings);
    const first = topic ? fs.filter((f) => f.topic === topic) : fs;
    const rest = topic ? fs.filter((f) => f.topic !== topic) : [];
    if (topic) box.append(el("h3", { text: t("in_section")(topicWord(topic)) }));
    for (const f of first) box.append(findingBlock(f, false));
    if (rest.length) { box.append(el("h3", { text: t("findings") })); for (const f of rest) box.append(findingBlock(f, false)); }
    if (!fs.length) box.append(el("p", { text: t("no_findings") }));
    $("sec-list").hidden = true;
    box.hidden = false;
    $("sec-detail-title").focus();
  }

  /* ---- the page ---- */

  function applyLang() {
    document.documentElement.lang = state.lang;
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    $("lang").setAttribute("lang", state.lang === "ja" ? "en" : "ja");   /* the switch names the other language in it */
    renderForm();
    if (state.report) showReport();
    renderBatch();
    showKept();
  }

  function showView(sec) {
    $("dept-view").hidden = sec;
    $("sec-view").hidden = !sec;
    $("tab-dept").classList.toggle("active", !sec);
    $("tab-sec").classList.toggle("active", sec);
    $("tab-dept").setAttribute("aria-pressed", String(!sec));
    $("tab-sec").setAttribute("aria-pressed", String(sec));
  }

  async function init() {
    state.schema = await (await fetch("/plan.schema.json")).json();
    $("open-plan").addEventListener("change", async (ev) => {
      const f = ev.target.files[0];
      ev.target.value = "";
      if (f && mayDiscard("confirm_open")) openText(await f.text(), f.name);
    });
    $("open-many").addEventListener("change", async (ev) => {
      const files = Array.from(ev.target.files);
      ev.target.value = "";
      await addBatch(files);
    });
    /* typing postpones any announcement; the screen after the pause says it */
    $("plan-form").addEventListener("input", () => clearTimeout(sayTimer));
    $("new-plan").addEventListener("click", newPlan);
    $("download").addEventListener("click", download);
    $("print").addEventListener("click", printView);
    $("sec-print").addEventListener("click", () => window.print());
    $("sec-clear").addEventListener("click", () => {
      if (!window.confirm(t("confirm_clear"))) return;
      state.batch = [];
      renderBatch();
      $("sec-detail").hidden = true;
      $("sec-list").hidden = false;
      $("open-many").focus();
    });
    $("tab-dept").addEventListener("click", () => showView(false));
    $("tab-sec").addEventListener("click", () => showView(true));
    $("lang").addEventListener("click", () => { state.lang = state.lang === "ja" ? "en" : "ja"; applyLang(); });
    window.addEventListener("beforeunload", (ev) => { if (state.dirty) { ev.preventDefault(); ev.returnValue = ""; } });
    document.addEventListener("dragover", (ev) => { ev.preventDefault(); document.body.classList.add("dragging"); });
    document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
    document.addEventListener("drop", async (ev) => {
      ev.preventDefault();
      document.body.classList.remove("dragging");
      const files = ev.dataTransfer.files;
      if (!files.length) return;
      if (!$("sec-view").hidden) await addBatch(files);
      else if (mayDiscard("confirm_open")) openText(await files[0].text(), files[0].name);
    });
    if (restore()) {
      $("restored").hidden = false;
      $("file-name").textContent = state.fileName === "plan.json" ? "" : state.fileName;
      if (state.plan === null && state.rawText !== undefined) openText(state.rawText, state.fileName);
      else { renderForm(); runCheck(); }
      showKept();
    } else {
      state.dirty = false;
      newPlan();
    }
  }

  document.addEventListener("DOMContentLoaded", () => { init().catch((e) => { $("busy").textContent = String(e); }); });
})();
