# Sourced by .ci/run and ./yunrag: sets JAVA_HOME to a JDK >= 21 or exits with a message saying what to install.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm.
yunrag_java_major() {
  # The JDK's release file says it without starting a JVM (a start costs a short command a noticeable part of its time).
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$1/release" 2>/dev/null)
  version=${version#1.} # 1.8.0 is Java 8
  if [ -n "$version" ]; then
    echo "${version%%.*}"
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
yunrag_find_jdk() {
  local candidates=() dir major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [ -d "$dir" ] && candidates+=("$dir"); done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(yunrag_java_major "$dir")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ]; then
      # The first acceptable candidate wins when the user chose it; otherwise take the newest.
      if [ "$dir" = "${JAVA_HOME:-}" ]; then best="$dir"; break; fi
      if [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
    fi
  done
  if [ -z "$best" ]; then
    echo "error: YunRAG needs a JDK 21 or newer (Lucene 10 requires it) and none was found." >&2
    echo "       Checked \$JAVA_HOME, the java on PATH and /usr/lib/jvm/*. Install one (e.g. apt-get install openjdk-21-jdk-headless)" >&2
    echo "       or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
yunrag_find_jdk || exit 1
