#!/usr/bin/env python3
"""Regenerate (or check) the error examples of docs/plan-guide.md from the binary.

usage: guide_errors.py HOGO SRCDIR write|check

Each example is a small plan with one slip a staffer makes; it is written to a
scratch directory as plan.json and `hogo validate --no-config --lang ja
plan.json` is run on it there, so the guide shows exactly what hogo prints.
The section between the markers <!-- errors:begin --> and <!-- errors:end -->
is replaced (write) or compared (check: exit 1 when it drifted, with the
command that regenerates it).  Python 3 standard library only.
"""
import os
import subprocess
import sys
import tempfile

BEGIN, END = "<!-- errors:begin -->", "<!-- errors:end -->"
HEAD = ('{\n  "format": "hogo-plan/1",\n  "title": "児童相談システム機器賃貸借",\n'
        '  "department": "子ども支援課",\n  "consultation": {"kind": "system"},\n')

# (heading, plan text): the plan text as a staffer typed it
EXAMPLES = [
    ("全角スペースで字下げした", HEAD + '\u3000"purpose": "相談記録の管理"\n}\n'),
    ("数を全角数字で書いた", HEAD + '  "data": {"persons": ３０００}\n}\n'),
    ("全角のコロン・カンマを使った", HEAD + '  "purpose"： "相談記録の管理"\n}\n'),
    ("引用符が全角（“ ”）になった", HEAD + '  "purpose": “相談記録の管理”\n}\n'),
    ("コメントを書いた", HEAD + '  // 来年度に見直す\n  "purpose": "相談記録の管理"\n}\n'),
    ("最後の項目の後ろにカンマを書いた", HEAD + '  "purpose": "相談記録の管理",\n}\n'),
    ("項目の間のカンマを忘れた", HEAD + '  "purpose": "相談記録の管理"\n  "description": "…"\n}\n'),
    ("数に桁区切りのカンマを書いた", HEAD + '  "data": {"persons": 45,000}\n}\n'),
    ("数を文字で書いた", HEAD + '  "data": {"persons": "約3000人"}\n}\n'),
    ("はい・いいえで書いた", HEAD + '  "storage": [{"what": "相談記録", "encrypted": "はい"}]\n}\n'),
    ("true・false・null を書き間違えた", HEAD + '  "storage": [{"what": "相談記録", "encrypted": ture}]\n}\n'),
    ("日付を引用符で囲まなかった", HEAD + '  "date": 令和3年2月17日\n}\n'),
    ("存在しない日付を書いた", HEAD + '  "date": "令和3年2月30日"\n}\n'),
    ("曜日を間違えた", HEAD + '  "date": "令和3年2月17日（木）"\n}\n'),
    ("1つだけ書く項目を配列にした", HEAD + '  "storage": [{"what": "相談記録", "location": ["cloud"]}]\n}\n'),
    ("配列に書く項目を1つの値にした", HEAD + '  "outsourcing": {"contractor": "株式会社A", "scope": "保守"}\n}\n'),
    ("選択肢を書き間違えた", HEAD + '  "storage": [{"what": "相談記録", "location": "clowd"}]\n}\n'),
    ("選択肢を日本語で書いた", HEAD + '  "storage": [{"what": "相談記録", "location": "クラウド"}]\n}\n'),
    ("該当しないことを「なし」と書いた", HEAD + '  "outsourcing": "なし"\n}\n'),
    ("キーを日本語で書いた", HEAD + '  "保存期間": "5年"\n}\n'),
    ("空のファイル", ""),
]


def render(hogo):
    out = [BEGIN, "",
           "<!-- このあいだは tests/cli/guide_errors.py が hogo の出力から作ります。手で直さないでください。 -->", ""]
    with tempfile.TemporaryDirectory() as d:
        for heading, text in EXAMPLES:
            with open(os.path.join(d, "plan.json"), "w", encoding="utf-8") as f:
                f.write(text)
            env = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")
            p = subprocess.run([hogo, "validate", "--no-config", "--lang", "ja", "plan.json"], cwd=d, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            shown = p.stdout.decode("utf-8").rstrip("\n")
            out.append("#### " + heading)
            out.append("")
            out.append("```console")
            out.append("$ hogo validate plan.json")
            out.append(shown)
            out.append("```")
            out.append("")
    out.append(END)
    return "\n".join(out)


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("write", "check"):
        sys.exit(__doc__)
    hogo, src, mode = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    guide = os.path.join(src, "docs", "plan-guide.md")
    with open(guide, encoding="utf-8") as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit("%s has no %s ... %s section" % (guide, BEGIN, END))
    a, b = text.index(BEGIN), text.index(END) + len(END)
    new = text[:a] + render(hogo) + text[b:]
    if mode == "write":
        tmp = guide + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(new)
        os.replace(tmp, guide)
        return 0
    if new != text:
        sys.stderr.write("docs/plan-guide.md's error examples differ from what hogo prints now; regenerate with\n"
                         "  cmake --build build --target guide-errors\n")
        return 1
    print("docs/plan-guide.md's error examples are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
