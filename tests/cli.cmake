# cli.cmake -- tests of the hogo command line, and the generated rule reference.
# Included from tests/CMakeLists.txt.
#
#   cli.GROUP             tests/cli/cli_tests.py hogo SRC WORK GROUP: exit codes, the JSON
#                         contract, line numbers, -j determinism, several outputs, atomic
#                         --output, --baseline, .hogo.json, waivers, validate, init, explain,
#                         rules, colour, --help, the pre-commit hooks, --profile; the slips named in
#                         both languages (slips), validate's wording (validate-text), directory
#                         walks (walks), argument and output checks (arguments), explain's filled
#                         templates (explain-filled), the built-in pack's findings fitted to
#                         their situation, read in their text (fitted).  Fixture plans in
#                         tests/cli/plans, a small rule pack in tests/cli/rules (so the checks
#                         do not move with the built-in pack).  Needs python3 (standard
#                         library only); without it each test exits 77, which ctest shows
#                         as skipped.
#   docs.rules-current    docs/rules/README.md equals `hogo rules --format markdown` now.
#   docs.guide-errors-current  docs/plan-guide.md's error examples equal hogo's output now
#                         (target guide-errors regenerates them).
#   target rule-docs      regenerates docs/rules/README.md:
#                           cmake --build build --target rule-docs

find_program(HOGO_CLI_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT HOGO_CLI_PYTHON3)
  find_program(HOGO_CLI_PYTHON3 NAMES python3)
endif()

set(HOGO_CLI_GROUPS exit-codes json-contract lines jobs outputs output-atomic baseline config
    waivers validate init explain rules color help pre-commit profile
    slips validate-text walks arguments explain-filled fitted)
foreach(group ${HOGO_CLI_GROUPS})
  if(HOGO_CLI_PYTHON3)
    add_test(NAME cli.${group}
      COMMAND ${HOGO_CLI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_tests.py
              $<TARGET_FILE:hogo> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/cli-work/${group} ${group}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  else()
    add_test(NAME cli.${group} COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
  endif()
  set_tests_properties(cli.${group} PROPERTIES SKIP_RETURN_CODE 77 LABELS cli TIMEOUT 300)
endforeach()

# The rule reference never drifts from the code: regenerate with the target,
# and the test fails while the committed file differs.
add_custom_target(rule-docs
  COMMAND ${CMAKE_COMMAND} -DHOGO=$<TARGET_FILE:hogo> -DSRC=${CMAKE_SOURCE_DIR} -DMODE=write
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/rule_docs.cmake
  DEPENDS hogo
  COMMENT "Generating docs/rules/README.md from the rule pack"
  VERBATIM)
add_test(NAME docs.rules-current
  COMMAND ${CMAKE_COMMAND} -DHOGO=$<TARGET_FILE:hogo> -DSRC=${CMAKE_SOURCE_DIR} -DMODE=check
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/rule_docs.cmake
  WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(docs.rules-current PROPERTIES LABELS "docs;cli")

# docs/plan-guide.md's error examples are hogo's own output: regenerate with
#   cmake --build build --target guide-errors
# and the test fails while the committed section differs (tests/cli/guide_errors.py).
if(HOGO_CLI_PYTHON3)
  add_custom_target(guide-errors
    COMMAND ${HOGO_CLI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cli/guide_errors.py $<TARGET_FILE:hogo> ${CMAKE_SOURCE_DIR} write
    DEPENDS hogo
    COMMENT "Generating the error examples of docs/plan-guide.md from hogo's output"
    VERBATIM)
  add_test(NAME docs.guide-errors-current
    COMMAND ${HOGO_CLI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cli/guide_errors.py $<TARGET_FILE:hogo> ${CMAKE_SOURCE_DIR} check)
  set_tests_properties(docs.guide-errors-current PROPERTIES LABELS "docs;cli")
endif()
