#!/bin/sh
# The image's entry point. V8 sizes its heap from the machine's memory, not the container's: under
# load a server in a 512 MB container grew past 1.2 GB and was killed. So the heap limit follows
# the container's memory limit (cgroup v2, else v1): half of it, leaving room for buffers, the
# Prisma query compiler and code. HEAP_MB overrides it; without a limit 256 MB is used.
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null)
case "$limit" in
  '' | max | *[!0-9]*) auto=256 ;;
  *) auto=$((limit / 1048576 / 2)) ;;
esac
# cgroup v1 reports "no limit" as a huge number.
[ "$auto" -gt 65536 ] && auto=256
[ "$auto" -lt 128 ] && auto=128
# exec: node stays PID 1, so it receives SIGTERM from `docker stop` and drains (lib/shutdown.ts).
exec node --max-old-space-size="${HEAP_MB:-$auto}" server.js
