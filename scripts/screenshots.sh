#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from a real terminal: xterm with DejaVu Sans Mono
# on a virtual X display (Xvfb), keys sent with xdotool.
#
# usage: scripts/screenshots.sh [--display :N] [--out DIR] [--size COLSxROWS] [--no-build]
#   --display   X display for Xvfb (default :93; must be free)
#   --out       where the PNGs go (default docs/screenshots)
#   --size      terminal size in cells (default 100x30)
#   --no-build  use target/release/nkru-tui as it is
#
# Installs what it lacks with apt-get (Debian/Ubuntu): xvfb xterm xdotool x11-apps netpbm
# optipng pngquant fonts-dejavu-core. Not run by CI. Each scene waits for the screen to
# settle (two identical captures in a row) rather than for a fixed time. KEEP_WORK=1 keeps
# the work directory (the terminals' logs and the program's stderr) for a look afterwards.
#
# Scenes:
#   start.png    the start screen of the embedded (Arabic) dataset
#   finder.png   the finder, opened with /, with a query typed
#   jump.png     after Enter: the era that mentions the name, the mention highlighted
#   english.png  docs/example-en.toml, an English dataset: English interface, left to right,
#                at its last era (English text with a word of Arabic in it)
#   justified.png  the eighties with kashida justification (J twice: spaces, then kashida),
#                each line but a paragraph's last filled to the column with tatweels and spaces
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

DISP=:93 OUT=docs/screenshots SIZE=100x30 BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --display) DISP=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "screenshots.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
COLS=${SIZE%x*} ROWS=${SIZE#*x}
T0=$SECONDS
say() { printf 'screenshots.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# --- packages -------------------------------------------------------------------------
need=()
for p in Xvfb:xvfb xterm:xterm xdotool:xdotool xwd:x11-apps xwdtopnm:netpbm pnmtopng:netpbm \
  optipng:optipng pngquant:pngquant; do
  command -v "${p%%:*}" >/dev/null 2>&1 || need+=("${p#*:}")
done
fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' || need+=(fonts-dejavu-core fontconfig)
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "installing: ${need[*]}"
  t=$SECONDS
  # Another apt-get may hold the lock: wait for it rather than fail.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  say "apt-get took $((SECONDS - t)) s"
fi

# --- the program ----------------------------------------------------------------------
BIN=$ROOT/target/release/nkru-tui
if [ $BUILD = 1 ]; then
  t=$SECONDS
  cargo build --release --locked --quiet
  say "release build took $((SECONDS - t)) s"
fi
[ -x "$BIN" ] || die "no program at $BIN (run without --no-build)"

# --- the display ----------------------------------------------------------------------
n=${DISP#:}
[ -e "/tmp/.X$n-lock" ] && die "display $DISP is in use (choose another with --display)"
WORK=$(mktemp -d /tmp/nkru-screenshots.XXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP_WORK:-}" ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
Xvfb "$DISP" -screen 0 1600x1000x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$DISP
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
xdotool getdisplaygeometry >/dev/null 2>&1 || die "Xvfb did not start on $DISP (see $WORK/xvfb.log)"
mkdir -p "$OUT"

# --- one terminal session ---------------------------------------------------------------
# start_session NAME ARGS...: an xterm whose shell waits for $WORK/NAME.go, then runs the
# program with its own empty state and config directories. Sets WIN.
start_session() {
  local name=$1; shift
  local run=$WORK/$name.sh
  {
    echo '#!/usr/bin/env bash'
    echo 'export LANG=C.UTF-8 LC_ALL=C.UTF-8; unset NKRU_BIDI NO_COLOR'
    echo "export XDG_STATE_HOME=$WORK/$name-state XDG_CONFIG_HOME=$WORK/$name-config"
    echo "while [ ! -e $WORK/$name.go ]; do sleep 0.05; done"
    printf '%q' "$BIN"
    [ $# -eq 0 ] || printf ' %q' "$@"
    echo " 2>$WORK/$name.err"
    echo "echo \"exit status \$?\" >>$WORK/$name.err"
  } >"$run"
  SESSION=$name
  xterm -class NkruShot -geometry "${COLS}x${ROWS}+0+0" -fa 'DejaVu Sans Mono' -fs 12 \
    -bg '#1c1c1c' -fg '#d0d0d0' -b 6 +sb -xrm 'XTerm*cursorBlink: false' \
    -e bash "$run" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  SESSION_PID=$!
  WIN=""
  for _ in $(seq 200); do
    WIN=$(xdotool search --onlyvisible --pid "$SESSION_PID" 2>/dev/null | tail -1) || true
    [ -n "$WIN" ] && break
    sleep 0.1
  done
  [ -n "$WIN" ] || die "no xterm window for $name: $(cat "$WORK/$name.log")"
  xdotool windowfocus --sync "$WIN" 2>/dev/null || true
  xdotool mousemove 1590 990 # the pointer out of the picture
  capture # the empty terminal: what "changed" is measured against
  touch "$WORK/$name.go"
}

# capture: the window's pixels into $WORK/cur.xwd; prints their checksum.
capture() {
  if ! xwd -silent -id "$WIN" >"$WORK/cur.xwd" 2>/dev/null; then
    die "the terminal closed: $(cat "$WORK/$SESSION.err" 2>/dev/null)"
  fi
  LAST=$(md5sum <"$WORK/cur.xwd")
}

# settle [any]: waits until the window differs from the last capture (unless "any") and
# then stays the same for two captures in a row (at most about 20 s).
settle() {
  local before=$LAST prev="" i
  [ "${1:-}" = any ] && before=""
  for i in $(seq 80); do
    sleep 0.25
    capture
    if [ "$LAST" != "$before" ] && [ "$LAST" = "$prev" ]; then return 0; fi
    prev=$LAST
  done
  die "the screen did not settle in $SESSION (after $i captures): $(cat "$WORK/$SESSION.err" 2>/dev/null)"
}

# shot NAME: the settled window as $OUT/NAME.png, optimized. Before the capture the window
# is unmapped and mapped again so that xterm repaints it whole: xterm leaves behind the
# pixels of a glyph that overhangs its cell (DejaVu Sans Mono's Arabic comma does) when
# the cell is overwritten, until the next full repaint.
shot() {
  settle
  xdotool windowunmap --sync "$WIN" && xdotool windowmap --sync "$WIN"
  xdotool windowfocus --sync "$WIN" 2>/dev/null || true
  settle any
  local png=$OUT/$1.png
  xwdtopnm <"$WORK/cur.xwd" 2>/dev/null | pnmtopng >"$png" 2>/dev/null
  pngquant --force --skip-if-larger --quality 70-95 --speed 1 --output "$png" "$png" || true
  optipng -quiet -o2 "$png"
  echo "$png"
}

keys() { # keys KEYSYM...: sends keys to the focused terminal, then lets the program react
  xdotool key --delay 80 "$@"
}

# end_session: quits the program (its terminal closes with it), else kills the terminal.
end_session() {
  keys Escape q
  for _ in $(seq 50); do
    kill -0 "$SESSION_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill "$SESSION_PID" 2>/dev/null || true
  wait "$SESSION_PID" 2>/dev/null || true
}

t=$SECONDS
start_session arabic
shot start
keys slash
settle
xdotool type --delay 120 'بوتين'
shot finder
keys Return
shot jump
end_session

start_session english --data "$ROOT/docs/example-en.toml"
settle
keys End # the last era, whose text mixes in a word of Arabic
shot english
end_session
start_session justified --era 1980s
settle
keys J J # none -> spaces -> kashida
shot justified
end_session
say "screenshots took $((SECONDS - t)) s; total $((SECONDS - T0)) s"
du -ch "$OUT"/*.png | tail -1 >&2
