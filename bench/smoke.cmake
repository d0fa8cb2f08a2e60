# smoke.cmake -- ctest bench.smoke: run hogo-bench on a tiny batch and ask for
# both a zero exit status (nothing failed to run, no crash) and every row in
# its JSON line (the -j 1 run and the empty-pack run, each "ok", and the
# closing "ok": true).  Asserts nothing about speed.
#   cmake -DBENCH=path/to/hogo-bench -DHOGO=path/to/hogo -P smoke.cmake
execute_process(
  COMMAND ${BENCH} --plans 50 --reps 1 --startup-runs 3 --hogo ${HOGO} --json
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hogo-bench exited ${rc}:\n${err}")
endif()
foreach(want "\"j1\":{\"ok\":true" "\"empty_pack\":{\"rules\":[1-9][0-9]*,\"ok\":true" "}},\"ok\":true}")
  if(NOT out MATCHES "${want}")
    message(FATAL_ERROR "the JSON line of hogo-bench lacks ${want}")
  endif()
endforeach()
