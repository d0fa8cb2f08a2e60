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

#   edges.serve.GROUP   tests/serve_edges.py against a real `hogo serve` on
#                       127.0.0.1 (clients also bind 127.0.0.2 and .3 to be
#                       other addresses): slow header clients cut at the
#                       deadline while a staffer is served, a deadline per
#                       request on a kept-alive connection, the per-address
#                       limit, a staffer beside two clients sending 8 MiB
#                       plans, SIGTERM answering the request in flight, the
#                       HTTP edges (414, 501, 415, 413 in the request's
#                       language, security headers on every status, name=),
#                       the CPU budget, RSS after large and small plans.
set(HOGO_SERVE_EDGE_GROUPS slow keepalive peraddr fair stop http cpu memory)
foreach(group ${HOGO_SERVE_EDGE_GROUPS})
  if(HOGO_SEC_PYTHON3)
    add_test(NAME edges.serve.${group}
      COMMAND ${HOGO_SEC_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/serve_edges.py $<TARGET_FILE:hogo>
              ${CMAKE_CURRENT_BINARY_DIR}/edges-serve/${group} ${group}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  else()
    add_test(NAME edges.serve.${group} COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
  endif()
  set_tests_properties(edges.serve.${group} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77 LABELS "web;edges")
endforeach()
