# Issue 9's judgement tests (docs/scoring.md):
#   omission.property  a plan never does better by saying less: every fixture plan with personal
#                      data, each section removed and set to null, never gets a better verdict;
#                      the untouched `hogo init` skeleton is incomplete (tests/omission.py)
#   answer.judgement   common.answer's judgement (deferral / placeholder / answer) through the
#                      probe rules of tests/answer-probe, run beside a copy of rules/_common.lua
find_program(HOGO_PYTHON3 python3)
if(HOGO_PYTHON3)
  add_test(NAME omission.property
           COMMAND ${HOGO_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/omission.py $<TARGET_FILE:hogo>
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME omission.property COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
  set_tests_properties(omission.property PROPERTIES SKIP_RETURN_CODE 77)
endif()

set(HOGO_ANSWER_PROBE ${CMAKE_BINARY_DIR}/answer-probe)
file(GLOB HOGO_ANSWER_PROBE_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/answer-probe/*.lua
     ${CMAKE_CURRENT_SOURCE_DIR}/answer-probe/*.test.json)
foreach(f ${HOGO_ANSWER_PROBE_FILES} ${CMAKE_SOURCE_DIR}/rules/_common.lua)
  get_filename_component(n ${f} NAME)
  configure_file(${f} ${HOGO_ANSWER_PROBE}/${n} COPYONLY)
endforeach()
add_test(NAME answer.judgement COMMAND hogo test ${HOGO_ANSWER_PROBE} WORKING_DIRECTORY ${HOGO_ANSWER_PROBE})
