#!/usr/bin/env bash
# Times `keywarden scan` against `grep -rEc` with ten literal-anchored secret regexes over the same generated tree.
#
#   bench/run.sh [--runs N] [--corpus DIR] [--size-mb MB] [--threads N] [--kw-arg ARG]...
#
# Generates the corpus with bench/gen-corpus.py if it is missing, warms the page cache with one untimed pass of
# each command (which also checks what each one finds), then runs keywarden and grep alternately N times and
# prints each run, the medians, MB/s for both and the ratio keywarden median / grep median (<= 1.0: keywarden is
# at least as fast as grep). keywarden runs through ./keywarden, the launcher users run, with its JVM defaults.
# See bench/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
RUNS=5
CORPUS="$HERE/data/corpus"
THREADS=2
JAR="$ROOT/scanner-cli/target/keywarden.jar"
LAUNCHER="$ROOT/keywarden"
KW_REPORT="${TMPDIR:-/tmp}/kw-bench.json"
GEN_ARGS=()   # corpus generator arguments (--size-mb: only when the corpus is generated, e.g. a small smoke test)
KW_EXTRA=()   # extra keywarden arguments (--kw-arg), e.g. -c my-rules.toml for a breakdown by rule set

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --runs=*) RUNS="${1#*=}"; shift ;;
    --corpus) CORPUS="${2:?--corpus needs a directory}"; shift 2 ;;
    --corpus=*) CORPUS="${1#*=}"; shift ;;
    --size-mb) GEN_ARGS+=(--size-mb "${2:?--size-mb needs a number}"); shift 2 ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift 2 ;;
    --threads=*) THREADS="${1#*=}"; shift ;;
    --kw-arg) KW_EXTRA+=("${2?--kw-arg needs an argument}"); shift 2 ;;
    --kw-arg=*) KW_EXTRA+=("${1#*=}"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer"
command -v python3 >/dev/null || die "python3 is needed (corpus generator and statistics)"
command -v java >/dev/null || die "java is needed"

# (the parent must exist for cd: on a fresh checkout bench/data/ does not, and the corpus went to /corpus)
mkdir -p "$(dirname "$CORPUS")" || die "cannot create the corpus directory's parent"
CORPUS="$(cd "$(dirname "$CORPUS")" 2>/dev/null && pwd)/$(basename "$CORPUS")" || die "bad corpus path"
if [[ "$CORPUS" == "$HERE/data/corpus" ]]; then
  MANIFEST="$HERE/data/corpus.manifest.json"
else
  MANIFEST="${CORPUS%/}.manifest.json"
fi

# --- inputs ------------------------------------------------------------------------------------------------------
if [[ ! -d "$CORPUS" ]]; then
  echo "run.sh: no corpus at $CORPUS; generating it (bench/gen-corpus.py)"
  python3 "$HERE/gen-corpus.py" "$CORPUS" --manifest "$MANIFEST" ${GEN_ARGS[@]+"${GEN_ARGS[@]}"}
fi
# build the jar (and the launcher's class-data archive) now if they are missing or stale, not in a timed run
"$LAUNCHER" --version >/dev/null || die "the launcher could not build or run keywarden"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kw-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
JAR_INFO="$JAR, built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$JAR" | cut -c1-12)"

if [[ -f "$MANIFEST" ]]; then
  read -r BYTES FILES PLANTED < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print(m["bytes"], m["files"], m["planted"])' "$MANIFEST")
  BYTES_FROM="manifest"
else
  BYTES="$(du -sb "$CORPUS" | cut -f1)"
  FILES="$(find "$CORPUS" -type f | wc -l)"
  PLANTED="?"
  BYTES_FROM="du -sb"
fi

# Ten literal-anchored secret regexes (POSIX ERE), one -e each.
GREP_PATTERNS=(
  -e 'ghp_[0-9A-Za-z]{36}'                          # GitHub personal access token
  -e 'AKIA[0-9A-Z]{16}'                             # AWS access key id
  -e 'xoxb-[0-9]{8,14}-[0-9]{8,14}-[0-9A-Za-z]{24,34}' # Slack bot token
  -e 'sk_live_[0-9A-Za-z]{24,}'                     # Stripe live secret key
  -e '-----BEGIN [A-Z ]*PRIVATE KEY-----'           # PEM private key block
  -e 'AIza[0-9A-Za-z_-]{35}'                        # Google API key
  -e 'glpat-[0-9A-Za-z_-]{20}'                      # GitLab personal access token
  -e 'npm_[0-9A-Za-z]{36}'                          # npm access token
  -e 'SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}'     # SendGrid API key
  -e 'sk-proj-[0-9A-Za-z_-]{20,}'                   # OpenAI project key
)
PATTERNS_ONLY=()
for ((k = 1; k < ${#GREP_PATTERNS[@]}; k += 2)); do PATTERNS_ONLY+=("${GREP_PATTERNS[k]}"); done
# LC_ALL=C: byte-oriented matching, grep's fastest mode (the patterns are ASCII, the corpus is ASCII)
GREP_CMD=(env LC_ALL=C grep -rEc "${GREP_PATTERNS[@]}" "$CORPUS")
KW_CMD=("$LAUNCHER" scan "$CORPUS" --threads "$THREADS" --no-progress -q --format json
        -o "$KW_REPORT" ${KW_EXTRA[@]+"${KW_EXTRA[@]}"})

# keywarden exits 1 when it finds secrets (expected here), grep exits 1 when nothing matches: both 0/1 are fine.
run_kw() {
  local rc=0
  "${KW_CMD[@]}" || rc=$?
  if [[ $rc -gt 1 ]]; then echo "run.sh: keywarden failed with exit code $rc" >&2; exit 1; fi
}
run_grep() { # $1: where the counts go
  local rc=0
  "${GREP_CMD[@]}" > "$1" || rc=$?
  if [[ $rc -gt 1 ]]; then echo "run.sh: grep failed with exit code $rc" >&2; exit 1; fi
}
now() { date +%s%N; }

cpu_model="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
mem_gb="$(free -g | awk '/^Mem:/ {print $2}')"
os_name="$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)"
java_ver="$(${JAVA_HOME:+$JAVA_HOME/bin/}java -version 2>&1 | head -1), launcher JVM options: ${KEYWARDEN_JAVA_OPTS-defaults}"
echo "machine: ${cpu_model:-unknown CPU}, $(nproc) cores, ${mem_gb} GiB RAM, $os_name, kernel $(uname -r), $java_ver, $(grep --version | head -1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "corpus:  $CORPUS: $FILES files, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.2f GB", b/1e9}'), from the $BYTES_FROM), $PLANTED secrets planted"
echo "jar:     $JAR_INFO"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "processes above 5% CPU (top, 1 s sample):"
top -b -n 2 -d 1 -w 160 2>/dev/null | awk '/^top -/ {n++} n == 2 && /^ *PID/ {p = 1; next}
  p && $9 + 0 >= 5 && c < 5 {print "    " $0; c++} END {if (!c) print "    (no process above 5% CPU)"}'
echo

# --- warm-up and correctness check (untimed) ----------------------------------------------------------------------
echo "warm-up: one untimed pass of each command (fills the page cache; checks what each finds)"
run_kw
run_grep "$WORK/grep-counts.txt"
python3 - "$KW_REPORT" "$WORK/grep-counts.txt" "$MANIFEST" "$CORPUS" > "$WORK/check.txt" <<'EOF'
import collections, json, os, sys
report, counts, manifest, corpus = sys.argv[1:5]
d = json.load(open(report))
s = d["summary"]
by = collections.Counter(f["ruleId"] for f in d["findings"])
grep_lines, grep_files = 0, set()
for line in open(counts):
    path, _, n = line.rstrip("\n").rpartition(":")
    if int(n):
        grep_lines += int(n)
        grep_files.add(os.path.relpath(path, corpus))
print(s["files"], s["findings"], ",".join("%s=%d" % kv for kv in sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))),
      grep_lines)
print("  grep:      %d matching lines in %d files" % (grep_lines, len(grep_files)))
print("  keywarden: %d findings in %d files; by rule: %s" % (
    s["findings"], s["files"], ", ".join("%s=%d" % kv for kv in sorted(by.items(), key=lambda kv: (-kv[1], kv[0])))))
if os.path.exists(manifest):
    m = json.load(open(manifest))
    at = collections.defaultdict(set)
    for f in d["findings"]:
        at[(os.path.relpath(os.path.abspath(f["file"]), corpus), f["line"])].add(f["ruleId"])
    found, rules = collections.Counter(), collections.Counter()
    for p in m["secrets"]:
        hit = at.get((p["file"], p["line"]), set()) - {"generic-secret-assignment", "dotenv-file"}
        if hit:
            found[p["kind"]] += 1
            rules.update(hit)
    planted_files = {p["file"] for p in m["secrets"]}
    missing = planted_files - grep_files
    print("  grep:      matched in all %d planted files: %s" % (
        len(planted_files), "yes" if not missing else "NO, %d missing" % len(missing)))
    print("  keywarden: %d of %d planted secrets reported at their planted file:line by a provider rule (%s)" % (
        sum(found.values()), m["planted"], ", ".join("%s=%d" % kv for kv in sorted(rules.items()))))
    missed = {k: n - found[k] for k, n in m["plantedByKind"].items() if n > found[k]}
    if missed:
        print("  keywarden MISSED planted secrets: %s" % missed)
EOF
read -r KW_FILES KW_FINDINGS KW_BY_RULE GREP_LINES < "$WORK/check.txt"
tail -n +2 "$WORK/check.txt"
if [[ "$KW_FILES" != "$FILES" ]]; then
  echo "  WARNING: keywarden scanned $KW_FILES files but the corpus has $FILES (.gitignore rules of an enclosing" \
       "repository?): the two commands are not reading the same bytes"
fi
echo

# --- timed runs ----------------------------------------------------------------------------------------------------
KW_TIMES=()
GREP_TIMES=()
for ((i = 1; i <= RUNS; i++)); do
  t0=$(now); run_kw; t1=$(now)
  run_grep /dev/null; t2=$(now)
  KW_TIMES+=($((t1 - t0)))
  GREP_TIMES+=($((t2 - t1)))
  printf 'run %d/%d: keywarden %.3f s, grep %.3f s\n' "$i" "$RUNS" \
    "$(awk -v n=$((t1 - t0)) 'BEGIN{print n/1e9}')" "$(awk -v n=$((t2 - t1)) 'BEGIN{print n/1e9}')"
done
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
echo

python3 - "$BYTES" "$THREADS" "${KW_TIMES[*]}" "${GREP_TIMES[*]}" <<'EOF'
import statistics, sys
nbytes, threads = int(sys.argv[1]), sys.argv[2]
kw = [int(x) / 1e9 for x in sys.argv[3].split()]
gr = [int(x) / 1e9 for x in sys.argv[4].split()]
kwm, grm = statistics.median(kw), statistics.median(gr)
w = 22
print("%-*s %s   %8s %9s" % (w, "command", " ".join("%7s" % ("run %d" % (i + 1)) for i in range(len(kw))), "median", "MB/s"))
print("%-*s %s   %8.3f %9.1f" % (w, "keywarden --threads " + threads, " ".join("%7.3f" % t for t in kw), kwm,
                                 nbytes / 1e6 / kwm))
print("%-*s %s   %8.3f %9.1f" % (w, "grep -rEc (10 regexes)", " ".join("%7.3f" % t for t in gr), grm,
                                 nbytes / 1e6 / grm))
print()
print("ratio keywarden/grep (medians): %.2f   (target <= 1.0: %s)" % (kwm / grm, "met" if kwm <= grm else "NOT met"))
EOF
echo "findings: keywarden $KW_FINDINGS (${KW_BY_RULE//,/, }); grep $GREP_LINES matching lines; planted $PLANTED"
echo "commands (keywarden through the launcher, i.e. $JAR with the launcher's JVM options):"
echo "  ${KW_CMD[*]}"
printf '  env LC_ALL=C grep -rEc'; printf " -e '%s'" "${PATTERNS_ONLY[@]}"; printf ' %s > /dev/null\n' "$CORPUS"
