# edges.cmake -- issue 20's tests: the edges of hogo check and hogo serve.
# Included from tests/CMakeLists.txt after security.cmake (HOGO_SEC_PYTHON3).
#
#   edges.cost_linear   tests/cost_linear.py: input warnings capped (an 8 MiB
#                       plan of near-miss keys: 1,000 findings and one that
#                       counts the rest, every format under 8 MiB), and CPU
#                       per byte of an 8 MiB plan at most 2 x that of a 1 MiB
#                       plan (storage entries, data items).  CPU time, not
#                       wall time: a ratio, so load does not fail it.
if(HOGO_SEC_PYTHON3)
  add_test(NAME edges.cost_linear
    COMMAND ${HOGO_SEC_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cost_linear.py $<TARGET_FILE:hogo>
            ${CMAKE_CURRENT_BINARY_DIR}/edges-cost
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME edges.cost_linear COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
endif()
set_tests_properties(edges.cost_linear PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77 LABELS "security;edges")
