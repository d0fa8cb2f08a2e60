// page_safe.js -- issue 20: the page shows no bidi override, isolate or C1
// control from a plan or a report.  app.js builds every shown text through
// el(); its safe() is taken from the file as shipped and run here on the
// characters the HTML and text reports neutralise (U+202A-202E, U+2066-2069,
// U+0080-009F), and el() must pass both its text attribute and its string
// children through it.
//   node page_safe.js engine/web/assets/app.js
"use strict";
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
let failed = 0;
function check(c, m) { if (!c) { failed++; console.log("FAIL: " + m); } else console.log("ok   " + m); }
const un = src.match(/const UNSAFE = (\/.*\/g);/);
const sf = src.match(/function safe\(s\) \{[^\n]*\}/);
check(un && sf, "app.js defines UNSAFE and safe()");
if (un && sf) {
  const safe = new Function(`const UNSAFE = ${un[1]}; ${sf[0]}; return safe;`)();
  for (let c = 0x202a; c <= 0x202e; c++) check(safe("a" + String.fromCharCode(c) + "b") === "a\ufffdb", "U+" + c.toString(16) + " neutralised");
  for (let c = 0x2066; c <= 0x2069; c++) check(safe("a" + String.fromCharCode(c) + "b") === "a\ufffdb", "U+" + c.toString(16) + " neutralised");
  check(safe("\u0085\u009b") === "\ufffd\ufffd", "C1 controls neutralised");
  check(safe("児童の記録 ★ é ü") === "児童の記録 ★ é ü", "other text unchanged");
  check(safe(5) === 5, "not a string: unchanged");
}
const el = src.slice(src.indexOf("function el(tag"), src.indexOf("function el(tag") + 600);
check(/e\.textContent = safe\(v\)/.test(el), "el(): the text attribute goes through safe()");
check(/e\.append\(safe\(c\)\)/.test(el), "el(): string children go through safe()");
console.log(failed ? "FAILED: " + failed : "ok");
process.exit(failed ? 1 : 0);
