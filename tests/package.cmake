# package.cmake -- the .deb, built and used as an office would.  Included
# from tests/CMakeLists.txt.
#
#   package.deb   cpack builds the .deb from this build tree into a fresh
#                 directory; dpkg-deb -x unpacks it into a temporary root
#                 (nothing is installed on the machine); the package must
#                 depend on the Debian libraries hogo links or opens (libmicrohttpd12,
#                 liblua5.4-0, libpcre2-8-0, libhyperscan5, libcjson1), ship the man page,
#                 the docs and the systemd unit (not enabled: no .wants link),
#                 and its hogo must screen a seed plan exactly as the built
#                 one does and serve the page (URL first, SIGTERM stops it).
#                 Needs dpkg-deb and dpkg-shlibdeps (dpkg-dev, in
#                 build-essential); without them it is skipped (77).

find_program(HOGO_DPKG_DEB NAMES dpkg-deb)
find_program(HOGO_SHLIBDEPS NAMES dpkg-shlibdeps)
set(HOGO_PACKAGE_TEST [[
cpack="$1"; config="$2"; work="$3"; hogo="$4"
rm -rf "$work" && mkdir -p "$work/root" || exit 1
"$cpack" --config "$config" -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/pkg/hogo_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "no .deb built"; cat "$work/cpack.log"; exit 1; }
deps=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $deps"
for lib in libmicrohttpd12 liblua5.4-0 libpcre2-8-0 libhyperscan5 libcjson1 libc6; do
  case "$deps" in *"$lib"*) ;; *) echo "the package does not depend on $lib"; exit 1;; esac
done
dpkg-deb -x "$deb" "$work/root" || exit 1
r="$work/root"
for f in usr/bin/hogo usr/share/man/man1/hogo.1 usr/lib/systemd/system/hogo.service \
         usr/share/doc/hogo/README.md usr/share/doc/hogo/plan-guide.md usr/share/doc/hogo/cli.md; do
  [ -s "$r/$f" ] || { echo "missing from the package: /$f"; exit 1; }
done
if find "$r" -path '*wants*' | grep -q .; then echo "the unit is enabled by the package"; exit 1; fi
grep -q '^ExecStart=/usr/bin/hogo serve ' "$r/usr/lib/systemd/system/hogo.service" || { echo "unit does not run hogo serve"; exit 1; }
"$r/usr/bin/hogo" --version | grep -q '^hogo ' || { echo "the installed hogo does not run"; exit 1; }
plan=fixtures/seed/r2-3-2-child-consultation.json
"$r/usr/bin/hogo" check --no-config --today 2021-02-17 --format json "$plan" > "$work/installed.json"
"$hogo" check --no-config --today 2021-02-17 --format json "$plan" > "$work/built.json"
cmp -s "$work/installed.json" "$work/built.json" || { echo "the installed hogo reports differently"; exit 1; }
"$r/usr/bin/hogo" serve --no-config --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
pid=$!
i=0; while ! grep -q . "$work/serve.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
url=$(head -n 1 "$work/serve.out")
code=$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || echo none)
kill -TERM $pid
i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
kill -0 $pid 2>/dev/null && { kill -9 $pid; echo "the installed hogo serve did not stop on SIGTERM"; exit 1; }
[ "$code" = 200 ] || { echo "the installed hogo serve answered $code at '$url'"; cat "$work/serve.err"; exit 1; }
echo "package ok: $(basename "$deb"), unpacked into $r, screened and served"
]])
if(HOGO_DPKG_DEB AND HOGO_SHLIBDEPS)
  add_test(NAME package.deb
    COMMAND sh -c "${HOGO_PACKAGE_TEST}" sh ${CMAKE_CPACK_COMMAND} ${CMAKE_BINARY_DIR}/CPackConfig.cmake
            ${CMAKE_BINARY_DIR}/package-test $<TARGET_FILE:hogo>
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME package.deb COMMAND sh -c "echo 'SKIP: dpkg-deb or dpkg-shlibdeps not found (apt-get install -y dpkg-dev)'; exit 77")
endif()
set_tests_properties(package.deb PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS package)
