#!/usr/bin/env bash
# Screenshots of nkru-tui in each terminal family, to look at by eye (not run by CI).
#
# usage: scripts/terminal-matrix.sh [OUT_DIR] [-- extra term-matrix options]
# Needs the term-matrix tool (TERM_MATRIX, default: term-matrix on PATH), which runs
# the terminals under Xvfb and installs them with apt-get.
# Runs the twelve terminals with the embedded article, locally and as through ssh
# (only TERM, LANG and PATH reach the program), then tmux with allow-passthrough
# on, then docs/example-en.toml and tests/fixtures/mixed.toml (set DATASETS=""
# to skip them, or TERMINALS to a shorter list). The arabic-keys runs show the finder
# with an Arabic query, then F2 there (the "help" picture) and back (the "exit" one).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/nkru-terminal-matrix}; shift || true
[ "${1:-}" = "--" ] && shift
TM=${TERM_MATRIX:-term-matrix}
DISPLAY_NUM=${DISPLAY_NUM:-:93}
TERMINALS=${TERMINALS:-"xterm vte konsole mlterm kitty qterminal alacritty urxvt st zutty tmux-xterm tmux-vte"}
DATASETS=${DATASETS-"docs/example-en.toml tests/fixtures/mixed.toml"}
cargo build --release
conf=$(mktemp)
# A tmux server of our own: term-matrix names its sockets after the terminal
# only, and a server left from another run would be joined without reading
# --tmux-conf.
export TMUX_TMPDIR; TMUX_TMPDIR=$(mktemp -d)
cleanup() {
  rm -f "$conf"
  for socket in "$TMUX_TMPDIR"/tmux-*/*; do
    [ -S "$socket" ] && tmux -S "$socket" kill-server 2>/dev/null || true
  done
  rm -rf "$TMUX_TMPDIR"
}
trap cleanup EXIT
echo "set -g allow-passthrough on" > "$conf"
# term-matrix can exit non-zero after writing every picture (a terminal that
# does not close cleanly); go on to the next run and say so at the end.
failed=0
run() { "$TM" --display "$DISPLAY_NUM" "$@" || { echo "term-matrix exited with $?: $*" >&2; failed=1; }; }
run --out "$OUT/default" --terminals "$TERMINALS" "$@"
run --out "$OUT/ssh" --terminals "$TERMINALS" --ssh "$@"
# Scenes term-matrix cannot type: an Arabic query in the finder, F2 there and back
# (scene-keys.py turns the finder's "gorba" into غوربا, help's "?" and exit's "q" into F2).
keys=(--bin scripts/scene-keys.py --args "arabic $PWD/target/release/nkru-tui" --scenes "finder help exit")
run --out "$OUT/arabic-keys" --terminals "$TERMINALS" "${keys[@]}" "$@"
run --out "$OUT/arabic-keys-ssh" --terminals "$TERMINALS" --ssh "${keys[@]}" "$@"
run --out "$OUT/passthrough" --terminals "tmux-xterm tmux-vte" --tmux-conf "$conf" "$@"
run --out "$OUT/passthrough-ssh" --terminals "tmux-vte" --tmux-conf "$conf" --ssh "$@"
for data in $DATASETS; do
  name=$(basename "$data" .toml)
  run --out "$OUT/$name" --terminals "$TERMINALS" --args "--data $PWD/$data" "$@"
  run --out "$OUT/$name-ssh" --terminals "$TERMINALS" --ssh --args "--data $PWD/$data" "$@"
done
echo "screenshots in $OUT: open every one and look."
exit "$failed"
