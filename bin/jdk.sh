# Sourced by bin/* and .ci/run: selects a JDK >= 21 into JAVA_HOME (keeps yours if it already is one).
# The JDK's major version from its release file (instant); asks the JVM itself only when there is none.
keel_java_major() {
  local v=""
  [ -f "$1/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  echo "$v"
}
keel_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(keel_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/* /opt/java/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(keel_java_major "$candidate")
    [ "${major:-0}" -ge 21 ] 2>/dev/null || continue
    if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "keel: no JDK >= 21 found (set JAVA_HOME to one)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
keel_select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own Guava touches sun.misc.Unsafe; JDK 23+ warns about it unless told to allow it.
if [ "$(keel_java_major "$JAVA_HOME")" -ge 23 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED" ;; esac
fi
