# rule_docs.cmake -- the rule reference docs/rules/README.md, generated from the pack.
#   cmake -DHOGO=path/to/hogo -DSRC=source-dir -DMODE=write|check -P rule_docs.cmake
# write: regenerate the file (atomically: a temporary file, then a rename).
# check: fail when the file differs from what the pack gives now.
# Runs `hogo rules --format markdown --no-config` from the top of the source
# tree, so rule files are named rules/x.lua and no .hogo.json is read.
if(NOT HOGO OR NOT SRC OR NOT MODE)
  message(FATAL_ERROR "usage: cmake -DHOGO=... -DSRC=... -DMODE=write|check -P rule_docs.cmake")
endif()
set(doc ${SRC}/docs/rules/README.md)
string(RANDOM LENGTH 8 tag)
if(MODE STREQUAL "write")
  set(out ${doc}.tmp.${tag})
  file(MAKE_DIRECTORY ${SRC}/docs/rules)
else()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/rules-README.md.${tag})
  if(DEFINED ENV{TMPDIR})
    set(out $ENV{TMPDIR}/hogo-rules-README.md.${tag})
  endif()
endif()
execute_process(COMMAND ${HOGO} rules --format markdown --no-config
                WORKING_DIRECTORY ${SRC}
                OUTPUT_FILE ${out}
                ERROR_VARIABLE err
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${out})
  message(FATAL_ERROR "hogo rules --format markdown failed (exit ${rc}): the rule pack does not load cleanly\n${err}")
endif()
if(MODE STREQUAL "write")
  file(RENAME ${out} ${doc})
  message(STATUS "wrote ${doc}")
else()
  file(READ ${out} now)
  file(REMOVE ${out})
  set(old "")
  if(EXISTS ${doc})
    file(READ ${doc} old)
  endif()
  if(NOT now STREQUAL old)
    message(FATAL_ERROR "docs/rules/README.md is out of date with the rule pack: "
                        "run cmake --build build --target rule-docs (and commit the result)")
  endif()
  message(STATUS "docs/rules/README.md is current")
endif()
