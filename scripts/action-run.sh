#!/usr/bin/env bash
# The shell steps of the prdlint GitHub Action (action.yml). They read the action's inputs
# from environment variables only, so they run the same outside GitHub Actions (and in tests).
#
#   action-run.sh install  pip-install prdlint from PRDLINT_ACTION_PATH (the action's checkout)
#   action-run.sh run      run prdlint check; write exit-code (and sarif-file) to $GITHUB_OUTPUT
#   action-run.sh finish   exit with PRDLINT_EXIT_CODE (after the SARIF upload step)
#
# Inputs: PRDLINT_PATHS    files or folders, separated by spaces (default ".")
#         PRDLINT_ARGS     more options for prdlint check, separated by spaces
#         PRDLINT_DIFF_BASE  git ref for --diff; empty: the pull request's base
#                          ($GITHUB_BASE_REF, as origin/<base> when only that exists);
#                          "none": check every line
#         PRDLINT_FORMAT   github (annotations) or sarif
#         PRDLINT_SARIF_FILE  where the SARIF log goes (default prdlint.sarif)
#         PRDLINT_PYTHON   the Python that has prdlint (default python)
# Paths and options are split on whitespace and never glob-expanded.
set -euo pipefail

python_bin="${PRDLINT_PYTHON:-python}"

fail() {
  echo "prdlint action: $*" >&2
  exit 2
}

resolves() {
  git rev-parse --verify --quiet "$1^{commit}" >/dev/null 2>&1
}

diff_base() {
  local base="${PRDLINT_DIFF_BASE:-}"
  if [[ "$base" == "none" ]]; then
    return 0
  fi
  if [[ -z "$base" ]]; then
    base="${GITHUB_BASE_REF:-}"
  fi
  if [[ -n "$base" ]] && ! resolves "$base" && resolves "origin/$base"; then
    base="origin/$base"
  fi
  printf '%s' "$base"
}

output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

install() {
  local path="${PRDLINT_ACTION_PATH:-}"
  [[ -n "$path" ]] || fail "PRDLINT_ACTION_PATH (the action's checkout, github.action_path) is not set"
  "$python_bin" -m pip install --disable-pip-version-check --quiet "$path"
}

run() {
  local format="${PRDLINT_FORMAT:-github}" sarif="" base code
  local -a paths args cmd
  set -f
  # shellcheck disable=SC2206  # word splitting is the point; globbing is off
  paths=(${PRDLINT_PATHS:-.})
  # shellcheck disable=SC2206
  args=(${PRDLINT_ARGS:-})
  set +f
  cmd=("$python_bin" -m prdlint check)
  base="$(diff_base)"
  if [[ -n "$base" ]]; then
    cmd+=(--diff "$base")
  fi
  case "$format" in
    github) cmd+=(--format github) ;;
    sarif)
      sarif="${PRDLINT_SARIF_FILE:-prdlint.sarif}"
      cmd+=(--format sarif --output-file "$sarif")
      ;;
    *) fail "format must be 'github' or 'sarif', not '$format'" ;;
  esac
  cmd+=(${args[@]+"${args[@]}"} -- "${paths[@]}")
  set +e
  "${cmd[@]}"
  code=$?
  set -e
  output exit-code "$code"
  if [[ "$format" == "sarif" && ( "$code" == 0 || "$code" == 1 ) ]]; then
    output sarif-file "$sarif"
    exit 0 # the findings fail the job in the finish step, after the upload
  fi
  exit "$code"
}

finish() {
  exit "${PRDLINT_EXIT_CODE:-0}"
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  finish) finish ;;
  *) fail "usage: action-run.sh install|run|finish" ;;
esac
