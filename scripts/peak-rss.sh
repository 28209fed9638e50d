#!/bin/sh
# Wall time and peak resident memory ("Maximum resident set size" of
# /usr/bin/time -v) of the commands that read a whole dataset, for one or
# more nkru-tui binaries, so that a before and an after run in one sitting:
#
#   cargo build --release --example gen --example index_memory
#   target/release/examples/gen --eras 10000 --paragraphs 5 --entities 100000 \
#       --seed 7 --zipf 4000000 > zipf.toml
#   scripts/peak-rss.sh zipf.toml putin old/nkru-tui target/release/nkru-tui
#
# Each command runs three times; every run is printed (seconds, MB, and the
# peak as a multiple of the file's size). The browser's index (load and the
# whole index, as the browser builds it) is measured by the index_memory
# example: `target/release/examples/index_memory zipf.toml`.
set -eu
if [ $# -lt 3 ]; then
    echo "usage: $0 DATASET NAME BINARY..." >&2
    exit 2
fi
data=$1
name=$2
shift 2
size=$(wc -c < "$data")
for bin in "$@"; do
    for cmd in "check $data" "search $name --data $data" "list --data $data" "show --width 80 --data $data"; do
        for run in 1 2 3; do
            # shellcheck disable=SC2086 # the command's words are meant to split
            /usr/bin/time -f '%e %M' -o /tmp/peak-rss.$$ "$bin" $cmd > /dev/null 2>&1 || true
            read -r secs kb < /tmp/peak-rss.$$
            echo "$bin $cmd: ${secs} s, $((kb / 1000)) MB, $(echo "$kb * 1024 / $size" | bc -l | cut -c1-4)× (run $run)"
        done
    done
done
rm -f /tmp/peak-rss.$$
