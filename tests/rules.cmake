# The rule pack's own tests: one ctest per rules/*.test.json (each case both
# ways), plus the whole directory, which also fails a rule that has no case
# raising it or none keeping it quiet.
file(GLOB HOGO_RULE_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rules/*.test.json)
foreach(t ${HOGO_RULE_TESTS})
  get_filename_component(name ${t} NAME)
  string(REPLACE ".test.json" "" name ${name})
  add_test(NAME rule.${name} COMMAND hogo test rules/${name}.test.json WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
add_test(NAME rules.pack COMMAND hogo test rules WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# The built-in (embedded) pack loads cleanly and lists every topic.
add_test(NAME rules.builtin-loads COMMAND hogo rules WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
