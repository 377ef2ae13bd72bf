#!/bin/sh
# keywarden @HOOK@ hook: stops secrets before they leave this machine.
# Installed by `keywarden hook install`; `keywarden hook uninstall` removes it and puts back any hook it chained.
# To skip it once, knowingly: KEYWARDEN_SKIP=1 git commit ... (or git commit --no-verify); CI still scans.
# keywarden-hook-version: 1
hook=@HOOK@
java=@JAVA@
classpath=@CLASSPATH@
archive=@ARCHIVE@
global=@GLOBAL@

hooks_dir=$(dirname -- "$0")
if [ "$hook" = pre-push ]; then
    # git writes the refs being pushed on standard input: every hook in the chain gets them
    input=$(cat)
fi

# run COMMAND...: with the pushed refs on standard input for pre-push
run() {
    if [ "$hook" = pre-push ]; then
        printf '%s\n' "$input" | "$@"
    else
        "$@"
    fi
}

# the hook that was here before keywarden runs first, as it did before; its failure still blocks
if [ -x "$hooks_dir/$hook.keywarden-chained" ]; then
    run "$hooks_dir/$hook.keywarden-chained" "$@" || exit $?
fi
if [ "$global" = 1 ]; then
    # a global hooks path hides each repository's own hooks: run this repository's hook too
    local_hooks=$(git rev-parse --git-common-dir 2>/dev/null)/hooks
    if [ -x "$local_hooks/$hook" ] &&
        [ "$(cd -- "$local_hooks" && pwd -P)" != "$(cd -- "$hooks_dir" && pwd -P)" ]; then
        run "$local_hooks/$hook" "$@" || exit $?
    fi
fi

if [ "${KEYWARDEN_SKIP:-0}" = 1 ]; then
    echo "keywarden: KEYWARDEN_SKIP=1: the secret scan was skipped for this $hook (the CI scan will still run)" >&2
    exit 0
fi

present=0
if [ -x "$java" ] && [ -n "$classpath" ]; then
    present=1
    old_ifs=$IFS
    IFS=:
    set -f
    for entry in $classpath; do
        [ -e "$entry" ] || present=0
    done
    set +f
    IFS=$old_ifs
fi

# the JVM options suit a run of a tenth of a second: C1 only, with one compiler thread (measured: fewer cycles
# than two on two cores), the serial collector, no perf-data file
if [ "$present" = 1 ]; then
    jar=${classpath%%:*}
    if [ -z "$archive" ]; then
        run "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -XX:-UsePerfData -cp "$classpath" \
            dev.keywarden.cli.Main hook run "$hook" "$@"
        exit $?
    fi
    if [ -f "$archive" ] && [ -f "$archive.stamp" ] && read -r stamp < "$archive.stamp" &&
        [ "$stamp" = "$(ls -ln -- "$jar")" ]; then
        run "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -XX:-UsePerfData -Xshare:auto \
            "-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$classpath" \
            dev.keywarden.cli.Main hook run "$hook" "$@"
        exit $?
    fi
    # no archive yet, or one made from another jar: this run records the classes it loads for the next ones
    if [ ! -f "$archive.off" ] && mkdir -p "$(dirname -- "$archive")" 2>/dev/null &&
        [ -w "$(dirname -- "$archive")" ]; then
        status=0
        run "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -XX:-UsePerfData \
            "-XX:ArchiveClassesAtExit=$archive.$$" \
            -Xlog:disable -Xlog:all=error:stderr -cp "$classpath" dev.keywarden.cli.Main hook run "$hook" "$@" ||
            status=$?
        if [ -f "$archive.$$" ]; then
            # the archive is valid for this jar only (the JVM checks its size and time): remember which one
            { mv -f "$archive.$$" "$archive" && ls -ln -- "$jar" > "$archive.stamp"; } 2>/dev/null ||
                rm -f "$archive.$$"
            exit "$status"
        fi
        # no archive: a JVM that cannot make one (no base CDS archive) stops before running keywarden, so run
        # it again plainly; and do not try again (hook install clears this)
        echo "this JVM made no class-data archive for $jar" > "$archive.off" 2>/dev/null
        [ "$status" = 0 ] && exit 0
    fi
    run "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -XX:-UsePerfData -cp "$classpath" \
        dev.keywarden.cli.Main hook run "$hook" "$@"
    exit $?
fi

if command -v keywarden >/dev/null 2>&1; then
    run keywarden hook run "$hook" "$@"
    exit $?
fi

cat >&2 <<MESSAGE
keywarden: the $hook secret scan cannot run: keywarden was not found.
  It was installed from:  $java -cp $classpath
  and there is no 'keywarden' on PATH either.
To fix it, install keywarden again and re-run 'keywarden hook install' in this repository
(or put keywarden's bin/ directory on PATH).
To go ahead without the scan, knowingly: KEYWARDEN_SKIP=1 git ... (or git commit/push --no-verify);
the CI scan will still see any secret.
MESSAGE
exit 1
