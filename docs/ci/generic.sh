# keywarden in any CI: scan the whole history and fail only on secrets that are not in the baseline.
# Run at the repository's root with keywarden on PATH; leaves keywarden-report.json for the job's artifacts.
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  git fetch --quiet --unshallow
fi
set -- git . --format json --output keywarden-report.json --no-progress
if [ -f .keywarden-baseline.json ]; then
  set -- "$@" --baseline .keywarden-baseline.json
fi
status=0
keywarden "$@" || status=$?
case "$status" in
  0) echo "keywarden: no new secrets" ;;
  1) echo "keywarden: new secrets, see keywarden-report.json; remove them (and rotate them), or accept them" \
       "with 'keywarden baseline update' and commit the baseline" >&2 ;;
  *) echo "keywarden: the scan failed (exit $status)" >&2 ;;
esac
exit "$status"
