# formats.cmake -- checks of the report formats beyond the unit test, with the
# real validators.  Included from tests/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/formats.cmake)
#
#   formats.sarif_schema   `hogo check --format sarif fixtures` and the
#                          hand-built reports of test_out_formats (waivers,
#                          input and rule errors, Japanese text, a stray byte,
#                          an empty batch) against the official SARIF 2.1.0
#                          schema (copy in tests/data/), by sarif_schema_check.py
#   formats.junit_xmllint  the same two sources as JUnit, through
#                          `xmllint --noout`
#
# The validators are Debian packages (python3-jsonschema, libxml2-utils).
# Without one, its test says so and exits 77, which ctest shows as skipped,
# never as passed.  hogo check exits 0/1 by findings, 2 when a plan cannot be
# read and 3 when a rule failed; the fixtures include plans of every kind, so
# any of these is accepted as long as a report was written (the report is
# removed first, so a stale one cannot pass), and the report is what is judged.

# Debian's python3, where apt installs jsonschema (a python3 earlier on PATH,
# e.g. pyenv's, may not have it).
find_program(HOGO_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT HOGO_PYTHON3)
  find_program(HOGO_PYTHON3 NAMES python3)
endif()
find_program(HOGO_XMLLINT NAMES xmllint)

set(HOGO_SARIF_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/sarif_schema_check.py)
set(HOGO_SARIF_SCHEMA ${CMAKE_CURRENT_SOURCE_DIR}/data/sarif-schema-2.1.0.json)
set(HOGO_FORMATS_OUT ${CMAKE_CURRENT_BINARY_DIR}/formats-out)

set(HOGO_SKIP_NO_PYTHON [[echo "SKIP: no python3 found; SARIF not validated"; exit 77]])
set(HOGO_SKIP_NO_XMLLINT [[echo "SKIP: xmllint not found (apt-get install -y libxml2-utils); JUnit not validated"; exit 77]])

set(HOGO_SARIF_VALIDATE [[
py="$7"; check="$8"; schema="$9"; n=0
for f in "$out" "$dir"/*.sarif; do
  "$py" "$check" "$f" "$schema" || exit $?
  n=$((n + 1))
done
[ "$n" -ge 4 ] || { echo "expected 4 SARIF reports, validated $n"; exit 1; }
]])
set(HOGO_JUNIT_VALIDATE [[
"$7" --noout "$out" "$dir"/*.xml || exit 1
echo "JUnit reports are well-formed: $out $dir/*.xml"
]])

# The shell scripts take everything as positional arguments.  The first part,
# shared: run hogo check writing FORMAT to OUT over PLANS; fail only if hogo
# crashed or wrote no report.
#   $1 hogo  $2 format  $3 out  $4 plans
set(HOGO_RUN_CHECK [[
hogo="$1"; format="$2"; out="$3"; plans="$4"
rm -f "$out"; mkdir -p "$(dirname "$out")" || exit 1
"$hogo" check --format "$format" --output "$out" "$plans"; rc=$?
if [ "$rc" -gt 3 ]; then echo "hogo check --format $format exited $rc"; exit 1; fi
if [ ! -s "$out" ]; then echo "hogo check --format $format wrote no report (exit $rc)"; exit 1; fi
]])
# Then run test_out_formats writing its reports into a fresh directory.
#   $5 test_out_formats  $6 directory
set(HOGO_RUN_UNIT [[
unit="$5"; dir="$6"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
"$unit" "$dir" >/dev/null || { echo "test_out_formats failed"; exit 1; }
]])

# --- SARIF: the unit test's reports and a real run over the fixtures ------------
#   $7 python3  $8 sarif_schema_check.py  $9 schema
if(HOGO_PYTHON3)
  add_test(NAME formats.sarif_schema
    COMMAND sh -c "${HOGO_RUN_CHECK}${HOGO_RUN_UNIT}${HOGO_SARIF_VALIDATE}"
      sh $<TARGET_FILE:hogo> sarif ${HOGO_FORMATS_OUT}/fixtures.sarif fixtures
      $<TARGET_FILE:test_out_formats> ${HOGO_FORMATS_OUT}/unit
      ${HOGO_PYTHON3} ${HOGO_SARIF_CHECK} ${HOGO_SARIF_SCHEMA}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME formats.sarif_schema COMMAND sh -c "${HOGO_SKIP_NO_PYTHON}")
endif()

# --- JUnit: well-formed XML -------------------------------------------------------
#   $7 xmllint
if(HOGO_XMLLINT)
  add_test(NAME formats.junit_xmllint
    COMMAND sh -c "${HOGO_RUN_CHECK}${HOGO_RUN_UNIT}${HOGO_JUNIT_VALIDATE}"
      sh $<TARGET_FILE:hogo> junit ${HOGO_FORMATS_OUT}/fixtures.xml fixtures
      $<TARGET_FILE:test_out_formats> ${HOGO_FORMATS_OUT}/unit-junit
      ${HOGO_XMLLINT}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME formats.junit_xmllint COMMAND sh -c "${HOGO_SKIP_NO_XMLLINT}")
endif()

set_tests_properties(formats.sarif_schema formats.junit_xmllint
  PROPERTIES SKIP_RETURN_CODE 77 LABELS formats)
