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

#   edges.page_safe     tests/page_safe.js: the page's el() shows text with the
#                       bidi controls and C1 controls replaced (U+FFFD), as the
#                       reports do.
add_test(NAME edges.page_safe COMMAND ${HOGO_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/page_safe.js
  ${CMAKE_SOURCE_DIR}/engine/web/assets/app.js)
set_tests_properties(edges.page_safe PROPERTIES LABELS "web;edges")

#   edges.rules_symlink_loop  a --rules directory with links a -> ., b -> .,
#                       c -> . (and a subdirectory with links to its parent):
#                       each directory is walked once (by device and inode),
#                       every rule loaded once, the check ends in time.
set(HOGO_RULES_LOOP [[
hogo="$1"; work="$2"; src="$3"
rm -rf "$work" && mkdir -p "$work/loop/sub" || exit 1
cp "$src"/tests/cli/rules/*.lua "$work/loop/" || exit 1
ln -s . "$work/loop/a"; ln -s . "$work/loop/b"; ln -s . "$work/loop/c"
ln -s .. "$work/loop/sub/up1"; ln -s .. "$work/loop/sub/up2"
timeout 20 "$hogo" check --no-config --rules "$work/loop" -f json "$src/tests/cli/plans/findings.json" >"$work/out.json" 2>"$work/err"
rc=$?
[ $rc -eq 124 ] && { echo "hung: killed after 20 s"; exit 1; }
[ $rc -eq 1 ] || { echo "exit $rc (want 1: findings, no load error)"; cat "$work/err"; exit 1; }
n=$(grep -c '"rule": "t-cloud"' "$work/out.json")
[ "$n" = 1 ] || { echo "t-cloud reported $n times (loaded more than once?)"; exit 1; }
mkdir -p "$work/empty/x" && ln -s .. "$work/empty/x/a" && ln -s .. "$work/empty/x/b"
timeout 20 "$hogo" check --no-config --rules "$work/empty" "$src/tests/cli/plans/findings.json" >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ] || { echo "a looping directory without rules: exit $rc (want 2)"; exit 1; }
echo ok
]])
add_test(NAME edges.rules_symlink_loop COMMAND sh -c "${HOGO_RULES_LOOP}" sh $<TARGET_FILE:hogo>
  ${CMAKE_CURRENT_BINARY_DIR}/edges-loop ${CMAKE_SOURCE_DIR})
set_tests_properties(edges.rules_symlink_loop PROPERTIES LABELS edges TIMEOUT 60)
