# web.cmake -- tests of `hogo serve` (engine/web/).  Included from
# tests/CMakeLists.txt.
#
#   web.api        web_api_test over real sockets: status codes, the contract
#                  (the same bytes as `hogo check --format json`), 413/422/405/
#                  400, Host and Origin (403), headers, no path reachable,
#                  connection and time limits, 48 requests at once.
#   web.api_tsan   the 48 concurrent requests again, everything (the engine,
#                  the writers, the server) built with ThreadSanitizer.  The one
#                  suppression (tests/web_tsan.supp) is cJSON's global error
#                  slot: cJSON_Parse records where parsing failed in a static,
#                  unlocked variable; hogo never reads it (it reports positions
#                  from its own scanner), so the race is on a value nobody uses.
#   web.serve      the hogo executable: the URL on the first line of stdout with
#                  --listen 127.0.0.1:0, one request, SIGINT and SIGTERM stop it
#                  within 5 seconds with exit status 0.

add_executable(web_api_test ${CMAKE_CURRENT_SOURCE_DIR}/web_api_test.c)
target_include_directories(web_api_test PRIVATE ${CMAKE_SOURCE_DIR}/engine ${CMAKE_SOURCE_DIR}/engine/out
  ${CMAKE_SOURCE_DIR}/engine/web ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(web_api_test PRIVATE hogo_web)
add_test(NAME web.api COMMAND web_api_test $<TARGET_FILE:hogo> WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# ThreadSanitizer cannot be mixed with the ASan build (HOGO_SANITIZE).
if(NOT HOGO_SANITIZE AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  add_executable(web_api_test_tsan ${CMAKE_CURRENT_SOURCE_DIR}/web_api_test.c ${HOGO_LIB_SOURCES}
    ${HOGO_EMBED_C} ${HOGO_WEB_SOURCES} ${HOGO_WEB_ASSETS_C})
  target_include_directories(web_api_test_tsan PRIVATE ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/engine
    ${CMAKE_SOURCE_DIR}/engine/out ${CMAKE_SOURCE_DIR}/engine/web ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_options(web_api_test_tsan PRIVATE -fsanitize=thread -g -O1)
  target_link_options(web_api_test_tsan PRIVATE -fsanitize=thread)
  target_link_libraries(web_api_test_tsan PRIVATE PkgConfig::LUA PkgConfig::PCRE2 PkgConfig::CJSON
    PkgConfig::MHD Threads::Threads m)
  add_test(NAME web.api_tsan COMMAND web_api_test_tsan $<TARGET_FILE:hogo> --concurrency-only
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(web.api_tsan PROPERTIES ENVIRONMENT
    "TSAN_OPTIONS=halt_on_error=1 exitcode=66 suppressions=${CMAKE_CURRENT_SOURCE_DIR}/web_tsan.supp")
endif()

set(HOGO_SERVE_SIGNALS [[
hogo="$1"; work="$2"
rm -rf "$work" && mkdir -p "$work" || exit 1
for sig in INT TERM; do
  rm -f "$work/out"
  "$hogo" serve --no-config --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
  pid=$!
  i=0; while ! grep -q . "$work/out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
  url=$(head -n 1 "$work/out")
  case "$url" in http://127.0.0.1:[0-9]*/) ;; *) echo "first line is not the URL: '$url'"; cat "$work/err"; kill $pid; exit 1;; esac
  [ "$url" != "http://127.0.0.1:0/" ] || { echo "port 0 was not replaced by the port bound"; kill $pid; exit 1; }
  code=$(curl -s -o "$work/page" -w '%{http_code}' "$url") || { echo "curl failed"; kill $pid; exit 1; }
  [ "$code" = 200 ] || { echo "GET / -> $code"; kill $pid; exit 1; }
  kill -$sig $pid
  i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
  if kill -0 $pid 2>/dev/null; then echo "SIG$sig: still running after 5 s"; kill -9 $pid; exit 1; fi
  wait $pid; rc=$?
  [ $rc -eq 0 ] || { echo "SIG$sig: exit status $rc"; cat "$work/err"; exit 1; }
  echo "SIG$sig: stopped, exit 0 ($url)"
done
]])
find_program(HOGO_CURL NAMES curl)
if(HOGO_CURL)
  add_test(NAME web.serve COMMAND sh -c "${HOGO_SERVE_SIGNALS}" sh $<TARGET_FILE:hogo>
    ${CMAKE_CURRENT_BINARY_DIR}/web-serve WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME web.serve COMMAND sh -c "echo 'SKIP: curl not found'; exit 77")
  set_tests_properties(web.serve PROPERTIES SKIP_RETURN_CODE 77)
endif()
set_tests_properties(web.api web.serve PROPERTIES LABELS web)

# web.browser -- tests/browser/page.test.js: the page in Debian's headless
# Chromium, driven by playwright-core (tests/browser/package-lock.json,
# installed by `npm ci` in .ci/run; it never downloads a browser).  A
# department opens a seed plan, sees its findings at their fields, fixes one
# and sees it go away, switches language, opens the print view and saves the
# plan; the secretariat opens the six seed plans and gets them ranked with
# the plans x topics overview; no console errors.  Screenshots are kept in
# build/browser/.  Skipped (77) without node, chromium or node_modules.
find_program(HOGO_NODE NAMES node nodejs)
if(HOGO_NODE)
  add_test(NAME web.browser
    COMMAND ${HOGO_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/page.test.js $<TARGET_FILE:hogo>
            ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/browser
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/browser)
else()
  add_test(NAME web.browser COMMAND sh -c "echo 'SKIP: node not found'; exit 77")
endif()
set_tests_properties(web.browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS web
  ATTACHED_FILES "${CMAKE_BINARY_DIR}/browser/1-department.png;${CMAKE_BINARY_DIR}/browser/1-field-finding.png;${CMAKE_BINARY_DIR}/browser/2-english.png;${CMAKE_BINARY_DIR}/browser/3-print.png;${CMAKE_BINARY_DIR}/browser/4-secretariat.png")
