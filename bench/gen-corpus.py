#!/usr/bin/env python3
"""Generate the keywarden benchmark corpus: a large tree of source-like text with a few planted fake secrets.

The tree looks like a directory of checked-out projects: Java, Python, JavaScript/TypeScript and Go sources,
YAML, JSON, Markdown, shell scripts and properties/.env configuration, in nested directories, with file sizes
drawn from a log-normal distribution (a few KB to a few hundred KB). The code uses the words secret scanners key
on (token, password, secret, api_key, credential, auth ...) in identifiers, comments and strings at roughly the
rate real application code does, so a keyword prefilter is exercised honestly.

A few fake secrets (default 40) are planted, built at run time from their documented formats; this file holds
no complete secret literal, because the project scans its own repository. What was planted, and where, is written
to a manifest (default: bench/data/corpus.manifest.json) and summarised on standard output.

Deterministic: the same --seed and --size-mb give the same tree, byte for byte (with the same Python version).
Standard library only.
"""

import argparse
import base64
import json
import math
import os
import random
import shutil
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "data", "corpus")
DEFAULT_MANIFEST = os.path.join(HERE, "data", "corpus.manifest.json")

# ----------------------------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------------------------

NOUNS = """user account order invoice payment session request response config cache item product customer message
event handler client server record entry file path buffer stream queue job task worker report metric node cluster
schema table column query result value index page view model service repository controller router route policy role
permission group tenant region zone bucket object upload download image thumbnail document template locale currency
price discount cart shipment address contact profile setting feature flag experiment notification email webhook
subscription plan quota limit rate window retry timeout connection pool lock channel signal context scope span trace
log audit history version revision commit branch build artifact package module plugin extension provider factory
builder adapter mapper parser serializer encoder decoder codec hash digest checksum signature certificate key auth
login cookie nonce salt header payload body status state count total offset cursor batch chunk segment frame packet
socket endpoint host port url uri domain origin target source destination mirror replica shard partition snapshot
backup restore migration seed fixture sample vector matrix graph edge vertex tree leaf parent child sibling owner
member team project workspace organization invitation comment review rating tag label category topic thread post
reply attachment media asset bundle manifest registry catalog inventory warehouse supplier vendor contract license
claim scope grant consent device browser agent""".split()

# Words that secret scanners key on. Real application code is full of them (auth middleware, API clients, login
# forms, lexers); they are drawn into identifiers at a low rate and also appear in dedicated line templates.
SENSITIVE = [
    ["token"], ["access", "token"], ["refresh", "token"], ["auth", "token"], ["id", "token"], ["csrf", "token"],
    ["password"], ["password", "hash"], ["secret"], ["client", "secret"], ["api", "key"], ["private", "key"],
    ["credentials"], ["credential"], ["passphrase"], ["secret", "name"], ["token", "type"], ["access", "key"],
]
VERBS = """get set load save parse build create update delete find fetch validate process handle render compute
resolve refresh encode decode sign verify register unregister apply merge split filter map reduce collect emit
publish subscribe dispatch schedule cancel retry flush close open read write send receive accept reject approve
normalize sanitize format convert transform serialize deserialize lookup list count check ensure init reset start
stop drain sync import export upload download notify track record compare sort group""".split()
ADJS = """default current pending active stale cached remote local primary secondary internal external raw parsed
valid invalid expired new old next previous max min total partial full shared private public temporary""".split()
TYPES_JAVA = ["String", "int", "long", "boolean", "double", "List<String>", "Map<String, Object>", "Optional<String>",
              "Instant", "Duration", "UUID", "BigDecimal", "byte[]", "Set<Long>", "Path", "URI"]
TYPES_TS = ["string", "number", "boolean", "string[]", "Record<string, unknown>", "Date", "Promise<void>",
            "number[]", "unknown", "Map<string, number>"]
TYPES_GO = ["string", "int", "int64", "bool", "float64", "[]string", "map[string]string", "time.Duration",
            "[]byte", "error", "context.Context", "*http.Request"]
PY_TYPES = ["str", "int", "bool", "float", "list[str]", "dict[str, Any]", "Optional[str]", "bytes", "datetime",
            "Path", "Sequence[int]"]
WORDS = """the a an of to in for on with from by at as is are be this that it not or and if when then after before
each every all any some new existing given current user request data value field list map cache server client call
result error missing empty invalid retry timeout limit update create delete read write send open close start stop
load store check return handle parse build use make keep drop skip wait fail pass run order item account record
batch page query index file line byte time date zone region""".split()
COMMENT_SENSITIVE = [
    "never log the {s}: it is masked by the formatter",
    "the {s} is read from the environment at startup",
    "TODO: rotate the {s} when the tenant is migrated",
    "refresh the {s} a minute before it expires",
    "the {s} must not be cached across requests",
    "validate the {s} before the request reaches the handler",
    "strip the {s} from the logged headers",
    "the {s} comes from the secret store, see docs/deploy.md",
]
LIBS_PY = ["os", "sys", "json", "logging", "re", "time", "datetime", "functools", "itertools", "collections",
           "typing", "pathlib", "dataclasses", "hashlib", "hmac", "base64", "uuid", "asyncio", "contextlib",
           "urllib.parse", "http", "argparse", "subprocess", "threading", "decimal"]
LIBS_JAVA = ["java.util.List", "java.util.Map", "java.util.Optional", "java.util.UUID", "java.time.Instant",
             "java.time.Duration", "java.util.concurrent.ConcurrentHashMap", "java.util.stream.Collectors",
             "java.io.IOException", "java.nio.file.Path", "java.util.Objects", "org.slf4j.Logger",
             "org.slf4j.LoggerFactory", "java.net.URI", "java.math.BigDecimal", "java.util.Set",
             "java.util.function.Function", "java.util.concurrent.CompletableFuture"]
LIBS_JS = ["react", "express", "axios", "lodash", "zod", "date-fns", "uuid", "jsonwebtoken", "pino", "redis",
           "pg", "knex", "dotenv", "cors", "helmet", "@tanstack/react-query", "next/router", "yup"]
LIBS_GO = ["context", "errors", "fmt", "io", "log/slog", "net/http", "os", "sort", "strconv", "strings", "sync",
           "time", "encoding/json", "database/sql", "crypto/sha256", "encoding/hex", "bytes", "bufio"]
ORGS = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell", "cyberdyne", "soylent",
        "vandelay", "wonka", "aperture", "blackmesa", "oscorp", "nakatomi"]
PROJ_WORDS = ["billing", "gateway", "catalog", "checkout", "identity", "search", "ledger", "notifier", "scheduler",
              "inventory", "analytics", "storefront", "dispatch", "reporting", "onboarding", "pricing", "fulfilment",
              "messaging", "audit", "portal", "ingest", "warehouse", "payments", "crm", "media", "tracking"]

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = BASE62
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
URLSAFE = BASE62 + "_-"


class Gen:
    """Random text pieces, all drawn from one seeded generator."""

    def __init__(self, rng):
        self.r = rng
        self.choice = rng.choice
        self.random = rng.random
        self.randint = rng.randint

    # identifiers ------------------------------------------------------------------------------------------------
    def words(self, lo=1, hi=3, sensitive=0.01):
        r = self.random()
        if r < sensitive:
            base = list(self.choice(SENSITIVE))
            if self.random() < 0.4:
                base = [self.choice(ADJS)] + base
            return base
        n = self.randint(lo, hi)
        out = [self.choice(NOUNS) for _ in range(n)]
        if self.random() < 0.25:
            out.insert(0, self.choice(ADJS))
        return out

    def camel(self, w=None):
        w = w or self.words()
        return w[0] + "".join(x.capitalize() for x in w[1:])

    def pascal(self, w=None):
        w = w or self.words()
        return "".join(x.capitalize() for x in w)

    def snake(self, w=None):
        return "_".join(w or self.words())

    def upper(self, w=None):
        return "_".join(w or self.words()).upper()

    def method(self, style="camel"):
        w = [self.choice(VERBS)] + self.words(1, 2)
        return self.camel(w) if style == "camel" else self.snake(w) if style == "snake" else self.pascal(w)

    def sentence(self, lo=5, hi=14):
        n = self.randint(lo, hi)
        s = " ".join(self.choice(WORDS) for _ in range(n))
        return s[0].upper() + s[1:] + "."

    def comment_text(self):
        if self.random() < 0.04:
            return self.choice(COMMENT_SENSITIVE).format(s=" ".join(self.choice(SENSITIVE)))
        r = self.random()
        if r < 0.5:
            return self.sentence()
        if r < 0.75:
            return "%s the %s %s." % (self.choice(VERBS).capitalize(), self.choice(NOUNS), self.choice(NOUNS))
        return "TODO(%s): %s" % (self.choice(["ops", "jm", "alice", "bob", "kc", "team"]), self.sentence(3, 9))

    def num(self):
        r = self.random()
        if r < 0.5:
            return str(self.randint(0, 9))
        if r < 0.8:
            return str(self.randint(10, 1000))
        return str(self.choice([1024, 4096, 65536, 3600, 86400, 30000, 500, 250, 100, 60]))

    def strlit(self):
        r = self.random()
        if r < 0.3:
            return self.sentence(2, 7)[:-1].lower()
        if r < 0.5:
            return "/api/v%d/%s/%s" % (self.randint(1, 3), self.choice(NOUNS) + "s", "{id}")
        if r < 0.7:
            return self.snake()
        if r < 0.85:
            return "%s.%s" % (self.choice(NOUNS), self.choice(NOUNS))
        return "%s-%s" % (self.choice(NOUNS), self.choice(VERBS))

    def hexs(self, n):
        return "".join(self.choice("0123456789abcdef") for _ in range(n))

    def uuid(self):
        h = self.hexs(32)
        return "%s-%s-4%s-a%s-%s" % (h[:8], h[8:12], h[13:16], h[17:20], h[20:32])


# ----------------------------------------------------------------------------------------------------------------
# Per-language blocks. "@@" is replaced per file by a name derived from the file, so pooled blocks differ a little
# from file to file.
# ----------------------------------------------------------------------------------------------------------------

def java_stmt(g, ind, vars_):
    r = g.random()
    v = g.camel()
    if r < 0.12:
        return ["%s%s %s = %s.%s(%s);" % (ind, g.choice(TYPES_JAVA), v, g.choice(vars_), g.method(), g.choice(vars_))]
    if r < 0.20:
        return ["%sif (%s == null || %s.isEmpty()) {" % (ind, g.choice(vars_), g.choice(vars_)),
                "%s    throw new IllegalArgumentException(\"%s must not be empty\");" % (ind, g.choice(vars_)),
                "%s}" % ind]
    if r < 0.30:
        return ["%slog.%s(\"%s {} for {}\", %s, %s);" % (ind, g.choice(["debug", "info", "warn", "trace"]),
                                                         g.sentence(2, 6)[:-1], g.choice(vars_), g.choice(vars_))]
    if r < 0.38:
        return ["%sfor (%s %s : %s.%s()) {" % (ind, g.choice(TYPES_JAVA), v, g.choice(vars_), g.method()),
                "%s    %s.%s(%s);" % (ind, g.camel(), g.method(), v),
                "%s}" % ind]
    if r < 0.45:
        return ["%s// %s" % (ind, g.comment_text())]
    if r < 0.52:
        return ["%s%s.put(\"%s\", %s);" % (ind, g.camel(), g.strlit(), g.choice(vars_))]
    if r < 0.58:
        return ["%stry {" % ind,
                "%s    %s.%s(%s, Duration.ofMillis(%s));" % (ind, g.camel(), g.method(), g.choice(vars_), g.num()),
                "%s} catch (IOException e) {" % ind,
                "%s    throw new UncheckedIOException(\"%s\", e);" % (ind, g.sentence(2, 5)[:-1].lower()),
                "%s}" % ind]
    if r < 0.64:
        return ["%sreturn %s.stream()" % (ind, g.choice(vars_)),
                "%s        .filter(x -> x.%s() > %s)" % (ind, g.method(), g.num()),
                "%s        .map(%s::%s)" % (ind, g.pascal(), g.method()),
                "%s        .collect(Collectors.toList());" % ind]
    if r < 0.66:
        return sens_java(g, ind, vars_)
    if r < 0.78:
        return ["%sfinal %s %s = new %s(%s, %s);" % (ind, g.pascal(), v, g.pascal(), g.choice(vars_), g.num())]
    if r < 0.86:
        return ["%s%s = Objects.requireNonNull(%s, \"%s\");" % (ind, g.choice(vars_), g.choice(vars_), g.choice(vars_))]
    return ["%s%s.%s(%s.%s());" % (ind, g.choice(vars_), g.method(), g.camel(), g.method())]


def sens_java(g, ind, vars_):
    r = g.random()
    if r < 0.2:
        return ["%sString token = %s.%s(%s);" % (ind, g.camel(["token", "service"]), g.choice(
            ["issueToken", "resolveToken", "currentToken", "refreshToken"]), g.choice(vars_))]
    if r < 0.4:
        return ["%sif (!passwordEncoder.matches(rawPassword, %s.getPasswordHash())) {" % (ind, g.choice(vars_)),
                "%s    throw new BadCredentialsException(\"invalid credentials\");" % ind,
                "%s}" % ind]
    if r < 0.55:
        return ["%srequest.setHeader(\"Authorization\", \"Bearer \" + accessToken);" % ind]
    if r < 0.7:
        return ["%sString apiKey = System.getenv(\"%s_API_KEY\");" % (ind, g.upper(g.words(1, 1)))]
    if r < 0.85:
        return ["%s%s.setClientSecret(properties.getClientSecret());" % (ind, g.camel())]
    return ["%sbyte[] secretKey = keyStore.getKey(\"%s\", passphrase).getEncoded();" % (ind, g.snake())]


def java_block(g):
    vars_ = [g.camel() for _ in range(g.randint(2, 4))]
    lines = []
    if g.random() < 0.7:
        lines += ["    /**", "     * %s" % g.sentence(6, 16)]
        if g.random() < 0.5:
            lines.append("     * %s" % g.sentence(4, 12))
        lines += ["     *"] + ["     * @param %s %s" % (v, g.sentence(2, 6)[:-1].lower()) for v in vars_[:2]]
        lines += ["     * @return %s" % g.sentence(2, 6)[:-1].lower(), "     */"]
    if g.random() < 0.2:
        lines.append("    @%s" % g.choice(["Override", "Transactional", "Nullable", "Cacheable(\"@@\")",
                                            "GetMapping(\"/%s\")" % g.choice(NOUNS)]))
    lines.append("    %s %s %s(%s %s, %s %s) {" % (g.choice(["public", "private", "protected", "public static"]),
                                                 g.choice(TYPES_JAVA + ["void"]), g.method(),
                                                 g.choice(TYPES_JAVA), vars_[0], g.choice(TYPES_JAVA), vars_[1]))
    for _ in range(g.randint(2, 14)):
        lines += java_stmt(g, "        ", vars_)
    lines += ["        return %s;" % g.choice(vars_), "    }", ""]
    return "\n".join(lines) + "\n"


def java_header(g, pkg, cls):
    imps = sorted(set(g.choice(LIBS_JAVA) for _ in range(g.randint(4, 10))))
    out = ["/*", " * Copyright (c) %d %s Inc." % (g.randint(2016, 2024), g.choice(ORGS).capitalize()),
           " * Licensed under the Apache License, Version 2.0.", " */", "package %s;" % pkg, ""]
    out += ["import %s;" % i for i in imps]
    out += ["", "/**", " * %s" % g.sentence(6, 14), " */", "public class %s {" % cls,
            "    private static final Logger log = LoggerFactory.getLogger(%s.class);" % cls,
            "    private static final int DEFAULT_%s = %s;" % (g.upper(), g.num()), ""]
    for _ in range(g.randint(1, 4)):
        out.append("    private final %s %s;" % (g.choice(TYPES_JAVA + [g.pascal()]), g.camel()))
    out.append("")
    return "\n".join(out) + "\n"


def py_stmt(g, ind, vars_):
    r = g.random()
    v = g.snake()
    if r < 0.14:
        return ["%s%s = %s.%s(%s)" % (ind, v, g.choice(vars_), g.method("snake"), g.choice(vars_))]
    if r < 0.22:
        return ["%sif not %s:" % (ind, g.choice(vars_)),
                "%s    raise ValueError(f\"%s: {%s!r}\")" % (ind, g.sentence(2, 5)[:-1].lower(), g.choice(vars_))]
    if r < 0.31:
        return ["%slogger.%s(\"%s %%s\", %s)" % (ind, g.choice(["debug", "info", "warning"]),
                                                g.sentence(2, 6)[:-1], g.choice(vars_))]
    if r < 0.39:
        return ["%sfor %s in %s.%s():" % (ind, v, g.choice(vars_), g.choice(["items", "values", "keys"])),
                "%s    %s.append(%s)" % (ind, g.choice(vars_), v)]
    if r < 0.47:
        return ["%s# %s" % (ind, g.comment_text())]
    if r < 0.54:
        return ["%s%s[\"%s\"] = %s" % (ind, g.choice(vars_), g.snake(), g.choice(vars_))]
    if r < 0.60:
        return ["%stry:" % ind,
                "%s    %s = await self.%s(%s, timeout=%s)" % (ind, v, g.method("snake"), g.choice(vars_), g.num()),
                "%sexcept (KeyError, TimeoutError) as exc:" % ind,
                "%s    raise %sError(\"%s\") from exc" % (ind, g.pascal(), g.sentence(2, 5)[:-1].lower())]
    if r < 0.66:
        return ["%s%s = [x.%s for x in %s if x.%s > %s]" % (ind, v, g.snake(), g.choice(vars_), g.snake(), g.num())]
    if r < 0.68:
        return sens_py(g, ind, vars_)
    if r < 0.80:
        return ["%sself.%s = %s(%s=%s, %s=%s)" % (ind, g.snake(), g.pascal(), g.snake(), g.choice(vars_),
                                                 g.snake(), g.num())]
    return ["%sreturn %s.%s(%s)" % (ind, g.choice(vars_), g.method("snake"), g.choice(vars_))]


def sens_py(g, ind, vars_):
    r = g.random()
    if r < 0.2:
        return ["%stoken = request.headers.get(\"Authorization\", \"\").removeprefix(\"Bearer \")" % ind]
    if r < 0.35:
        return ["%sif not check_password(password, user.password_hash):" % ind,
                "%s    raise PermissionDenied(\"invalid credentials\")" % ind]
    if r < 0.5:
        return ["%sapi_key = os.environ.get(\"%s_API_KEY\")" % (ind, g.upper(g.words(1, 1)))]
    if r < 0.65:
        return ["%sself.client_secret = settings.%s_CLIENT_SECRET" % (ind, g.upper(g.words(1, 1)))]
    if r < 0.8:
        return ["%saccess_token = self._token_cache.get(%s)" % (ind, g.choice(vars_))]
    return ["%ssecret = get_secret(\"%s/%s\")" % (ind, g.choice(PROJ_WORDS), g.snake())]


def py_block(g):
    vars_ = [g.snake() for _ in range(g.randint(2, 4))]
    lines = []
    cls = g.random() < 0.3
    ind = "    " if cls else ""
    if cls:
        lines += ["class %s%s:" % (g.pascal(), "(%s)" % g.pascal() if g.random() < 0.5 else ""),
                  "    \"\"\"%s\"\"\"" % g.sentence(5, 12), ""]
    for _ in range(g.randint(1, 3) if cls else 1):
        if g.random() < 0.15:
            lines.append("%s@%s" % (ind, g.choice(["staticmethod", "property", "functools.lru_cache(maxsize=128)",
                                                   "retry(attempts=3)", "app.get(\"/@@/{item_id}\")"])))
        args = ", ".join("%s: %s" % (v, g.choice(PY_TYPES)) for v in vars_[:2])
        lines.append("%s%sdef %s(%s%s) -> %s:" % (ind, "async " if g.random() < 0.2 else "", g.method("snake"),
                                                 "self, " if cls else "", args, g.choice(PY_TYPES + ["None"])))
        lines.append("%s    \"\"\"%s\"\"\"" % (ind, g.sentence(4, 14)))
        for _ in range(g.randint(2, 12)):
            lines += py_stmt(g, ind + "    ", vars_)
        lines += ["%s    return %s" % (ind, g.choice(vars_)), ""]
    lines.append("")
    return "\n".join(lines) + "\n"


def py_header(g, mod):
    imps = sorted(set(g.choice(LIBS_PY) for _ in range(g.randint(3, 8))))
    out = ['"""%s"""' % g.sentence(5, 12), "", "from __future__ import annotations", ""]
    out += ["import %s" % i for i in imps]
    out += ["from typing import Any, Optional, Sequence", "",
            "from %s.%s import %s, %s" % (mod, g.snake(g.words(1, 1)), g.pascal(), g.snake()), "",
            "logger = logging.getLogger(__name__)", "", "%s = %s" % (g.upper(), g.num()), "", ""]
    return "\n".join(out) + "\n"


def js_stmt(g, ind, vars_, ts):
    r = g.random()
    v = g.camel()
    if r < 0.14:
        return ["%sconst %s = await %s.%s(%s);" % (ind, v, g.choice(vars_), g.method(), g.choice(vars_))]
    if r < 0.22:
        return ["%sif (!%s) {" % (ind, g.choice(vars_)),
                "%s  throw new Error(`%s: ${%s}`);" % (ind, g.sentence(2, 5)[:-1].lower(), g.choice(vars_)),
                "%s}" % ind]
    if r < 0.30:
        return ["%slogger.%s({ %s, %s }, '%s');" % (ind, g.choice(["debug", "info", "warn"]), g.choice(vars_),
                                                    g.choice(vars_), g.sentence(2, 6)[:-1].lower())]
    if r < 0.38:
        return ["%sfor (const %s of %s.%s) {" % (ind, v, g.choice(vars_), g.camel()),
                "%s  %s.push(%s.%s);" % (ind, g.choice(vars_), v, g.camel()),
                "%s}" % ind]
    if r < 0.46:
        return ["%s// %s" % (ind, g.comment_text())]
    if r < 0.54:
        return ["%sconst { %s, %s } = %s;" % (ind, g.camel(), g.camel(), g.choice(vars_))]
    if r < 0.60:
        return ["%sconst %s = %s.filter((x) => x.%s > %s).map((x) => x.%s);" % (
            ind, v, g.choice(vars_), g.camel(), g.num(), g.camel())]
    if r < 0.62:
        return sens_js(g, ind, vars_)
    if r < 0.72 and ts:
        return ["%sconst %s: %s = %s.%s ?? %s;" % (ind, v, g.choice(TYPES_TS), g.choice(vars_), g.camel(), g.num())]
    if r < 0.82:
        return ["%sawait %s.%s(`%s/${%s}`);" % (ind, g.choice(["api", "client", "http", "db"]), g.choice(
            ["get", "post", "put", "delete"]), "/api/" + g.choice(NOUNS) + "s", g.choice(vars_))]
    return ["%sreturn { ...%s, %s: %s };" % (ind, g.choice(vars_), g.camel(), g.choice(vars_))]


def sens_js(g, ind, vars_):
    r = g.random()
    if r < 0.06:
        return ["%sconst token = req.headers.authorization?.replace('Bearer ', '');" % ind]
    if r < 0.14:
        return ["%sconst token = extractBearer(req);" % ind]
    if r < 0.2:
        return ["%sconst token = await %s.getAccessToken();" % (ind, g.choice(["session", "authClient", "oauth"]))]
    if r < 0.25:
        return ["%sif (!token) return res.status(401).json({ error: 'missing token' });" % ind]
    if r < 0.4:
        return ["%sconst apiKey = process.env.%s_API_KEY;" % (ind, g.upper(g.words(1, 1)))]
    if r < 0.55:
        return ["%sconst decoded = jwt.verify(token, config.jwtSecret);" % ind]
    if r < 0.7:
        return ["%sheaders: { Authorization: `Bearer ${accessToken}` }," % ind]
    if r < 0.85:
        return ["%sif (!(await bcrypt.compare(password, user.passwordHash))) return res.status(401).end();" % ind]
    return ["%slocalStorage.setItem('refreshToken', %s.refreshToken);" % (ind, g.choice(vars_))]


def js_block(g, ts):
    vars_ = [g.camel() for _ in range(g.randint(2, 4))]
    lines = []
    if g.random() < 0.5:
        lines += ["/**", " * %s" % g.sentence(5, 14)] + [" * @param %s %s" % (v, g.sentence(2, 5)[:-1].lower())
                                                         for v in vars_[:2]] + [" */"]
    if ts:
        args = ", ".join("%s: %s" % (v, g.choice(TYPES_TS)) for v in vars_[:2])
        ret = ": Promise<%s>" % g.choice(TYPES_TS + [g.pascal()])
    else:
        args, ret = ", ".join(vars_[:2]), ""
    if g.random() < 0.5:
        lines.append("export async function %s(%s)%s {" % (g.method(), args, ret))
    else:
        lines.append("export const %s = async (%s)%s => {" % (g.method(), args, ret))
    for _ in range(g.randint(2, 12)):
        lines += js_stmt(g, "  ", vars_, ts)
    lines += ["  return %s;" % g.choice(vars_), "}" if lines[-1].startswith("export async") else "};", ""]
    if ts and g.random() < 0.3:
        lines = ["export interface %s {" % g.pascal()] + ["  %s%s: %s;" % (g.camel(), "?" if g.random() < 0.3 else "",
                                                                          g.choice(TYPES_TS))
                                                         for _ in range(g.randint(2, 8))] + ["}", ""] + lines
    return "\n".join(lines) + "\n"


def js_header(g, ts):
    imps = sorted(set(g.choice(LIBS_JS) for _ in range(g.randint(2, 6))))
    out = []
    for i in imps:
        name = g.camel(i.replace("@", "").replace("/", "-").replace(".", "-").split("-")[:2])
        out.append("import %s from '%s';" % (name, i))
    out.append("import { %s, %s } from '../%s/%s';" % (g.camel(), g.pascal(), g.choice(NOUNS), "@@"))
    out += ["", "const %s = %s;" % (g.upper(), g.num()), ""]
    return "\n".join(out) + "\n"


def go_stmt(g, ind, vars_):
    r = g.random()
    v = g.camel()
    if r < 0.18:
        return ["%s%s, err := %s.%s(ctx, %s)" % (ind, v, g.choice(vars_), g.method("pascal"), g.choice(vars_)),
                "%sif err != nil {" % ind,
                "%s\treturn nil, fmt.Errorf(\"%s: %%w\", err)" % (ind, g.sentence(2, 5)[:-1].lower()),
                "%s}" % ind]
    if r < 0.28:
        return ["%sslog.%s(\"%s\", \"%s\", %s)" % (ind, g.choice(["Debug", "Info", "Warn"]),
                                                  g.sentence(2, 6)[:-1].lower(), g.snake(), g.choice(vars_))]
    if r < 0.38:
        return ["%sfor _, %s := range %s.%s {" % (ind, v, g.choice(vars_), g.pascal()),
                "%s\t%s = append(%s, %s.%s)" % (ind, g.choice(vars_), g.choice(vars_), v, g.pascal()),
                "%s}" % ind]
    if r < 0.47:
        return ["%s// %s" % (ind, g.comment_text())]
    if r < 0.55:
        return ["%s%s := %s{%s: %s, %s: %s}" % (ind, v, g.pascal(), g.pascal(), g.choice(vars_), g.pascal(),
                                               g.num())]
    if r < 0.575:
        return sens_go(g, ind, vars_)
    if r < 0.70:
        return ["%sdefer %s.Close()" % (ind, g.choice(vars_))]
    if r < 0.80:
        return ["%sif len(%s) > %s {" % (ind, g.choice(vars_), g.num()),
                "%s\t%s = %s[:%s]" % (ind, g.choice(vars_), g.choice(vars_), g.num()), "%s}" % ind]
    return ["%s%s.mu.Lock()" % (ind, g.choice(vars_)), "%s%s.%s[%s] = %s" % (
        ind, g.choice(vars_), g.camel(), g.choice(vars_), g.choice(vars_)), "%s%s.mu.Unlock()" % (
        ind, g.choice(vars_))]


def sens_go(g, ind, vars_):
    r = g.random()
    if r < 0.25:
        return ["%stoken := strings.TrimPrefix(r.Header.Get(\"Authorization\"), \"Bearer \")" % ind]
    if r < 0.45:
        return ["%sapiKey := os.Getenv(\"%s_API_KEY\")" % (ind, g.upper(g.words(1, 1)))]
    if r < 0.65:
        return ["%sif err := bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password)); err != nil {" % ind,
                "%s\treturn ErrInvalidCredentials" % ind, "%s}" % ind]
    if r < 0.8:
        return ["%ssecret, err := s.secrets.Get(ctx, %s)" % (ind, g.choice(vars_))]
    return ["%sreq.Header.Set(\"Authorization\", \"Bearer \"+c.accessToken)" % ind]


def go_block(g):
    vars_ = [g.camel() for _ in range(g.randint(2, 4))]
    lines = ["// %s %s" % (g.method("pascal"), g.sentence(4, 12)[0].lower() + g.sentence(4, 12)[1:])]
    recv = g.random() < 0.6
    lines.append("func %s%s(ctx context.Context, %s %s) (%s, error) {" % (
        "(s *%s) " % g.pascal() if recv else "", g.method("pascal"), vars_[0], g.choice(TYPES_GO),
        g.choice(TYPES_GO[:-3] + ["*" + g.pascal()])))
    for _ in range(g.randint(2, 12)):
        lines += go_stmt(g, "\t", vars_)
    lines += ["\treturn %s, nil" % g.choice(vars_), "}", ""]
    if g.random() < 0.25:
        lines = ["type %s struct {" % g.pascal()] + ["\t%s %s `json:\"%s\"`" % (g.pascal(), g.choice(TYPES_GO[:-3]),
                                                                               g.snake())
                                                    for _ in range(g.randint(2, 7))] + ["}", ""] + lines
    return "\n".join(lines) + "\n"


def go_header(g, pkg):
    imps = sorted(set(g.choice(LIBS_GO) for _ in range(g.randint(3, 8))))
    out = ["// Package %s %s" % (pkg, g.sentence(4, 10)[0].lower() + g.sentence(4, 10)[1:]), "package %s" % pkg,
           "", "import ("] + ["\t\"%s\"" % i for i in imps] + [")", "",
                                                               "const default%s = %s" % (g.pascal(), g.num()), ""]
    return "\n".join(out) + "\n"


def yaml_block(g):
    r = g.random()
    name = g.snake(g.words(1, 2))
    if r < 0.35:  # kubernetes-ish
        lines = ["---", "apiVersion: %s" % g.choice(["v1", "apps/v1", "batch/v1", "networking.k8s.io/v1"]),
                 "kind: %s" % g.choice(["Deployment", "Service", "ConfigMap", "CronJob", "Ingress"]),
                 "metadata:", "  name: %s-@@" % name.replace("_", "-"), "  labels:",
                 "    app: %s" % g.choice(PROJ_WORDS), "spec:", "  replicas: %d" % g.randint(1, 6),
                 "  template:", "    spec:", "      containers:",
                 "        - name: %s" % g.choice(PROJ_WORDS),
                 "          image: registry.%s.internal/%s:%d.%d.%d" % (g.choice(ORGS), g.choice(PROJ_WORDS),
                                                                        g.randint(0, 4), g.randint(0, 30),
                                                                        g.randint(0, 9)),
                 "          env:"]
        for _ in range(g.randint(2, 7)):
            env = g.upper()
            if g.random() < 0.2:
                sw = g.choice([["DB", "PASSWORD"], ["JWT", "SECRET"], ["API", "TOKEN"], ["OAUTH", "CLIENT", "SECRET"],
                               ["SMTP", "PASSWORD"], ["STRIPE", "API", "KEY"]])
                env = "_".join(sw)
                lines += ["            - name: %s" % env, "              valueFrom:", "                secretKeyRef:",
                          "                  name: %s-secrets" % g.choice(PROJ_WORDS),
                          "                  key: %s" % env.lower().replace("_", "-")]
            else:
                lines += ["            - name: %s" % env, "              value: \"%s\"" % g.strlit()]
        lines += ["          resources:", "            limits:",
                  "              memory: %dMi" % g.choice([128, 256, 512, 1024]),
                  "              cpu: %dm" % g.choice([100, 250, 500, 1000])]
        return "\n".join(lines) + "\n"
    if r < 0.7:  # app config
        lines = ["%s:" % name]
        for _ in range(g.randint(3, 12)):
            k = g.snake(g.words(1, 2))
            rr = g.random()
            if rr < 0.08:
                k2 = g.choice(["password", "client_secret", "api_key", "token", "secret_key"])
                lines.append("  %s: ${%s}" % (k2, g.upper([name, k2]) if len(name) < 20 else k2.upper()))
            elif rr < 0.4:
                lines.append("  %s: %s" % (k, g.num()))
            elif rr < 0.55:
                lines.append("  %s: %s" % (k, g.choice(["true", "false", "null"])))
            elif rr < 0.7:
                lines.append("  # %s" % g.comment_text())
            else:
                lines.append("  %s: \"%s\"" % (k, g.strlit()))
        return "\n".join(lines) + "\n"
    # CI workflow-ish
    lines = ["  %s:" % name.replace("_", "-"), "    runs-on: ubuntu-latest", "    steps:",
             "      - uses: actions/checkout@v4"]
    for _ in range(g.randint(1, 5)):
        lines += ["      - name: %s" % g.sentence(2, 5)[:-1], "        run: make %s" % g.choice(VERBS)]
        if g.random() < 0.25:
            lines += ["        env:", "          %s_TOKEN: ${{ secrets.%s_TOKEN }}" % ((g.upper(g.words(1, 1)),) * 2)]
    return "\n".join(lines) + "\n"


def json_block(g):
    r = g.random()
    if r < 0.75:  # fixture record
        fields = ['    "id": %d' % g.randint(1, 10 ** 7), '    "uuid": "%s"' % g.uuid(),
                  '    "%s": "%s"' % (g.camel(), g.strlit()),
                  '    "createdAt": "20%02d-%02d-%02dT%02d:%02d:%02dZ"' % (g.randint(18, 25), g.randint(1, 12),
                                                                       g.randint(1, 28), g.randint(0, 23),
                                                                       g.randint(0, 59), g.randint(0, 59)),
                  '    "status": "%s"' % g.choice(["active", "pending", "closed", "failed", "draft"])]
        for _ in range(g.randint(1, 6)):
            rr = g.random()
            if rr < 0.05:
                fields.append('    "%s": %s' % (g.choice(["tokenCount", "passwordUpdatedAt", "hasApiKey",
                                                         "tokenExpiresIn", "secretVersion"]), g.num()))
            elif rr < 0.5:
                fields.append('    "%s": %s' % (g.camel(), g.num()))
            elif rr < 0.65:
                fields.append('    "%s": %s' % (g.camel(), g.choice(["true", "false", "null"])))
            else:
                fields.append('    "%s": "%s"' % (g.camel(), g.strlit()))
        return "  {\n" + ",\n".join(fields) + "\n  },\n"
    # lockfile-ish entry
    name = g.choice(LIBS_JS + [g.snake(g.words(1, 2)).replace("_", "-")])
    ver = "%d.%d.%d" % (g.randint(0, 12), g.randint(0, 40), g.randint(0, 20))
    integ = base64.b64encode(g.r.getrandbits(512).to_bytes(64, "big")).decode()
    return ('  {\n    "name": "%s",\n    "version": "%s",\n    "resolved": "https://registry.example.org/%s/-/%s-%s.tgz",'
            '\n    "integrity": "sha512-%s",\n    "dev": %s\n  },\n' % (name, ver, name, name.split("/")[-1], ver,
                                                                         integ, g.choice(["true", "false"])))


def md_block(g):
    r = g.random()
    if r < 0.45:
        return "%s %s\n\n%s\n\n" % ("#" * g.randint(2, 3), g.sentence(2, 6)[:-1],
                                    " ".join(g.sentence(6, 18) for _ in range(g.randint(2, 6))))
    if r < 0.6:
        return "".join("- %s\n" % g.sentence(3, 12) for _ in range(g.randint(3, 8))) + "\n"
    if r < 0.75:
        lang = g.choice(["bash", "yaml", "json"])
        body = {"bash": lambda: "$ %s %s --%s=%s\n" % (g.choice(["make", "kubectl", "./gradlew", "npm run"]),
                                                        g.choice(VERBS), g.snake().replace("_", "-"), g.num()),
                "yaml": lambda: "%s: %s\n" % (g.snake(), g.num()),
                "json": lambda: '{"%s": "%s"}\n' % (g.camel(), g.strlit())}[lang]
        return "```%s\n%s```\n\n" % (lang, "".join(body() for _ in range(g.randint(1, 6))))
    if r < 0.85:
        rows = "".join("| `%s` | %s | %s |\n" % (g.snake(), g.choice(["string", "int", "bool"]), g.sentence(3, 9))
                       for _ in range(g.randint(2, 8)))
        return "| Name | Type | Description |\n| --- | --- | --- |\n%s\n" % rows
    # prose about credentials, as READMEs have
    return g.choice([
        "## Authentication\n\nEvery request needs an API key in the `Authorization` header. Create a token under "
        "*Settings > Access tokens*; personal access tokens start with `ghp_`, so the CI secret scan can tell them "
        "apart. Never commit the token: put it in `.env` (see `.env.example`).\n\n",
        "### Rotating secrets\n\nThe database password and the JWT secret live in the secret store. To rotate the "
        "client secret, run `make rotate-secrets` and restart the pods; the old credentials stay valid for an "
        "hour.\n\n",
        "> **Note:** the `SLACK_BOT_TOKEN` looks like `xoxb-...`; ask #platform for one. Do not paste it into "
        "issues.\n\n",
        "Set `STRIPE_SECRET_KEY=sk_live_...` in production only; tests use the test-mode key from the vault.\n\n",
    ])


def sh_block(g):
    r = g.random()
    fn = g.method("snake")
    lines = ["%s() {" % fn, "  local %s=\"$1\"" % g.snake(g.words(1, 1))]
    for _ in range(g.randint(2, 10)):
        rr = g.random()
        if rr < 0.2:
            lines.append("  echo \"%s ${%s}\" >&2" % (g.sentence(2, 5)[:-1], g.upper(g.words(1, 1))))
        elif rr < 0.35:
            lines += ["  if [[ -z \"${%s:-}\" ]]; then" % g.upper(), "    die \"%s\"" % g.sentence(2, 5)[:-1].lower(),
                      "  fi"]
        elif rr < 0.45:
            lines.append("  # %s" % g.comment_text())
        elif rr < 0.52:
            lines.append("  curl -fsS -H \"Authorization: Bearer ${%s_TOKEN}\" \"${API_URL}/%s\" | jq '.%s'" % (
                g.upper(g.words(1, 1)), g.choice(NOUNS) + "s", g.camel()))
        elif rr < 0.7:
            lines.append("  %s=\"$(%s %s)\"" % (g.snake(), g.choice(["git rev-parse", "basename", "dirname",
                                                                     "date -u +%s", "cat"]), g.choice(NOUNS)))
        else:
            lines.append("  %s %s --%s \"${%s}\"" % (g.choice(["kubectl apply -f", "docker build -t", "aws s3 cp",
                                                               "terraform plan -var-file", "helm upgrade"]),
                                                     g.choice(NOUNS), g.snake().replace("_", "-"), g.upper()))
    lines += ["}", ""]
    return "\n".join(lines) + "\n"


def props_block(g, env_style):
    lines = []
    if g.random() < 0.5:
        lines.append("# %s" % g.comment_text())
    prefix = g.choice(["app", "spring.datasource", "server", "management", g.snake(g.words(1, 1)), "cache", "mail"])
    for _ in range(g.randint(2, 8)):
        rr = g.random()
        if env_style:
            k = g.upper()
            if rr < 0.12:
                k = g.choice(["DB_PASSWORD", "JWT_SECRET", "SESSION_SECRET", "API_TOKEN", "OAUTH_CLIENT_SECRET",
                              "REDIS_PASSWORD", "SMTP_PASSWORD", "SENTRY_AUTH_TOKEN"])
                v = g.choice(["", "changeme", "${%s}" % k, "<%s>" % k.lower().replace("_", "-"), "replace-me"])
            elif rr < 0.5:
                v = g.num()
            else:
                v = g.strlit().replace(" ", "-")
            lines.append("%s=%s" % (k, v))
        else:
            k = "%s.%s" % (prefix, g.snake().replace("_", "-"))
            if rr < 0.1:
                k = "%s.%s" % (prefix, g.choice(["password", "client-secret", "api-key", "token-ttl", "secret-ref"]))
                v = "${%s}" % g.upper()
            elif rr < 0.5:
                v = g.num()
            else:
                v = g.strlit()
            lines.append("%s=%s" % (k, v))
    lines.append("")
    return "\n".join(lines) + "\n"


def sh_header(g):
    return "#!/usr/bin/env bash\n# %s\nset -euo pipefail\n\nSCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && " \
           "pwd)\"\nAPI_URL=\"${API_URL:-https://api.%s.internal}\"\n\ndie() { echo \"error: $*\" >&2; exit 1; }\n\n" % (
               g.sentence(4, 10), g.choice(ORGS))


# kind -> (extension, share of files, median size in bytes)
KINDS = {
    "java": (".java", 0.20, 9000),
    "py": (".py", 0.17, 7000),
    "js": (".js", 0.09, 6000),
    "ts": (".ts", 0.12, 6000),
    "go": (".go", 0.12, 8000),
    "yaml": (".yaml", 0.07, 3500),
    "json": (".json", 0.06, 14000),
    "md": (".md", 0.07, 5000),
    "sh": (".sh", 0.04, 3000),
    "props": (".properties", 0.03, 1500),
    "env": (".env", 0.03, 600),
}
SIGMA = 1.05
MIN_SIZE = 400
MAX_SIZE = 600 * 1024

BLOCKS = {
    "java": java_block, "py": py_block, "js": lambda g: js_block(g, False), "ts": lambda g: js_block(g, True),
    "go": go_block, "yaml": yaml_block, "json": json_block, "md": md_block, "sh": sh_block,
    "props": lambda g: props_block(g, False), "env": lambda g: props_block(g, True),
}


# ----------------------------------------------------------------------------------------------------------------
# Fake secrets, built from their documented formats at run time
# ----------------------------------------------------------------------------------------------------------------

def b62(n):
    s = ""
    for _ in range(6):
        s = BASE62[n % 62] + s
        n //= 62
    return s


def rand_str(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def make_secret(kind, r):
    """One fake secret of the given kind: (value, lines as planted need not be built here)."""
    if kind == "github-pat":
        body = rand_str(r, BASE62, 30)
        return "gh" + "p_" + body + b62(zlib.crc32(body.encode()) & 0xFFFFFFFF)
    if kind == "aws-access-key":
        return "AK" + "IA" + rand_str(r, B32, 16)
    if kind == "slack-bot-token":
        return "xo" + "xb-" + "%d-%d-%s" % (r.randint(10 ** 11, 10 ** 13 - 1), r.randint(10 ** 11, 10 ** 13 - 1),
                                            rand_str(r, ALNUM, 24))
    if kind == "stripe-secret-key":
        return "sk_" + "live_" + rand_str(r, ALNUM, 24)
    if kind == "private-key-rsa":
        der = bytes([0x30, 0x82, 0x04, 0xA4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00]) + bytes(
            r.getrandbits(8) for _ in range(1180))
        b64 = base64.b64encode(der).decode()
        label = "RSA " + "PRIVATE" + " KEY"
        return "\n".join(["-----BEGIN %s-----" % label] + [b64[i:i + 64] for i in range(0, len(b64), 64)]
                         + ["-----END %s-----" % label])
    if kind == "google-api-key":
        return "AI" + "za" + rand_str(r, URLSAFE, 35)
    if kind == "gitlab-pat":
        return "gl" + "pat-" + rand_str(r, URLSAFE, 20)
    if kind == "npm-token":
        body = rand_str(r, BASE62, 30)
        return "np" + "m_" + body + b62(zlib.crc32(body.encode()) & 0xFFFFFFFF)
    if kind == "sendgrid-api-key":
        return "S" + "G." + rand_str(r, URLSAFE, 22) + "." + rand_str(r, URLSAFE, 43)
    if kind == "openai-project-key":
        return "sk-" + "proj-" + rand_str(r, URLSAFE, 74) + "T3Blbk" + "FJ" + rand_str(r, URLSAFE, 74)
    raise ValueError(kind)


# kind -> (how many, environment variable name)
PLANT = [
    ("github-pat", 6, "GITHUB_TOKEN"),
    ("aws-access-key", 5, "AWS_ACCESS_KEY_ID"),
    ("slack-bot-token", 4, "SLACK_BOT_TOKEN"),
    ("stripe-secret-key", 4, "STRIPE_SECRET_KEY"),
    ("private-key-rsa", 4, "TLS_PRIVATE_KEY"),
    ("google-api-key", 4, "GOOGLE_MAPS_KEY"),
    ("gitlab-pat", 4, "GITLAB_TOKEN"),
    ("npm-token", 3, "NPM_TOKEN"),
    ("sendgrid-api-key", 3, "SENDGRID_KEY"),
    ("openai-project-key", 3, "OPENAI_KEY"),
]


def plant_text(kind, value, name, file_kind):
    """The lines that carry a secret in a file of the given kind, in that language's idiom."""
    camel = name.lower().split("_")
    camel = camel[0] + "".join(x.capitalize() for x in camel[1:])
    if kind == "private-key-rsa":
        body = value.split("\n")
        if file_kind == "yaml":
            return "tls:\n  key: |\n" + "".join("    %s\n" % x for x in body)
        if file_kind == "py":
            return "%s = \"\"\"%s\n\"\"\"\n\n" % (name, value)
        if file_kind == "sh":
            return "cat > \"${SCRIPT_DIR}/server.key\" <<'EOF'\n%s\nEOF\n\n" % value
        if file_kind in ("js", "ts"):
            return "const %s = `%s\n`;\n\n" % (camel, value)
        if file_kind == "go":
            return "const %s = `%s\n`\n\n" % (camel, value)
        if file_kind == "java":
            return "    private static final String %s = \"\"\"\n%s\n        \"\"\";\n\n" % (name, value)
        return value + "\n"
    return {
        "py": "%s = \"%s\"\n\n" % (name, value),
        "java": "    private static final String %s = \"%s\";\n\n" % (name, value),
        "js": "const %s = '%s';\n\n" % (camel, value),
        "ts": "export const %s = '%s';\n\n" % (camel, value),
        "go": "const %s = \"%s\"\n\n" % (camel, value),
        "yaml": "%s: \"%s\"\n" % (name.lower(), value),
        "sh": "export %s=\"%s\"\n\n" % (name, value),
        "props": "%s=%s\n" % (name.lower().replace("_", "."), value),
        "env": "%s=%s\n" % (name, value),
        "md": "```bash\nexport %s=%s\n```\n\n" % (name, value),
    }[file_kind]


# ----------------------------------------------------------------------------------------------------------------
# The tree
# ----------------------------------------------------------------------------------------------------------------

PROJECT_LANGS = ["java", "py", "ts", "go", "js", "java", "py", "go", "ts"]


# directory names that .gitignore files commonly exclude (build output): a checked-out source tree does not hold
# them, and a scanner that honours .gitignore would skip them while grep would not
IGNORED_DIR_NAMES = {"target", "build", "dist", "out", "bin", "obj", "tmp", "logs", "coverage", "vendor"}


def dir_name(g):
    while True:
        name = g.snake(g.words(1, 1))
        if name.split("_")[-1] not in IGNORED_DIR_NAMES and name not in IGNORED_DIR_NAMES:
            return name


def project_dirs(g, lang, org, proj):
    """The directories of one project, by file kind."""
    def nest(base, depth):
        out = []
        for _ in range(g.randint(3, 8)):
            parts = [base] + [dir_name(g) for _ in range(g.randint(1, depth))]
            out.append("/".join(parts))
        return out
    src = {
        "java": nest("src/main/java/com/%s/%s" % (org, proj), 3) + nest("src/test/java/com/%s/%s" % (org, proj), 2),
        "py": nest(proj, 3) + nest("tests", 2),
        "ts": nest("src", 3) + nest("packages/%s/src" % dir_name(g), 3),
        "js": nest("src", 3) + nest("lib", 2),
        "go": nest("internal", 3) + nest("cmd/%s" % proj, 1) + nest("pkg", 2),
    }[lang]
    other = ["%s/%s" % (base, dir_name(g)) for base in ("tools", "tools/jvm", "tools/go", "web/src",
                                                                   "web/lib") for _ in range(2)]
    return {
        "src": src,
        "other": other,
        "yaml": ["deploy", "deploy/k8s/%s" % g.choice(["staging", "prod", "dev"]), "config", ".github/workflows"],
        "json": ["fixtures", "test/fixtures/%s" % dir_name(g), "config", "."],
        "md": [".", "docs", "docs/%s" % dir_name(g)],
        "sh": ["scripts", "tools/scripts", "deploy/scripts"],
        "props": ["config", "src/main/resources" if lang == "java" else "config/%s" % g.choice(["dev", "prod"])],
        "env": [".", "config", "deploy"],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    ap.add_argument("--size-mb", type=float, default=1100.0,
                    help="total size in MB of 10^6 bytes (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--secrets", type=float, default=1.0, help="scale the number of planted secrets")
    ap.add_argument("--manifest", default=None,
                    help="manifest path (default: bench/data/corpus.manifest.json, or <out>.manifest.json "
                         "for another output directory)")
    ap.add_argument("--pool", type=int, default=6000, help="blocks generated per file kind (default: %(default)s)")
    ap.add_argument("--force", action="store_true", help="replace an existing output directory")
    a = ap.parse_args()

    out = os.path.abspath(a.out)
    manifest_path = a.manifest or (DEFAULT_MANIFEST if out == os.path.abspath(DEFAULT_OUT)
                                   else out.rstrip("/") + ".manifest.json")
    if os.path.exists(out):
        if not a.force:
            sys.exit("gen-corpus: %s exists (use --force to replace it)" % out)
        shutil.rmtree(out)
    t0 = time.time()
    rng = random.Random(a.seed)
    g = Gen(rng)
    target = int(a.size_mb * 1e6)

    # block pools
    pools = {}
    for kind, fn in BLOCKS.items():
        pools[kind] = [fn(g) for _ in range(a.pool if kind not in ("env", "props") else a.pool // 3)]
    t_pool = time.time() - t0

    # projects
    n_projects = max(4, int(48 * a.size_mb / 1050.0 + 0.5))
    projects = []
    used_names = set()
    for i in range(n_projects):
        org = rng.choice(ORGS)
        name = rng.choice(PROJ_WORDS)
        while (org, name) in used_names:
            name = "%s-%s" % (rng.choice(PROJ_WORDS), rng.choice(["api", "svc", "core", "web", "worker", "lib"]))
        used_names.add((org, name))
        lang = PROJECT_LANGS[i % len(PROJECT_LANGS)]
        projects.append((org, name, lang, project_dirs(g, lang, org, name.replace("-", "_"))))

    kinds = list(KINDS)
    weights = [KINDS[k][1] for k in kinds]
    # non-source kinds are shared by all projects; source kinds are written where the project's language is;
    # other source kinds land in a tools/ or web/ directory of the project
    plan = []  # (path, kind, size)
    total = 0
    names_seen = set()
    while total < target:
        kind = rng.choices(kinds, weights)[0]
        size = int(math.exp(math.log(KINDS[kind][2]) + SIGMA * rng.gauss(0.0, 1.0)))
        size = max(MIN_SIZE, min(MAX_SIZE, size))
        if total + size > target:
            size = max(MIN_SIZE, target - total)
        org, pname, lang, dirs = rng.choice(projects)
        if kind in ("java", "py", "ts", "js", "go"):
            if kind == lang:
                d = rng.choice(dirs["src"])
            else:
                d = rng.choice(dirs["other"])
        else:
            d = rng.choice(dirs[kind])
        if kind == "env":
            base = rng.choice([".env", ".env.example", ".env.local", "%s.env" % rng.choice(["dev", "staging", "ci"])])
            fname = base
        elif kind == "java":
            fname = g.pascal() + ".java"
        elif kind == "go":
            fname = g.snake() + (".go" if rng.random() < 0.8 else "_test.go")
        elif kind == "md":
            fname = rng.choice(["README", "CHANGELOG", "CONTRIBUTING", "design", "runbook", g.snake()]) + ".md"
        elif kind == "yaml":
            fname = g.snake().replace("_", "-") + rng.choice([".yaml", ".yml"])
        else:
            fname = (g.snake() if kind in ("py", "sh") else g.camel()) + KINDS[kind][0]
        path = "%s-%s/%s/%s" % (org, pname, d, fname)
        path = os.path.normpath(path)
        while path in names_seen:
            if kind == "env":
                path = os.path.join(os.path.dirname(path), "%s.env" % g.snake(g.words(1, 1)).replace("_", "-"))
            else:
                stem, ext = os.path.splitext(path)
                path = "%s_%d%s" % (stem, rng.randint(2, 99), ext)
        names_seen.add(path)
        plan.append((path, kind, size))
        total += size

    # where the secrets go: files of kinds that hold configuration or code, chosen once, deterministically
    plant_kinds = {"github-pat": ["env", "sh", "yaml", "py", "md"], "aws-access-key": ["env", "props", "py", "sh"],
                   "slack-bot-token": ["yaml", "js", "ts", "env"], "stripe-secret-key": ["env", "py", "ts", "java"],
                   "private-key-rsa": ["yaml", "py", "sh", "go"], "google-api-key": ["js", "ts", "yaml", "env"],
                   "gitlab-pat": ["sh", "yaml", "env", "md"], "npm-token": ["env", "sh", "yaml"],
                   "sendgrid-api-key": ["py", "env", "java"], "openai-project-key": ["py", "ts", "env"]}
    by_kind = {}
    for i, (_, kind, _) in enumerate(plan):
        by_kind.setdefault(kind, []).append(i)
    plants = {}  # plan index -> list of (secret kind, value, var name)
    taken = set()
    for skind, count, var in PLANT:
        count = max(1, int(round(count * a.secrets)))
        for _ in range(count):
            fk = rng.choice(plant_kinds[skind])
            i = rng.choice(by_kind[fk])
            while i in taken:
                i = rng.choice(by_kind[fk])
            taken.add(i)
            plants[i] = (skind, make_secret(skind, rng), var)

    # write
    planted = []
    written = 0
    planned = 0
    dirs_made = set()
    for i, (path, kind, size) in enumerate(plan):
        full = os.path.join(out, path)
        d = os.path.dirname(full)
        if d not in dirs_made:
            os.makedirs(d, exist_ok=True)
            dirs_made.add(d)
        stem = os.path.splitext(os.path.basename(path))[0].lstrip(".") or "module"
        ident = "".join(c if c.isalnum() else "_" for c in stem)
        if kind == "java":
            segs = os.path.dirname(path).split("/")
            segs = segs[segs.index("java") + 1:] if "java" in segs else segs[1:]
            pkg = ".".join(p for p in segs if p) or "app"
            head = java_header(g, pkg.replace("-", "_"), stem)
            tail = "}\n"
        elif kind == "py":
            head, tail = py_header(g, path.split("/")[0].split("-", 1)[1].replace("-", "_")), ""
        elif kind in ("js", "ts"):
            head, tail = js_header(g, kind == "ts"), ""
        elif kind == "go":
            head, tail = go_header(g, os.path.basename(os.path.dirname(path)).replace("-", "")), ""
        elif kind == "json":
            head, tail = "[\n", "  {\"end\": true}\n]\n"
        elif kind == "md":
            head, tail = "# %s\n\n%s\n\n" % (stem.replace("_", " ").capitalize(), g.sentence(8, 20)), ""
        elif kind == "sh":
            head, tail = sh_header(g), "main \"$@\"\n"
        elif kind == "yaml":
            head, tail = "# %s\n" % g.comment_text(), ""
        else:
            head, tail = "# %s\n" % g.sentence(3, 8), ""
        # a file ends after the block that reaches its size; take the overshoot so far off this file's size so
        # the tree comes out at the size asked for
        size = max(MIN_SIZE // 2, size - (written - planned))
        planned += plan[i][2]
        parts = [head]
        n = len(head) + len(tail)
        pool = pools[kind]
        choice = rng.choice
        while n < size:
            b = choice(pool)
            parts.append(b)
            n += len(b)
        if i in plants:
            skind, value, var = plants[i]
            at = rng.randint(1, len(parts))
            text = plant_text(skind, value, var, kind)
            parts.insert(at, text)
            line = sum(p.count("\n") for p in parts[:at]) + 1
            if kind == "md":
                line += 1  # after the ```bash fence
            if skind == "private-key-rsa":
                line += {"yaml": 2, "sh": 1, "java": 1}.get(kind, 0)
            planted.append({"kind": skind, "file": path, "line": line, "fileKind": kind})
        parts.append(tail)
        data = "".join(parts).replace("@@", ident)
        with open(full, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
            f.write(data)
        written += len(data)  # ASCII only

    elapsed = time.time() - t0
    all_dirs = set()
    for d in dirs_made:
        while d != out and d not in all_dirs:
            all_dirs.add(d)
            d = os.path.dirname(d)
    counts = {}
    for p in planted:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    manifest = {
        "generator": "bench/gen-corpus.py",
        "seed": a.seed,
        "sizeMiB": a.size_mb,
        "root": out,
        "files": len(plan),
        "directories": len(all_dirs),
        "bytes": written,
        "planted": len(planted),
        "plantedByKind": counts,
        "secrets": sorted(planted, key=lambda p: (p["file"], p["line"])),
    }
    os.makedirs(os.path.dirname(os.path.abspath(manifest_path)), exist_ok=True)
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("gen-corpus: %d files in %d directories, %d bytes (%.2f GB, %.2f GiB) under %s" % (
        len(plan), len(all_dirs), written, written / 1e9, written / 2 ** 30, out))
    print("gen-corpus: planted %d secrets: %s" % (len(planted), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    print("gen-corpus: manifest %s; %.1f s (block pool %.1f s)" % (manifest_path, elapsed, t_pool))


if __name__ == "__main__":
    main()
