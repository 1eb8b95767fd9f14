# Sourced by the benchmark scripts. speed_probe times a fixed piece of single-threaded work: this machine's cores
# are shared with others (a hypervisor), and the same jar and scenario have measured half and twice the CPU per
# message an hour apart (2026-12-03) while /proc showed little steal. A slower probe beside a slower run says the
# machine, not the change, moved; compare runs only beside probes that agree.
speed_probe() {
  local start end
  start=$(date +%s%N)
  local i=0; while ((i < 500000)); do i=$((i + 1)); done
  end=$(date +%s%N)
  echo "SPEED probe_ms=$(((end - start) / 1000000)) (a fixed shell loop, alone on the machine; lower is faster)"
}
