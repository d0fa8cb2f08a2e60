# security.cmake -- the promises of docs/security.md, checked from the
# outside.  Included from tests/CMakeLists.txt.
#
#   security.hostile_batch   hostile plans mixed with a sound one: exit 2,
#                            errors with path and line, a full report for the
#                            sound plan, valid JSON (tests/hostile/check_batch.sh)
#   security.hostile_rules   --rules tests/hostile-rules: exit 3, every rule
#                            stopped by name, file, line and limit; the batch
#                            goes on and the good rule still reports
#   security.output_atomic   --output FILE never leaves a partial FILE or a
#                            FILE.tmp.* behind, replaces by rename
#   sanitizers  (heavy)      a nested ASan+UBSan build (clang) in
#                            ${CMAKE_BINARY_DIR}/asan running this whole suite
#                            but the heavy tests
#   fuzz        (heavy)      a nested HOGO_FUZZ build in ${CMAKE_BINARY_DIR}/fuzz;
#                            each harness runs ~45 s on a copy of the seed corpus
#   valgrind    (heavy)      hogo check on fixtures/ and tests/hostile/ under
#                            memcheck: zero errors, zero definite/indirect leaks
#
# The heavy tests carry LABELS heavy and a TIMEOUT; `ctest -LE heavy` skips
# them.  A heavy test whose tool is genuinely absent (clang and its libFuzzer
# runtime, valgrind) says so and exits 77, which ctest shows as skipped.
# On Debian: apt-get install -y clang libclang-rt-14-dev valgrind python3

find_program(HOGO_SEC_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT HOGO_SEC_PYTHON3)
  find_program(HOGO_SEC_PYTHON3 NAMES python3)
endif()
find_program(HOGO_SEC_CLANG NAMES clang clang-14)
find_program(HOGO_SEC_VALGRIND NAMES valgrind)
set(HOGO_CHECK_BATCH ${CMAKE_CURRENT_SOURCE_DIR}/hostile/check_batch.sh)

# The unit tests of the sandbox and of hostile plans must end in seconds:
# a hang is a failure, not a wait.
set_tests_properties(unit.test_sandbox unit.test_hostile_plans PROPERTIES TIMEOUT 180 LABELS security)

# ---- hogo check on hostile input ----------------------------------------------
if(HOGO_SEC_PYTHON3)
  add_test(NAME security.hostile_batch
    COMMAND sh ${HOGO_CHECK_BATCH} batch $<TARGET_FILE:hogo> ${HOGO_SEC_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/hostile
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  add_test(NAME security.hostile_rules
    COMMAND sh ${HOGO_CHECK_BATCH} rules $<TARGET_FILE:hogo> ${HOGO_SEC_PYTHON3}
            tests/hostile-rules tests/hostile/sound.json fixtures/schema/shiki-r2-3-5-line.json
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  add_test(NAME security.output_atomic
    COMMAND sh ${HOGO_CHECK_BATCH} output $<TARGET_FILE:hogo> ${HOGO_SEC_PYTHON3} tests/hostile/sound.json
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  foreach(t hostile_batch hostile_rules output_atomic)
    add_test(NAME security.${t} COMMAND sh -c "echo 'SKIP: no python3 found (apt-get install -y python3)'; exit 77")
  endforeach()
endif()
set_tests_properties(security.hostile_batch security.hostile_rules security.output_atomic
  PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77 LABELS security)

# ---- sanitizers: the whole suite under ASan+UBSan ------------------------------
# The nested build has its own copy of these tests; it runs all of them but
# the heavy ones (and never itself).
set(HOGO_SEC_NOT_HEAVY "^(sanitizers|fuzz|valgrind)$")
if(HOGO_SEC_CLANG)
  add_test(NAME sanitizers
    COMMAND sh -c [[
set -e
start=$(date +%s)
"$1" -S "$2" -B "$3" -DHOGO_SANITIZE=ON -DCMAKE_C_COMPILER="$4" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$3.configure.log" 2>&1 ||
  { cat "$3.configure.log"; exit 1; }
"$1" --build "$3" -j2 > "$3.build.log" 2>&1 || { tail -50 "$3.build.log"; exit 1; }
echo "sanitizers: nested ASan+UBSan build in $(( $(date +%s) - start )) s"
cd "$3"
# quarantine_size_mb: ASan keeps freed blocks (256 MB by default) out of reuse, and
# test_sandbox's regex-resources check counts RSS growth over plans: a rule compiling 4,000
# patterns a plan frees every one, and with the default quarantine the freed blocks read as
# 73 MB of growth.  32 MB keeps use-after-free detection and the check meaningful.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:quarantine_size_mb=32 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$5" --output-on-failure -j2 -LE heavy -E "$6"
echo "sanitizers: done in $(( $(date +%s) - start )) s"
]] sh ${CMAKE_COMMAND} ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/asan ${HOGO_SEC_CLANG} ${CMAKE_CTEST_COMMAND}
       "${HOGO_SEC_NOT_HEAVY}")
else()
  add_test(NAME sanitizers COMMAND sh -c "echo 'SKIP: clang not found (apt-get install -y clang); no ASan+UBSan run'; exit 77")
endif()

# ---- fuzz: each harness ~45 s on the seed corpus --------------------------------
# Seeds: every plan of fixtures/ and tests/hostile/, copied to a fresh
# directory so nothing is written into the source tree.  A crash, a leak, a
# sanitizer report or a timeout fails the test and leaves the input in
# ${CMAKE_BINARY_DIR}/fuzz/artifacts/ (make it a case of test_hostile_plans.c).
set(HOGO_FUZZ_SECONDS 45 CACHE STRING "seconds each fuzzer runs in the fuzz ctest")
if(HOGO_SEC_CLANG)
  add_test(NAME fuzz
    COMMAND sh -c [[
cmake="$1" src="$2" dir="$3" cc="$4" secs="$5"
start=$(date +%s)
"$cmake" -S "$src" -B "$dir" -DHOGO_FUZZ=ON -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$dir.configure.log" 2>&1 ||
  { cat "$dir.configure.log"; exit 1; }
if ! "$cmake" --build "$dir" -j2 --target fuzz_plan_load fuzz_screen fuzz_api > "$dir.build.log" 2>&1; then
  if grep -q "libclang_rt.fuzzer\|fsanitize=fuzzer" "$dir.build.log"; then
    tail -20 "$dir.build.log"
    echo "SKIP: clang has no libFuzzer runtime (apt-get install -y libclang-rt-14-dev)"; exit 77
  fi
  tail -50 "$dir.build.log"; exit 1
fi
echo "fuzz: harnesses built in $(( $(date +%s) - start )) s"
work=$(mktemp -d "${TMPDIR:-/tmp}/hogo-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$dir/artifacts"
find "$src/fixtures" "$src/tests/hostile" -name '*.json' -size -64k -exec cp {} "$work/seeds/" \;
echo "fuzz: $(ls "$work/seeds" | wc -l) seeds"
status=0
for h in fuzz_plan_load fuzz_screen fuzz_api; do
  mkdir -p "$work/$h"
  cp "$work/seeds/"* "$work/$h/"
  t0=$(date +%s)
  if "$dir/fuzz/$h" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
       -dict="$src/fuzz/plan.dict" -artifact_prefix="$dir/artifacts/$h-" -print_final_stats=1 \
       "$work/$h" > "$work/$h.log" 2>&1; then
    echo "fuzz: $h ran $(( $(date +%s) - t0 )) s: $(grep -E '^stat::number_of_executed_units' "$work/$h.log" | tr -d ' ') $(grep -E '^stat::peak_rss_mb' "$work/$h.log" | tr -d ' ')"
  else
    echo "fuzz: $h FAILED after $(( $(date +%s) - t0 )) s; input in $dir/artifacts/"
    tail -60 "$work/$h.log"
    status=1
  fi
done
exit $status
]] sh ${CMAKE_COMMAND} ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/fuzz ${HOGO_SEC_CLANG} ${HOGO_FUZZ_SECONDS})
else()
  add_test(NAME fuzz COMMAND sh -c "echo 'SKIP: clang not found (apt-get install -y clang libclang-rt-14-dev); not fuzzed'; exit 77")
endif()

# ---- valgrind: the seed plans through the real program ---------------------------
# --error-exitcode=1 collides with hogo's own exit 1 (findings), so the
# verdict is read from memcheck's log: zero errors, nothing definitely or
# indirectly lost, and hogo itself ended normally (exit 0..3).
# HOGO_REGEX_JIT=0: PCRE2's JIT code reads 16 bytes at a time past the end
# of a subject (aligned, harmless), which memcheck reports as errors in
# unnamed code; the interpreter runs with the same limits.
if(HOGO_SEC_VALGRIND)
  add_test(NAME valgrind
    COMMAND sh -c [[
vg="$1" hogo="$2"
log=$(mktemp "${TMPDIR:-/tmp}/hogo-valgrind.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
status=0
for args in "fixtures" "tests/hostile" "--rules tests/hostile-rules tests/hostile/sound.json"; do
  t0=$(date +%s)
  # shellcheck disable=SC2086
  HOGO_REGEX_JIT=0 "$vg" --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --log-file="$log" \
        "$hogo" check --no-config --today 2021-02-17 -j2 --format json $args > /dev/null 2>&1
  rc=$?
  summary=$(grep "ERROR SUMMARY" "$log" | tail -1)
  echo "valgrind: hogo check $args: exit $rc in $(( $(date +%s) - t0 )) s; ${summary#*== }"
  if ! grep -q "ERROR SUMMARY: 0 errors" "$log" || grep -qE "(definitely|indirectly) lost: [1-9]" "$log" || [ "$rc" -gt 3 ]; then
    cat "$log"
    status=1
  fi
done
exit $status
]] sh ${HOGO_SEC_VALGRIND} $<TARGET_FILE:hogo>
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME valgrind COMMAND sh -c "echo 'SKIP: valgrind not found (apt-get install -y valgrind)'; exit 77")
endif()

set_tests_properties(sanitizers PROPERTIES LABELS heavy TIMEOUT 1800 SKIP_RETURN_CODE 77)
set_tests_properties(fuzz PROPERTIES LABELS heavy TIMEOUT 900 SKIP_RETURN_CODE 77)
set_tests_properties(valgrind PROPERTIES LABELS heavy TIMEOUT 900 SKIP_RETURN_CODE 77)

# ---- the sandbox's edges from the command line (issue 11) ----------------------
#   security.cli.GROUP   tests/hostile/cli_security.py: load failures in every
#                        report format; no state from one plan to the next
#                        (the same report per plan in any order and with -j);
#                        many findings kept and counted, not a rule failure;
#                        control characters of rules and plans escaped everywhere
set(HOGO_SEC_CLI_GROUPS load-failures state many-findings escaping)
foreach(group ${HOGO_SEC_CLI_GROUPS})
  if(HOGO_SEC_PYTHON3)
    add_test(NAME security.cli.${group}
      COMMAND ${HOGO_SEC_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/cli_security.py
              $<TARGET_FILE:hogo> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/sec-work/${group} ${group}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  else()
    add_test(NAME security.cli.${group} COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
  endif()
  set_tests_properties(security.cli.${group} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77 LABELS security)
endforeach()
