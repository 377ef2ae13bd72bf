#!/usr/bin/env python3
"""Generate the keywarden history benchmark repository: a bare git repository with tens of thousands of commits of
source-like churn and a few hundred planted fake secrets, built with `git fast-import` (a minute or two).

The history looks like a busy monorepo's: an initial import of a few thousand files (Java, Python, TypeScript,
JavaScript and Go sources, YAML, JSON, Markdown, shell, properties; the file kinds and contents of
gen-corpus.py), then commits that each touch one to a few files, mostly small edits (a block of code replaced,
inserted or deleted), with a skew towards a set of hot files, and now and then a new, deleted or renamed file.
Every ~60 commits a topic branch of a few commits is merged back with a merge commit (main moves on meanwhile); a
few topic branches are left unmerged; releases are tagged. Authors and dates advance realistically.

Planted secrets (default 300), built at run time from their documented formats (this file holds no secret
literal): each is added to a file by a commit, and most are removed again some commits later (as when a leak is
"fixed" by deleting it), so they live only in history. A few are pasted into commit messages. The manifest
(<out>.manifest.json) lists each one's kind, the commit that added it (as its position and its subject), the
path, and whether it is still at HEAD.

Deterministic for a seed (with the same Python and git versions). After fast-import, the repository is repacked
with git's defaults for a clone (`git repack -a -d -f --window=10 --depth=50`), so objects sit in one pack, deltified
as a server would send them.
"""

import argparse
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_corpus", os.path.join(HERE, "gen-corpus.py"))
gc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gc)

DEFAULT_OUT = os.path.join(HERE, "data", "history.git")
# .env files are left out: every one of them is a finding of the dotenv path rule, which would drown the secrets
KINDS = {k: v for k, v in gc.KINDS.items() if k != "env"}
PLANT_KINDS = [k for k, _, _ in gc.PLANT]
PLANT_VARS = {k: var for k, _, var in gc.PLANT}
PLANT_FILE_KINDS = ["yaml", "py", "sh", "java", "ts", "js", "go", "props", "md"]


class History:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.g = gc.Gen(self.rng)
        self.pools = {k: [gc.BLOCKS[k](self.g) for _ in range(a.pool)] for k in KINDS}
        self.files = {}  # path -> [kind, parts]
        self.paths = []  # for random choice
        self.hot = []
        self.mark = 0
        self.clock = 1420070400  # 2015-01-01
        self.authors = ["%s %s <%s.%s@example.com>" % (f.capitalize(), l.capitalize(), f, l) for f, l in
                        [(self.g.snake(self.g.words(1, 1)), self.g.snake(self.g.words(1, 1))) for _ in range(60)]]
        self.planted = []  # dicts
        self.pending_removals = {}  # commit number -> list of planted index
        self.commits = 0
        self.blob_bytes = 0
        self.blob_count = 0

    # -- content --------------------------------------------------------------------------------------------------
    def new_file(self, project=None):
        rng, g = self.rng, self.g
        kinds = list(KINDS)
        kind = rng.choices(kinds, [KINDS[k][1] for k in kinds])[0]
        size = int(gc.math.exp(gc.math.log(KINDS[kind][2]) + gc.SIGMA * rng.gauss(0.0, 1.0)))
        size = max(gc.MIN_SIZE, min(128 * 1024, size))
        org = project or "%s-%s" % (rng.choice(gc.ORGS), rng.choice(gc.PROJ_WORDS))
        depth = rng.randint(1, 5)
        d = "/".join(gc.dir_name(g) for _ in range(depth))
        stem = g.pascal() if kind == "java" else g.snake()
        path = "%s/%s/%s%s" % (org, d, stem, KINDS[kind][0])
        while path in self.files:
            path = path.replace(KINDS[kind][0], "_%d%s" % (rng.randint(2, 99), KINDS[kind][0]), 1)
        ident = "".join(c if c.isalnum() else "_" for c in stem)
        parts = ["// %s\n" % g.sentence(3, 8) if kind in ("java", "ts", "js", "go") else "# %s\n" % g.sentence(3, 8)]
        n = 0
        pool = self.pools[kind]
        while n < size:
            b = rng.choice(pool).replace("@@", ident)
            parts.append(b)
            n += len(b)
        return path, [kind, parts]

    def text(self, path):
        return "".join(self.files[path][1]).encode()

    def edit(self, path):
        rng = self.rng
        kind, parts = self.files[path]
        pool = self.pools[kind]
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            op = rng.random()
            i = rng.randint(1, max(1, len(parts) - 1))
            if op < 0.5 and len(parts) > 2:
                parts[i] = rng.choice(pool)
            elif op < 0.85 or len(parts) <= 3:
                parts.insert(i, rng.choice(pool))
            else:
                del parts[i]

    # -- fast-import stream ---------------------------------------------------------------------------------------
    def next_mark(self):
        self.mark += 1
        return self.mark

    def commit(self, out, ref, parent, merge, changes, message):
        """changes: list of ('M', path) or ('D', path) or ('R', old, new); returns the commit's mark."""
        rng = self.rng
        blobs = []
        for ch in changes:
            if ch[0] == "M":
                data = self.text(ch[1])
                m = self.next_mark()
                out.write(b"blob\nmark :%d\ndata %d\n" % (m, len(data)))
                out.write(data)
                out.write(b"\n")
                blobs.append((ch[1], m))
                self.blob_bytes += len(data)
                self.blob_count += 1
        self.clock += rng.randint(600, 6 * 3600)
        author = rng.choice(self.authors)
        m = self.next_mark()
        msg = message.encode()
        out.write(b"commit %s\nmark :%d\n" % (ref.encode(), m))
        out.write(b"author %s %d +0000\ncommitter %s %d +0000\n" % (author.encode(), self.clock, author.encode(),
                                                                    self.clock))
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        if parent is not None:
            out.write(b"from :%d\n" % parent)
        for p in merge:
            out.write(b"merge :%d\n" % p)
        for ch in changes:
            if ch[0] == "D":
                out.write(b"D %s\n" % ch[1].encode())
            elif ch[0] == "R":
                out.write(b"R %s %s\n" % (ch[1].encode(), ch[2].encode()))
        for path, bm in blobs:
            out.write(b"M 100644 :%d %s\n" % (bm, path.encode()))
        out.write(b"\n")
        self.commits += 1
        return m

    def subject(self):
        g = self.g
        verb = g.choice(gc.VERBS)
        return "%s %s %s" % (verb.capitalize(), g.choice(gc.ADJS), g.choice(gc.NOUNS)) + (
            "" if g.random() < 0.6 else "\n\n" + g.sentence(8, 20) + "\n" + g.sentence(6, 16))

    # -- one ordinary commit's changes ----------------------------------------------------------------------------
    def churn(self, avoid=()):
        rng = self.rng
        changes = []
        touched = set()
        for _ in range(rng.choices([1, 2, 3, 4, 6], [45, 25, 15, 10, 5])[0]):
            r = rng.random()
            if r < 0.06 or len(self.paths) < 50:
                path, f = self.new_file(self.project_of(rng.choice(self.paths)) if self.paths else None)
                self.files[path] = f
                self.paths.append(path)
                changes.append(("M", path))
                touched.add(path)
                continue
            path = rng.choice(self.hot) if rng.random() < 0.5 else rng.choice(self.paths)
            if path in touched or path in avoid or path not in self.files:
                continue
            touched.add(path)
            if r < 0.08 and len(self.paths) > 1000:
                self.remove(path)
                changes.append(("D", path))
            elif r < 0.095:
                new = os.path.join(os.path.dirname(path), "%s_%d%s" % (
                    os.path.splitext(os.path.basename(path))[0], rng.randint(2, 999), os.path.splitext(path)[1]))
                if new in self.files:
                    continue
                self.files[new] = self.files.pop(path)
                self.paths[self.paths.index(path)] = new
                if path in self.hot:
                    self.hot[self.hot.index(path)] = new
                changes.append(("R", path, new))
                touched.add(new)
            else:
                self.edit(path)
                changes.append(("M", path))
        return changes

    @staticmethod
    def project_of(path):
        return path.split("/")[0]

    def remove(self, path):
        del self.files[path]
        self.paths.remove(path)
        if path in self.hot:
            self.hot[self.hot.index(path)] = self.rng.choice(self.paths)

    def plant(self, changes, commit_no):
        """Adds a secret to a file this commit changes (or a new one); schedules most for removal later."""
        rng = self.rng
        kind = rng.choice(PLANT_KINDS)
        value = gc.make_secret(kind, rng)
        candidates = [c[1] for c in changes if c[0] == "M" and self.files[c[1]][0] in PLANT_FILE_KINDS]
        if candidates:
            path = candidates[0]
        else:
            path = rng.choice([p for p in rng.sample(self.paths, 50) if self.files[p][0] in PLANT_FILE_KINDS])
            self.edit(path)
            changes.append(("M", path))
        fkind, parts = self.files[path]
        text = gc.plant_text(kind, value, PLANT_VARS[kind], fkind)
        at = rng.randint(1, max(1, len(parts) - 1))
        parts.insert(at, text)
        entry = {"kind": kind, "path": path, "addedInCommit": commit_no, "removed": False, "_text": text}
        self.planted.append(entry)
        if rng.random() < 0.7:
            self.pending_removals.setdefault(commit_no + rng.randint(1, 400), []).append(len(self.planted) - 1)

    def unplant(self, changes, idx):
        entry = self.planted[idx]
        for path, f in self.files.items():
            if entry["_text"] in f[1]:
                f[1].remove(entry["_text"])
                if all(c[1] != path for c in changes):
                    changes.append(("M", path))
                entry["removed"] = True
                return

    def run(self, out):
        a, rng = self.a, self.rng
        # the initial import, in a few commits
        main = None
        for i in range(a.initial_files // 500):
            changes = []
            for _ in range(500):
                path, f = self.new_file()
                self.files[path] = f
                self.paths.append(path)
                changes.append(("M", path))
            main = self.commit(out, "refs/heads/main", main, [], changes, "Import %d files" % len(changes))
        self.hot = rng.sample(self.paths, min(300, len(self.paths)))
        plant_at = set(rng.sample(range(a.initial_files // 500 + 5, a.commits - 5), a.secrets))
        message_secrets = set(rng.sample(sorted(plant_at), max(1, a.secrets // 60)))
        topics = 0
        while self.commits < a.commits:
            n = self.commits
            if n % 60 == 30 and self.commits + 8 < a.commits:
                # a topic branch of a few commits, merged back after main moved on (or left unmerged)
                topics += 1
                ref = "refs/heads/topic/%d" % topics
                tip = main
                touched = set()
                saved = {}
                for _ in range(rng.randint(2, 4)):
                    changes = self.churn()
                    for c in changes:
                        touched.update(c[1:])
                    tip = self.commit(out, ref, tip, [], changes, self.subject())
                # main moves on without touching the topic's files
                for _ in range(rng.randint(1, 3)):
                    main = self.commit(out, "refs/heads/main", main, [], self.churn(avoid=touched), self.subject())
                if topics % 25 == 0:
                    # left unmerged: fast-import's state is the union, which is fine for content generation
                    continue
                changes = [("M", p) for p in sorted(touched) if p in self.files]
                deleted = [("D", p) for p in sorted(touched) if p not in self.files]
                main = self.commit(out, "refs/heads/main", main, [tip], changes + deleted,
                                   "Merge branch 'topic/%d'" % topics)
                continue
            changes = self.churn()
            message = self.subject()
            if n in plant_at:
                self.plant(changes, n)
                if n in message_secrets:
                    kind = rng.choice(["github-pat", "gitlab-pat", "npm-token"])
                    value = gc.make_secret(kind, rng)
                    message += "\n\nused token %s for the test run" % value
                    self.planted.append({"kind": kind, "path": "(commit message)", "addedInCommit": n,
                                         "removed": False})
            for idx in self.pending_removals.pop(n, []):
                self.unplant(changes, idx)
            if not changes:
                continue
            main = self.commit(out, "refs/heads/main", main, [], changes, message)
            if n % 1000 == 999:
                out.write(b"tag v%d.%d\nfrom :%d\ntagger %s %d +0000\ndata 8\nrelease\n\n" % (
                    n // 10000 + 1, (n // 1000) % 10, main, self.authors[0].encode(), self.clock))
        out.write(b"reset refs/heads/main\nfrom :%d\n\n" % main)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=DEFAULT_OUT, help="bare repository to create (default: %(default)s)")
    ap.add_argument("--commits", type=int, default=20000)
    ap.add_argument("--initial-files", type=int, default=3000)
    ap.add_argument("--secrets", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--pool", type=int, default=1500, help="blocks generated per file kind (default: %(default)s)")
    ap.add_argument("--force", action="store_true", help="replace an existing repository")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        if not a.force:
            sys.exit("gen-history: %s exists (use --force to replace it)" % out)
        shutil.rmtree(out)
    t0 = time.time()
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", out], check=True, stdin=subprocess.DEVNULL)
    # git runs its helpers through PATH: leave out what a Python version manager (pyenv) put there
    path = os.pathsep.join(d for d in os.environ.get("PATH", "").split(os.pathsep) if ".pyenv" not in d)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYENV")}
    env.update(GIT_DIR=out, PATH=path)
    fi = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env)
    h = History(a)
    import io
    buf = io.BufferedWriter(fi.stdin, buffer_size=1 << 20)
    h.run(buf)
    buf.write(b"done\n")
    buf.flush()
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("gen-history: git fast-import failed")
    t1 = time.time()
    subprocess.run(["git", "repack", "-a", "-d", "-f", "-q", "--window=10", "--depth=50"], check=True, env=env,
                   stdin=subprocess.DEVNULL)
    subprocess.run(["git", "prune-packed"], check=True, env=env, stdin=subprocess.DEVNULL)
    t2 = time.time()
    at_head = [p for p in h.planted if not p["removed"]]
    manifest = {
        "generator": "bench/gen-history.py",
        "seed": a.seed,
        "repository": out,
        "commits": h.commits,
        "blobVersions": h.blob_count,
        "blobBytes": h.blob_bytes,
        "planted": len(h.planted),
        "plantedAtHead": len(at_head),
        "secrets": [{k: v for k, v in p.items() if not k.startswith("_")} for p in h.planted],
    }
    with open(out.rstrip("/") + ".manifest.json", "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print("gen-history: %d commits, %d blob versions (%.1f MB written), %d secrets planted (%d still at HEAD) in %s"
          % (h.commits, h.blob_count, h.blob_bytes / 1e6, len(h.planted), len(at_head), out))
    print("gen-history: fast-import %.1f s, repack %.1f s" % (t1 - t0, t2 - t1))


if __name__ == "__main__":
    main()
