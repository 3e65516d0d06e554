#!/usr/bin/env bash
# Side-by-side benchmark: `bangtin play` vs Chromium in kiosk mode, both showing
# layouts/district-lcd-1920x1080 at 1920×1080 on the same Xvfb display, one after the other.
#
#   bash bench/player-vs-browser/run.sh            # 60 s each
#   DURATION=15 bash bench/player-vs-browser/run.sh
#
# Environment (all optional):
#   DURATION=60        seconds each program runs (and is measured)
#   SAMPLE=1           seconds between samples of /proc
#   WARMUP=5           seconds left out of the "steady" CPU figure (start-up)
#   SHOT_AT=           second at which to screenshot each program (default DURATION/2; 0 = none)
#   BANGTIN=path       player binary (default .build/release/bangtin; built if missing)
#   BUILD=0            never build the player
#   PLAYER_RENDERER=software   the player's --renderer: software (default; the same kind of
#                      drawing as Chromium's --disable-gpu), auto or accelerated (under Xvfb
#                      that is OpenGL on Mesa's llvmpipe, itself software)
#   PLAYER_ARGS=...    extra arguments for `bangtin play`
#   CHROMIUM=path      browser binary (default: chromium, chromium-browser, google-chrome)
#   CHROMIUM_ARGS=...  extra arguments for the browser
#   SKIP_PLAYER=1 / SKIP_CHROMIUM=1
#   LAYOUT=path        the player's content (default the district layout; another layout needs
#                      SKIP_CHROMIUM=1, since the browser page draws the district layout only);
#                      the p99 target is 4 ms for boards up to 512 px wide (LED), else 16.7 ms
#   OUT=dir            where logs, samples and screenshots go (default a new /tmp folder)
#   STRICT=1           exit 1 if a target is missed
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DISTRICT=layouts/district-lcd-1920x1080/layout.json
LAYOUT_REL=${LAYOUT:-$DISTRICT}
PAGE=$HERE/page.html

DURATION=${DURATION:-60}
SAMPLE=${SAMPLE:-1}
WARMUP=${WARMUP:-5}
SHOT_AT=${SHOT_AT:-$((DURATION / 2))}
BUILD=${BUILD:-1}
PLAYER_RENDERER=${PLAYER_RENDERER:-software}
PLAYER_ARGS=${PLAYER_ARGS:-}
CHROMIUM_ARGS=${CHROMIUM_ARGS:-}
SKIP_PLAYER=${SKIP_PLAYER:-0}
SKIP_CHROMIUM=${SKIP_CHROMIUM:-0}
STRICT=${STRICT:-0}
OUT=${OUT:-$(mktemp -d /tmp/player-vs-browser.XXXXXX)}
mkdir -p "$OUT"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 2; }

[[ $DURATION =~ ^[0-9]+$ ]] && ((DURATION > 0)) || die "DURATION must be a whole number of seconds > 0"
[[ -f $ROOT/$LAYOUT_REL ]] || die "LAYOUT $LAYOUT_REL not found (a path relative to the repository)"
if [[ $LAYOUT_REL != "$DISTRICT" ]] && ((!SKIP_CHROMIUM)); then
  die "the browser page draws $DISTRICT only: set SKIP_CHROMIUM=1 to measure the player on $LAYOUT_REL"
fi
BOARD_WIDTH=$(grep -o '"width": *[0-9]*' "$ROOT/$LAYOUT_REL" | head -n 1 | grep -o '[0-9]*$')
if ((BOARD_WIDTH <= 512)); then P99_TARGET=4; else P99_TARGET=16.7; fi
[[ $SAMPLE =~ ^[0-9]+([.][0-9]{1,6})?$ ]] || die "SAMPLE must be a number of seconds"
((BASH_VERSINFO[0] >= 5)) || die "needs bash 5 (EPOCHREALTIME)"
CLK_TCK=$(getconf CLK_TCK)
SAMPLE_US=$(awk -v s="$SAMPLE" 'BEGIN { printf "%d", s * 1000000 }')
((SAMPLE_US >= 100000)) || die "SAMPLE must be at least 0.1"

# ---------------------------------------------------------------------------------------------
# Tools: install what is missing through apt.

find_chromium() {
  if [[ -n ${CHROMIUM:-} ]]; then command -v "$CHROMIUM" && return 0; return 1; fi
  local c
  for c in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$c" && return 0
  done
  return 1
}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdpyinfo >/dev/null || need+=(x11-utils)
((SKIP_CHROMIUM)) || find_chromium >/dev/null || need+=(chromium)
if ((SHOT_AT > 0)) && ! command -v import >/dev/null && ! command -v xwd >/dev/null; then need+=(x11-apps); fi
if command -v fc-list >/dev/null && [[ -z $(fc-list "Noto Sans" family) ]]; then need+=(fonts-noto-core); fi
if ((${#need[@]})); then
  command -v apt-get >/dev/null || die "missing packages: ${need[*]} (no apt-get here: install them yourself)"
  SUDO=()
  if (($(id -u) != 0)); then SUDO=(sudo); fi
  say "installing: ${need[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
if ((SKIP_CHROMIUM)); then CHROME=; else CHROME=$(find_chromium) || die "no Chromium found"; fi

# ---------------------------------------------------------------------------------------------
# The player: build it if missing, and check that it has `play`.

BIN=${BANGTIN:-$ROOT/.build/release/bangtin}
PLAYER_OK=0
PLAYER_WHY=
if ((SKIP_PLAYER)); then
  PLAYER_WHY="skipped (SKIP_PLAYER=1)"
else
  if [[ ! -x $BIN && -z ${BANGTIN:-} && $BUILD != 0 ]]; then
    if command -v swift >/dev/null; then
      say "building the player: swift build -c release --product bangtin"
      (cd "$ROOT" && swift build -c release --product bangtin) >&2 || say "build failed"
    else
      say "swift is not on PATH: cannot build the player"
    fi
  fi
  if [[ ! -x $BIN ]]; then
    PLAYER_WHY="$BIN not found"
  elif ! "$BIN" play --help 2>&1 | grep -q 'bangtin play'; then
    PLAYER_WHY="$BIN has no 'play' subcommand (rebuild: swift build -c release --product bangtin)"
  else
    PLAYER_OK=1
  fi
fi

# ---------------------------------------------------------------------------------------------
# Cleanup: everything this script starts is remembered by pid and ended by pid.

XVFB_PID=
RUN_PID=
PROFILE_DIR=
cleanup() {
  local p
  if [[ -n $RUN_PID ]]; then
    kill -KILL -- "-$RUN_PID" 2>/dev/null || true
    for p in $(session_members "$RUN_PID"); do kill -KILL "$p" 2>/dev/null || true; done
  fi
  if [[ -n $XVFB_PID ]]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
  if [[ -n $PROFILE_DIR ]]; then rm -rf "$PROFILE_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Sampling /proc with bash built-ins only, so that the sampler itself costs little (it forks
# nothing but `sleep` between samples).

declare -A PARENT=() SESSION=() TICKS=() MARKED=() IS_MARKED=()
# Processes started after MARK_SINCE (clock ticks since boot) whose command line holds one of
# MARKERS belong to the run wherever they sit in the process tree.
MARKERS=() MARK_SINCE=0
boot_ticks() { # sets TICKS_NOW to the clock ticks since boot, as in /proc/PID/stat's start time
  local up _
  read -r up _ </proc/uptime
  TICKS_NOW=$(( ${up%.*} * CLK_TCK + 10#${up#*.} * CLK_TCK / 100 ))
}
# Reads every process's parent, session and CPU ticks (utime + stime) into the maps above, and
# notes (once per process) whether it is marked.
scan_proc() {
  local d p key line rest m
  local -a f args
  PARENT=() SESSION=() TICKS=() IS_MARKED=()
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    { read -r line <"$d/stat"; } 2>/dev/null || continue
    rest=${line##*) }   # the command name may hold spaces and parentheses
    read -r -a f <<<"$rest"
    PARENT[$p]=${f[1]}
    SESSION[$p]=${f[3]}
    TICKS[$p]=$((f[11] + f[12]))
    if ((${#MARKERS[@]} && f[19] >= MARK_SINCE)); then
      key=$p:${f[19]}   # pid and start time: a reused pid is a new process
      if [[ -z ${MARKED[$key]:-} ]]; then
        MARKED[$key]=0
        args=()
        { mapfile -d '' -t args <"$d/cmdline"; } 2>/dev/null || true
        for m in "${MARKERS[@]}"; do
          if [[ "${args[*]}" == *"$m"* ]]; then MARKED[$key]=1; fi
        done
      fi
      IS_MARKED[$p]=${MARKED[$key]}
    fi
  done
}
# Sets MEMBERS to the pids of the tree: the root, everything in its session (each program is
# started in a session of its own), every marked process (Chromium's crash handlers
# double-fork and start sessions of their own) and all their descendants.
members_of() {
  local root=$1 p changed=1
  local -A in=()
  [[ -n ${TICKS[$root]:-} ]] && in[$root]=1
  for p in "${!SESSION[@]}"; do
    if [[ ${SESSION[$p]} == "$root" || ${IS_MARKED[$p]:-0} == 1 ]]; then in[$p]=1; fi
  done
  while ((changed)); do
    changed=0
    for p in "${!PARENT[@]}"; do
      if [[ -z ${in[$p]:-} && -n ${in[${PARENT[$p]}]:-} ]]; then in[$p]=1; changed=1; fi
    done
  done
  MEMBERS=("${!in[@]}")
}
session_members() { scan_proc; members_of "$1"; printf '%s\n' "${MEMBERS[@]}"; }

# proc_kb PID FILE KEY: sets KB to the value (kB) of "KEY: value kB" in /proc/PID/FILE, 0 if none.
proc_kb() {
  local k v _
  KB=0
  { while read -r k v _; do
    if [[ $k == "$3" ]]; then KB=$v; break; fi
  done <"/proc/$1/$2"; } 2>/dev/null || true
}

now_us() { NOW_US=${EPOCHREALTIME//[.,]/}; }

# measure NAME PID T0_US: samples the tree of PID every SAMPLE s until DURATION s after T0_US
# (or until PID exits), then ends it with SIGTERM (SIGKILL after 10 s). Sets R_* globals.
measure() {
  local name=$1 root=$2 t0=$3
  local -A last=()   # pid -> last CPU ticks seen (exited children keep counting)
  local k=0 next rem sleep_s elapsed p total sum_rss pss n shot_done=0 exited=0 xvfb_start
  local csv=$OUT/$name-samples.csv
  echo "t_s,cpu_s,rss_mb,processes" >"$csv"
  R_PEAK_RSS_KB=0 R_PEAK_HWM_KB=0 R_PSS_AT_PEAK_KB=0 R_MAX_PROCS=0
  R_WARM_TICKS= R_WARM_US= R_LAST_US=$t0 R_TICKS=0 R_SHOT=
  scan_proc; xvfb_start=${TICKS[$XVFB_PID]:-0}
  while :; do
    k=$((k + 1))
    next=$((t0 + k * SAMPLE_US))
    ((next > t0 + DURATION * 1000000)) && next=$((t0 + DURATION * 1000000))
    now_us
    rem=$((next - NOW_US))
    if ((rem > 0)); then printf -v sleep_s '%d.%06d' $((rem / 1000000)) $((rem % 1000000)); sleep "$sleep_s"; fi
    if ! kill -0 "$root" 2>/dev/null; then exited=1; break; fi
    scan_proc
    members_of "$root"
    now_us
    elapsed=$((NOW_US - t0))
    total=0 sum_rss=0 n=0
    for p in "${MEMBERS[@]}"; do
      last[$p]=${TICKS[$p]}
      proc_kb "$p" status VmRSS:
      sum_rss=$((sum_rss + KB))
      n=$((n + 1))
      if [[ $p == "$root" ]]; then
        proc_kb "$p" status VmHWM:
        ((KB > R_PEAK_HWM_KB)) && R_PEAK_HWM_KB=$KB
      fi
    done
    for p in "${!last[@]}"; do total=$((total + last[$p])); done
    ((n > R_MAX_PROCS)) && R_MAX_PROCS=$n
    if ((sum_rss > R_PEAK_RSS_KB)); then
      R_PEAK_RSS_KB=$sum_rss
      pss=0
      for p in "${MEMBERS[@]}"; do
        proc_kb "$p" smaps_rollup Pss:
        pss=$((pss + KB))
      done
      R_PSS_AT_PEAK_KB=$pss
    fi
    R_TICKS=$total R_LAST_US=$NOW_US
    if [[ -z $R_WARM_TICKS ]] && ((elapsed >= WARMUP * 1000000)); then R_WARM_TICKS=$total R_WARM_US=$NOW_US; fi
    printf '%d.%03d,%d.%02d,%d.%d,%d\n' $((elapsed / 1000000)) $((elapsed / 1000 % 1000)) \
      $((total / CLK_TCK)) $((total * 100 / CLK_TCK % 100)) $((sum_rss / 1024)) $((sum_rss * 10 / 1024 % 10)) \
      "$n" >>"$csv"
    if ((SHOT_AT > 0 && !shot_done && elapsed >= SHOT_AT * 1000000)); then
      shot_done=1
      screenshot "$name"
    fi
    ((elapsed >= DURATION * 1000000)) && break
  done
  scan_proc; R_XVFB_TICKS=$(( ${TICKS[$XVFB_PID]:-0} - xvfb_start ))
  R_EXITED_EARLY=$exited
  # End it: SIGTERM to the program, then SIGKILL to whatever is left of its session.
  kill -TERM "$root" 2>/dev/null || true
  local waited=0
  while kill -0 "$root" 2>/dev/null && ((waited < 100)); do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$root" 2>/dev/null; then
    say "$name: still running 10 s after SIGTERM, killing it"
    kill -KILL -- "-$root" 2>/dev/null || kill -KILL "$root" 2>/dev/null || true
  fi
  R_STATUS=0
  wait "$root" 2>/dev/null || R_STATUS=$?
  for p in $(session_members "$root"); do kill -KILL "$p" 2>/dev/null || true; done
  RUN_PID=
}

screenshot() {
  local file
  if command -v import >/dev/null; then
    file=$OUT/$1.png
    DISPLAY=:$DISP import -window root "$file" 2>/dev/null && R_SHOT=$file || true
  elif command -v xwd >/dev/null; then
    file=$OUT/$1.xwd
    xwd -display ":$DISP" -root -silent >"$file" 2>/dev/null && R_SHOT=$file || true
  fi
}

# ---------------------------------------------------------------------------------------------
# Xvfb on a free display.

DISP=77
while [[ -e /tmp/.X$DISP-lock || -e /tmp/.X11-unix/X$DISP ]]; do
  DISP=$((DISP + 1))
  ((DISP < 200)) || die "no free X display between :77 and :199"
done
Xvfb ":$DISP" -screen 0 1920x1080x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  xdpyinfo -display ":$DISP" >/dev/null 2>&1 && break
  kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb failed to start: $(cat "$OUT/xvfb.log")"
  sleep 0.1
done
xdpyinfo -display ":$DISP" >/dev/null 2>&1 || die "Xvfb :$DISP did not come up"
export DISPLAY=:$DISP
unset WAYLAND_DISPLAY
say "Xvfb on :$DISP (pid $XVFB_PID); ${DURATION}s per program; output in $OUT"

fmt() { awk -v v="$1" -v d="${2:-1}" 'BEGIN { if (v == "") print "n/a"; else printf "%.*f\n", d, v }'; }

# ---------------------------------------------------------------------------------------------
# 1. bangtin play

P_EARLY=0 P_CPU= P_PCT= P_STEADY= P_RSS= P_PSS= P_P50= P_P99= P_SHOT= P_XVFB= P_STATS=
if ((PLAYER_OK)); then
  say "player: $BIN play $LAYOUT_REL --window borderless --x 0 --y 0 --renderer $PLAYER_RENDERER $PLAYER_ARGS"
  cd "$ROOT"
  now_us; T0=$NOW_US
  # --seconds is a safety net: the run is ended with SIGTERM after DURATION s, like Chromium's,
  # so both are measured over the same window and the frame statistics come from that signal.
  # shellcheck disable=SC2086
  setsid "$BIN" play "$LAYOUT_REL" --window borderless --x 0 --y 0 --seconds $((DURATION + 10)) \
    --renderer "$PLAYER_RENDERER" $PLAYER_ARGS >"$OUT/bangtin.log" 2>&1 &
  RUN_PID=$!
  measure bangtin "$RUN_PID" "$T0"
  P_EARLY=$R_EXITED_EARLY
  ((P_EARLY)) && say "player: exited before ${DURATION}s (status $R_STATUS); see $OUT/bangtin.log"
  P_CPU=$(awk -v t="$R_TICKS" -v hz="$CLK_TCK" 'BEGIN { print t / hz }')
  P_PCT=$(awk -v t="$R_TICKS" -v hz="$CLK_TCK" -v us=$((R_LAST_US - T0)) 'BEGIN { if (us > 0) print 100 * t / hz / (us / 1e6) }')
  if [[ -n $R_WARM_TICKS ]] && ((R_LAST_US > R_WARM_US)); then
    P_STEADY=$(awk -v a="$R_WARM_TICKS" -v b="$R_TICKS" -v hz="$CLK_TCK" -v us=$((R_LAST_US - R_WARM_US)) 'BEGIN { print 100 * (b - a) / hz / (us / 1e6) }')
  fi
  # Peak resident memory: the process's own high-water mark (VmHWM), or the sampled sum if
  # it ever ran as more than one process.
  P_RSS=$(awk -v a="$R_PEAK_HWM_KB" -v b="$R_PEAK_RSS_KB" 'BEGIN { print (a > b ? a : b) / 1024 }')
  P_PSS=$(awk -v a="$R_PSS_AT_PEAK_KB" 'BEGIN { if (a > 0) print a / 1024 }')
  P_XVFB=$(awk -v t="$R_XVFB_TICKS" -v hz="$CLK_TCK" 'BEGIN { print t / hz }')
  P_SHOT=$R_SHOT
  P_STATS=$(grep -E 'p50 [0-9.]+ ?ms' "$OUT/bangtin.log" | tail -n 1 || true)
  if [[ -n $P_STATS ]]; then
    P_P50=$(sed -nE 's/.*p50 ([0-9.]+) ?ms.*/\1/p' <<<"$P_STATS")
    P_P99=$(sed -nE 's/.*p99 ([0-9.]+) ?ms.*/\1/p' <<<"$P_STATS")
  else
    say "player: no 'p50 … ms' line in its log ($OUT/bangtin.log)"
  fi
  sleep 2
else
  say "player: not available — $PLAYER_WHY"
fi

# ---------------------------------------------------------------------------------------------
# 2. Chromium, kiosk mode, software rendering

C_EARLY=0 C_CPU= C_PCT= C_STEADY= C_RSS= C_PSS= C_SHOT= C_XVFB= C_PROCS=
if ((SKIP_CHROMIUM)); then
  say "chromium: skipped (SKIP_CHROMIUM=1)"
else
  PROFILE_DIR=$(mktemp -d /tmp/player-vs-browser-profile.XXXXXX)
  boot_ticks
  MARKERS=("$PROFILE_DIR" chrome_crashpad_handler) MARK_SINCE=$((TICKS_NOW - 1)) MARKED=()
  url="file://${PAGE// /%20}"
  args=(--kiosk --no-first-run --no-default-browser-check --disable-gpu
    --window-position=0,0 --window-size=1920,1080 --user-data-dir="$PROFILE_DIR"
    --noerrdialogs --disable-translate --disable-features=Translate
    --ozone-platform=x11 --password-store=basic --disable-component-update
    --disable-background-networking --disable-session-crashed-bubble --lang=vi)
  if (($(id -u) == 0)); then
    # Root cannot use the sandbox; --test-type hides the "unsupported flag" warning bar,
    # which would otherwise push the page down.
    args+=(--no-sandbox --test-type)
  fi
  say "chromium: $CHROME ${args[*]} $CHROMIUM_ARGS $url"
  now_us; T0=$NOW_US
  # shellcheck disable=SC2086
  setsid "$CHROME" "${args[@]}" $CHROMIUM_ARGS "$url" >"$OUT/chromium.log" 2>&1 &
  RUN_PID=$!
  measure chromium "$RUN_PID" "$T0"
  C_EARLY=$R_EXITED_EARLY
  ((C_EARLY)) && say "chromium: exited before ${DURATION}s (status $R_STATUS); see $OUT/chromium.log"
  C_CPU=$(awk -v t="$R_TICKS" -v hz="$CLK_TCK" 'BEGIN { print t / hz }')
  C_PCT=$(awk -v t="$R_TICKS" -v hz="$CLK_TCK" -v us=$((R_LAST_US - T0)) 'BEGIN { if (us > 0) print 100 * t / hz / (us / 1e6) }')
  if [[ -n $R_WARM_TICKS ]] && ((R_LAST_US > R_WARM_US)); then
    C_STEADY=$(awk -v a="$R_WARM_TICKS" -v b="$R_TICKS" -v hz="$CLK_TCK" -v us=$((R_LAST_US - R_WARM_US)) 'BEGIN { print 100 * (b - a) / hz / (us / 1e6) }')
  fi
  C_RSS=$(awk -v a="$R_PEAK_RSS_KB" 'BEGIN { print a / 1024 }')
  C_PSS=$(awk -v a="$R_PSS_AT_PEAK_KB" 'BEGIN { if (a > 0) print a / 1024 }')
  C_XVFB=$(awk -v t="$R_XVFB_TICKS" -v hz="$CLK_TCK" 'BEGIN { print t / hz }')
  C_PROCS=$R_MAX_PROCS
  C_SHOT=$R_SHOT
  rm -rf "$PROFILE_DIR"; PROFILE_DIR= MARKERS=()
fi

# ---------------------------------------------------------------------------------------------
# Report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.1fx\n", a / b }'; }
verdict() { # $1 awk condition over a and b, $2 a, $3 b
  awk -v a="$2" -v b="$3" "BEGIN { if (a == \"\" || b == \"\") print \"n/a\"; else if ($1) print \"PASS\"; else print \"FAIL\" }"
}

V_CPU=$(verdict 'a * 10 <= b' "$P_CPU" "$C_CPU")
V_MEM=$(verdict 'a * 5 <= b' "$P_RSS" "$C_RSS")
if ((P_EARLY || C_EARLY)); then V_CPU="n/a (a program exited early)" V_MEM=$V_CPU; fi
V_P99=$(verdict "a < $P99_TARGET" "$P_P99" 0)

{
  echo
  echo "bangtin play vs Chromium kiosk — $LAYOUT_REL, Xvfb :$DISP 1920×1080 (software rendering), ${DURATION}s each"
  ((PLAYER_OK)) && echo "player: --renderer $PLAYER_RENDERER; $(grep -oE '[a-z0-9]+ (\([A-Z0-9_]+\) )?renderer, vsync [a-z]+' "$OUT/bangtin.log" | head -n 1)"
  echo "$(nproc) CPUs: $(sed -nE 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
  [[ -n $CHROME ]] && echo "$("$CHROME" --version 2>/dev/null | tail -n 1)"
  echo
  printf '%-10s %10s %10s %12s %13s %13s %10s %10s\n' "" "CPU s" "CPU %" "steady %" "peak RSS MB" "PSS@peak MB" "p50 ms" "p99 ms"
  printf '%-10s %10s %10s %12s %13s %13s %10s %10s\n' "bangtin" "$(fmt "$P_CPU" 2)" "$(fmt "$P_PCT")" "$(fmt "$P_STEADY")" \
    "$(fmt "$P_RSS")" "$(fmt "$P_PSS")" "$(fmt "$P_P50" 2)" "$(fmt "$P_P99" 2)"
  printf '%-10s %10s %10s %12s %13s %13s %10s %10s\n' "chromium" "$(fmt "$C_CPU" 2)" "$(fmt "$C_PCT")" "$(fmt "$C_STEADY")" \
    "$(fmt "$C_RSS")" "$(fmt "$C_PSS")" "" ""
  echo
  echo "CPU %: of one core over the whole run; steady %: after the first ${WARMUP}s (start-up left out)."
  echo "Chromium: CPU summed over its whole process tree (up to ${C_PROCS:-?} processes), RSS summed per sample"
  echo "(shared pages counted once per process, so PSS is the fairer memory figure)."
  [[ -n $P_STATS ]] && echo "player's own line: ${P_STATS#*] }"
  echo "X server (Xvfb) CPU while each ran: bangtin $(fmt "$P_XVFB" 2) s, chromium $(fmt "$C_XVFB" 2) s (not in the figures above)"
  ((PLAYER_OK)) || echo "player: not available — $PLAYER_WHY"
  echo
  printf '%-28s %10s   %-28s %s\n' "chromium / bangtin" "ratio" "target" "result"
  printf '%-28s %10s   %-28s %s\n' "CPU seconds" "$(ratio "$C_CPU" "$P_CPU")" "bangtin <= 1/10 of chromium" "$V_CPU"
  printf '%-28s %10s   %-28s %s\n' "CPU, steady" "$(ratio "$C_STEADY" "$P_STEADY")" "(for information)" ""
  printf '%-28s %10s   %-28s %s\n' "peak memory (RSS)" "$(ratio "$C_RSS" "$P_RSS")" "bangtin <= 1/5 of chromium" "$V_MEM"
  printf '%-28s %10s   %-28s %s\n' "peak memory (PSS)" "$(ratio "$C_PSS" "$P_PSS")" "(for information)" ""
  printf '%-28s %10s   %-28s %s\n' "bangtin frame time p99" "$(fmt "$P_P99" 2)${P_P99:+ ms}" "< $P99_TARGET ms" "$V_P99"
  echo
  [[ -n $P_SHOT ]] && echo "screenshot, bangtin:  $P_SHOT"
  [[ -n $C_SHOT ]] && echo "screenshot, chromium: $C_SHOT"
  echo "logs and per-second samples: $OUT"
} | tee "$OUT/results.txt"

if ((STRICT)) && [[ "$V_CPU $V_MEM $V_P99" != "PASS PASS PASS" ]]; then exit 1; fi
exit 0
