#!/usr/bin/env bash
# Checks altmin as a library, the way another project uses it: installs altmin into a PRIVATE local Maven repository
# (never ~/.m2), creates a separate Maven project in a temporary directory whose pom declares one dependency,
# org.altmin:altmin-platform (type pom), with the Java program of README.md's "Use as a library" as its source, then
#   1. resolves its class path and fails if it differs from altmin-experiments' own (an artifact or a version),
#   2. compiles the program and runs it with plain `java -cp`: it trains, evaluates, saves and loads a model.
#
#   scripts/consumer-check.sh [--repo DIR] [--offline] [--keep]
#     --repo DIR   the private local repository (default: a new temporary one, filled from the network)
#     --offline    Maven offline (-o): DIR must already hold the third-party artifacts, e.g. a copy of ~/.m2/repository
#     --keep       keep the temporary consumer project (its path is printed)
# Exit 0 when the consumer builds, has altmin's class path and runs; 1 otherwise, with the reason.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO=""
OFFLINE=()
KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repo) REPO="${2:?--repo needs a directory}"; shift 2 ;;
    --offline) OFFLINE=(-o); shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "consumer-check: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/altmin-consumer.XXXXXX")"
cleanup() { if [[ $KEEP -eq 0 ]]; then rm -rf "$WORK"; else echo "consumer-check: kept $WORK" >&2; fi; }
trap cleanup EXIT
[[ -n "$REPO" ]] || REPO="$WORK/repository"
REPO="$(realpath -m "$REPO")"
SHARED="$(realpath -m "${HOME}/.m2/repository")"
if [[ "$REPO" == "$SHARED" || "$REPO" == "$SHARED"/* ]]; then
  echo "consumer-check: --repo $REPO is the shared ~/.m2 repository; give a private one (e.g. a copy of it)" >&2
  exit 2
fi
mkdir -p "$REPO"
MVN=("$ROOT/mvnw" -B -q "${OFFLINE[@]}" -Dmaven.repo.local="$REPO")
VERSION="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$ROOT/pom.xml" | head -1)"

echo "consumer-check: installing altmin $VERSION into $REPO" >&2
# The javadoc and sources jars are not needed by the consumer: skipped to save minutes.
(cd "$ROOT" && "${MVN[@]}" -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true install)
# What altmin is tested with: every module's runtime class path as altmin's own build resolves it, one version per
# artifact, the most downstream module's (experiments, which runs everything, resolves e.g. commons-io 2.20.0 where
# nd4j-api alone would get 2.7); plus what only another module has (verification's QuickTheories).
(cd "$ROOT" && "${MVN[@]}" -pl api,verification,losses,activations,solvers,experiments dependency:list \
   -DincludeScope=runtime -DoutputFile=target/runtime-dependencies.txt)
for module in api verification losses activations solvers experiments; do
  grep -E '^ +[^ ]+:[^ ]+:' "$ROOT/$module/target/runtime-dependencies.txt"
done | sed -E 's/^ +//; s/ .*$//; s/:(compile|runtime)$//' \
  | awk -F: '{ key = $1; for (i = 2; i < NF; i++) key = key ":" $i; version[key] = $NF; if (!(key in seen)) { seen[key] = 1; order[n++] = key } }
             END { for (i = 0; i < n; i++) print "   " order[i] ":" version[order[i]] }' > "$WORK/altmin-deps.txt"

# The consumer: one dependency, and the README's program.
CONSUMER="$WORK/consumer"
mkdir -p "$CONSUMER/src/main/java/org/example/library"
cat > "$CONSUMER/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>altmin-consumer</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.altmin</groupId>
      <artifactId>altmin-platform</artifactId>
      <version>$VERSION</version>
      <type>pom</type>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.9.0</version></plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
POM
# The java block of README.md's section "Use as a library" that declares class Quickstart.
awk '/^## Use as a library$/ {s=1; next} s && /^## / {exit}
     s && /^```java$/ {b=1; buf=""; next}
     b && /^```$/ {b=0; if (buf ~ /class Quickstart/) {printf "%s", buf; exit}; next}
     b {buf = buf $0 "\n"}' "$ROOT/README.md" > "$CONSUMER/src/main/java/org/example/library/Quickstart.java"
if ! grep -q 'class Quickstart' "$CONSUMER/src/main/java/org/example/library/Quickstart.java"; then
  echo "consumer-check: README.md's \"Use as a library\" has no java block with class Quickstart" >&2
  exit 1
fi

echo "consumer-check: building the consumer in $CONSUMER" >&2
(cd "$CONSUMER" && "${MVN[@]}" -f pom.xml compile dependency:build-classpath -Dmdep.outputFile=classpath.txt \
   dependency:list -DincludeScope=runtime -DoutputFile=deps.txt)

# 1. The same artifacts at the same versions as altmin's own build (scope and module notes aside).
normalise() { grep -E '^ +[^ ]+:[^ ]+:' "$1" | sed -E 's/^ +//; s/ .*$//; s/:(compile|runtime)$//' \
              | grep -v -E '^org\.altmin:altmin-[a-z]+:' | sort -u; }
if ! diff <(normalise "$WORK/altmin-deps.txt") <(normalise "$CONSUMER/deps.txt") > "$WORK/classpath.diff"; then
  echo "consumer-check: the consumer's class path differs from altmin's (< altmin, > consumer):" >&2
  cat "$WORK/classpath.diff" >&2
  exit 1
fi
echo "consumer-check: class path: $(normalise "$CONSUMER/deps.txt" | wc -l) artifacts, the same versions as altmin's" >&2

# 2. Run it outside Maven.
OUTPUT="$(cd "$CONSUMER" && java -Djava.awt.headless=true -cp "target/classes:$(cat classpath.txt)" \
  org.example.library.Quickstart "$WORK/runs")"
echo "$OUTPUT"
if [[ "$OUTPUT" != MAX_ITERATIONS* ]] || [[ ! -f "$WORK/runs/quickstart-model/model.npz" ]]; then
  echo "consumer-check: the consumer's program did not train, save and load a model" >&2
  exit 1
fi
echo "consumer-check: OK" >&2
