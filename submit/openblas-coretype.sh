# Sourced by the launch scripts. OpenBLAS picks its kernels from the CPU's model name; on a virtual
# machine whose model it does not know it falls back to its oldest x86-64 kernels (measured: sgemm at
# 37 GFLOP/s against 187.5 with the AVX-512 ones, docs/BENCHMARKS.md). When OPENBLAS_CORETYPE is not
# set, choose the kernels from the CPU's vector extensions instead; a value set by the user is kept.
# The scripts pass it to every executor (spark.executorEnv), so a run computes with one set of
# kernels. On a cluster whose nodes differ from the submitting machine, set OPENBLAS_CORETYPE yourself.
openblas_coretype() {
  local flags
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
  if [[ $flags == *" avx512f "* && $flags == *" avx512bw "* && $flags == *" avx512vl "* && $flags == *" avx512dq "* \
        && $flags == *" avx512cd "* ]]; then
    echo SkylakeX
  elif [[ $flags == *" avx2 "* && $flags == *" fma "* ]]; then
    echo Haswell
  elif [[ $flags == *" avx "* ]]; then
    echo Sandybridge
  fi
}
if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
  OPENBLAS_CORETYPE="$(openblas_coretype)"
  if [[ -n "$OPENBLAS_CORETYPE" ]]; then export OPENBLAS_CORETYPE; else unset OPENBLAS_CORETYPE; fi
fi
