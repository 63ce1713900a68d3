#!/bin/sh
# test_docs_examples.sh - runs every worked example of
# docs/huong-dan-chinh-sua-bo-tieu-chi.md, so that the guide cannot drift
# from what dvht does. Examples are marked in the guide with HTML comments
# placed before a fenced block:
#   <!-- vi-du: NAME; sao-chep: PLAN -->          copy rules/PLAN to rules/NAME
#   <!-- vi-du: NAME; sao-chep-kiem-thu: PLAN --> copy rules/PLAN/tests to rules/NAME/tests
#   <!-- vi-du: NAME; tep: PATH -->               the next block is the file PATH
#   <!-- vi-du: NAME; tim: PATH -->               the next block is found, once, in PATH
#   <!-- vi-du: NAME; thay-bang -->               ... and replaced by the next block
#   <!-- vi-du: NAME; lenh -->                    the next block is a dvht command, the
#                                                 block after it its output ("…" = anything)
#   <!-- vi-du: NAME; co-y-sai -->                the example is wrong on purpose
# Paths are relative to a scratch folder where commands run. At the end each
# example's plan rules/NAME must pass `dvht check` and `dvht test` (unless
# marked co-y-sai). The guide's table of check rules must match
# `dvht check --quy-tac`. Prints TAP lines.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
DVHT=${DVHT_BIN:-./dvht}
case $DVHT in /*) ;; *) DVHT="$ROOT/$DVHT" ;; esac
DOC=docs/huong-dan-chinh-sua-bo-tieu-chi.md
T=$(mktemp -d "${TMPDIR:-/tmp}/dvht-docs.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
PY=$(command -v python3 || true)
if [ -z "$PY" ]; then
    echo "ok - documentation examples # SKIP python3 not found"
    exit 0
fi
PYTHONDONTWRITEBYTECODE=1 "$PY" - "$ROOT" "$DVHT" "$DOC" "$T" <<'EOF'
import os, re, shlex, shutil, subprocess, sys

root, dvht, doc, tmp = sys.argv[1:5]
passed = failed = 0

def ok(msg):
    global passed
    passed += 1
    print("ok - " + msg)

def no(msg, detail=""):
    global failed
    failed += 1
    print("not ok - " + msg)
    for line in detail.splitlines()[:25]:
        print("# " + line)

# Directives and fenced blocks, in document order.
items = []
lines = open(os.path.join(root, doc), encoding="utf-8").read().split("\n")
i = 0
while i < len(lines):
    line = lines[i]
    m = re.match(r"^<!-- vi-du: (.*) -->\s*$", line)
    if m:
        parts = [p.strip() for p in m.group(1).split(";")]
        d = {"name": parts[0], "line": i + 1}
        for p in parts[1:]:
            k, _, v = p.partition(":")
            d[k.strip()] = v.strip()
        items.append(("directive", d))
    elif line.startswith("```"):
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        items.append(("block", "\n".join(lines[i + 1:j]) + "\n", i + 1))
        i = j
    i += 1

def run(args):
    p = subprocess.run([dvht] + args, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace")

def matches(expected, output):
    """Expected lines appear in order; "…" inside a line matches anything,
    a line that is only "…" stands for lines left out."""
    out = [l.rstrip() for l in output.split("\n")]
    k = 0
    for e in expected.split("\n"):
        e = e.rstrip()
        if e == "" or e == "…":
            continue
        rx = re.compile("^" + ".*".join(re.escape(x) for x in e.split("…")) + "$")
        while k < len(out) and not rx.match(out[k]):
            k += 1
        if k == len(out):
            return e
        k += 1
    return None

examples = {}
order = []
last_find = {}
n = 0
while n < len(items):
    kind, d = items[n][0], items[n][1]
    n += 1
    if kind != "directive":
        continue
    name = d["name"]
    if name not in examples:
        examples[name] = {"wrong": False, "steps": 0}
        order.append(name)
    ex = examples[name]
    ex["steps"] += 1
    where = "%s:%d" % (doc, d["line"])
    def next_block():
        global n
        if n < len(items) and items[n][0] == "block":
            n += 1
            return items[n - 1][1]
        no("vi-du %s: a fenced block after %s" % (name, where))
        return None
    if "co-y-sai" in d:
        ex["wrong"] = True
    if "sao-chep" in d:
        dst = os.path.join(tmp, "rules", name)
        shutil.copytree(os.path.join(root, "rules", d["sao-chep"]), dst)
        ok("vi-du %s: copy of %s (%s)" % (name, d["sao-chep"], where))
    if "sao-chep-kiem-thu" in d:
        dst = os.path.join(tmp, "rules", name, "tests")
        shutil.copytree(os.path.join(root, "rules", d["sao-chep-kiem-thu"], "tests"), dst)
        ok("vi-du %s: copy of the tests of %s (%s)" % (name, d["sao-chep-kiem-thu"], where))
    if "tep" in d:
        text = next_block()
        if text is None:
            continue
        path = os.path.join(tmp, d["tep"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        ok("vi-du %s: wrote %s (%s)" % (name, d["tep"], where))
    elif "tim" in d:
        text = next_block()
        if text is None:
            continue
        path = os.path.join(tmp, d["tim"])
        content = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        count = content.count(text)
        if count == 1:
            ok("vi-du %s: the text shown is in %s (%s)" % (name, d["tim"], where))
        else:
            no("vi-du %s: the text shown is in %s exactly once (found %d times, %s)" % (name, d["tim"], count, where), text)
        last_find[name] = (path, text)
    elif "thay-bang" in d:
        text = next_block()
        if text is None or name not in last_find:
            no("vi-du %s: thay-bang needs a tim before it (%s)" % (name, where))
            continue
        path, old = last_find.pop(name)
        content = open(path, encoding="utf-8").read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(content.replace(old, text, 1))
        ok("vi-du %s: replaced the text (%s)" % (name, where))
    elif "lenh" in d:
        cmd = next_block()
        expected = next_block()
        if cmd is None or expected is None:
            continue
        for c in cmd.strip().split("\n"):
            args = shlex.split(c)
            if not args or args[0] != "dvht":
                no("vi-du %s: the command block holds dvht commands (%s)" % (name, where), c)
                continue
            rc, out = run(args[1:])
            want_fail = bool(re.search(r"^not ok|: lỗi: |^dvht: ", expected, re.M))
            missing = matches(expected, out)
            if missing is None and (rc != 0) == want_fail:
                ok("vi-du %s: %s prints what the guide shows (exit %d, %s)" % (name, c, rc, where))
            else:
                no("vi-du %s: %s (exit %d, %s)" % (name, c, rc, where),
                   ("missing line: %s\n" % missing if missing else "") + out)

# Final state of every example: a sound plan whose own cases pass.
for name in order:
    ex = examples[name]
    folder = os.path.join("rules", name)
    if ex["wrong"]:
        continue
    if not os.path.exists(os.path.join(tmp, folder, "plan.lua")):
        no("vi-du %s: rules/%s/plan.lua exists at the end" % (name, name))
        continue
    rc, out = run(["check", folder])
    if rc == 0 and ": lỗi: " not in out:
        ok("vi-du %s: dvht check passes at the end" % name)
    else:
        no("vi-du %s: dvht check passes at the end (exit %d)" % (name, rc), out)
    rc, out = run(["test", folder])
    if rc == 0:
        ok("vi-du %s: dvht test passes at the end (%s)" % (name, out.strip().split("\n")[-1]))
    else:
        no("vi-du %s: dvht test passes at the end (exit %d)" % (name, rc),
           "\n".join(l for l in out.split("\n") if not l.startswith("ok")))

if len(order) >= 5:
    ok("the guide has %d worked examples" % len(order))
else:
    no("the guide has at least 5 worked examples (%d)" % len(order))

# The table of check rules is complete.
rc, out = run(["check", "--quy-tac"])
codes = set(re.findall(r"^  ([a-z-]+) ", out, re.M))
text = open(os.path.join(root, doc), encoding="utf-8").read()
rules_section = text[text.find("## 11."):]
documented = set(re.findall(r"^\| `([a-z-]+)` \|", rules_section, re.M))
if codes and codes == documented:
    ok("the guide documents the %d rules of dvht check" % len(codes))
else:
    no("the guide documents the rules of dvht check",
       "missing: %s\nunknown: %s" % (sorted(codes - documented), sorted(documented - codes)))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
