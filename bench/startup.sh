#!/usr/bin/env bash
# Start and size of the server (issue 10, point 3): each jar started on a fresh, migrated H2 file database, rounds
# in A B B A order so a shared machine's load falls on every jar alike. Per start: wall seconds to the first 200 on
# /fhir/metadata, CPU seconds (user + system, /proc/<pid>/stat) the JVM used until then, Spring Boot's "Started ...
# in N seconds", VmRSS and threads at that moment, the bean count (actuator /beans) and the jar's size.
#
#   bench/startup.sh [-r rounds] [-j "jvm options"] [-i] label=path/to.jar[@java_home] ...
#   e.g. bench/startup.sh -r 4 before=/tmp/main.jar after=target/dokumentdeling.jar
#        bench/startup.sh after=target/dokumentdeling.jar jdk25=target/dokumentdeling.jar@/usr/lib/jvm/temurin-25-jdk-amd64
#        bench/startup.sh -i -j "$(bench/startup.sh -p)" before=/tmp/main.jar@$T25 after=target/dokumentdeling.jar@$T25
#
# -i starts each jar as the image does (Dockerfile): extracted without Spring Boot's launcher into <work>/<label>-app,
# a training start there writes the AOT cache (Temurin 25's -XX:AOTCacheOutput, with the same -j options, so GC and
# heap settings agree), and every start runs "java <options> -XX:AOTCache=app.aot -jar dokumentdeling.jar" from that
# directory (the cache holds the class path as given). -p prints the image's JAVA_TOOL_OPTIONS. A target whose "jar"
# is a directory runs the extracted jar in it (java -jar <dir>/<name>.jar). One line per start on stdout, then the
# medians; the servers' logs and their /actuator/beans stay in $STARTUP_WORK (default a new directory under /tmp).
set -euo pipefail

rounds=2
jvm_options="-Xmx1g -XX:+UseG1GC"
image=false
while getopts "r:j:ip" opt; do
	case $opt in
		r) rounds=$OPTARG ;;
		j) jvm_options=$OPTARG ;;
		i) image=true ;;
		p) sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$(dirname "$0")/../Dockerfile"; exit 0 ;;
		*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '2,18p' "$0"; exit 2; }
work=${STARTUP_WORK:-$(mktemp -d /tmp/dokumentdeling-startup.XXXXXX)}
mkdir -p "$work"
ticks=$(getconf CLK_TCK)
timeout_s=${STARTUP_TIMEOUT:-900}

cpu_seconds() { # user + system of a pid, fields 14 and 15 after the command name
	awk -v t="$ticks" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / t }' "/proc/$1/stat"
}

status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# label jar java_home: the image's /app (Dockerfile) in <work>/<label>-app, with its AOT cache
prepare_image() {
	local label=$1 jar=$2 java=$3/bin/java
	local app=$work/$label-app extracted=$work/$label-extracted training=$work/$label-training
	rm -rf "$app" "$extracted" "$training" && mkdir -p "$app"
	"$java" -Djarmode=tools -jar "$jar" extract --layers --destination "$extracted" >/dev/null
	for layer in dependencies spring-boot-loader snapshot-dependencies application; do
		cp -a "$extracted/$layer/." "$app/"
	done
	rm -rf "$extracted"
	# The Dockerfile's jar is target/dokumentdeling.jar; another name is renamed so the start is the image's.
	[ -f "$app/dokumentdeling.jar" ] || mv "$app"/*.jar "$app/dokumentdeling.jar"
	local db=(--spring.datasource.url="jdbc:h2:file:$training/db" --dokumentdeling.storage.directory="$training/documents")
	(cd "$app" && "$java" -jar dokumentdeling.jar --dokumentdeling.migrate-only=true "${db[@]}" \
		&& "$java" $jvm_options -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar dokumentdeling.jar \
			"${db[@]}" --server.port=0 --management.server.port=0) >"$work/$label-training.log" 2>&1 \
		|| { echo "$label: training start failed, see $work/$label-training.log" >&2; return 1; }
	rm -rf "$training"
}

# label jar java_home round
start_once() {
	local label=$1 jar=$2 java=$3/bin/java round=$4
	local dir=. cache=()
	if $image; then
		dir=$work/$label-app jar=dokumentdeling.jar cache=(-XX:AOTCache=app.aot)
	elif [ -d "$jar" ]; then
		jar=$(ls "$jar"/*.jar | head -1)
	fi
	local db=$work/$label-$round
	rm -rf "$db" && mkdir -p "$db/documents"
	local common=(--spring.datasource.url="jdbc:h2:file:$db/h2/db" --spring.datasource.username=sa
		--spring.datasource.password= --dokumentdeling.storage.directory="$db/documents" --server.address=127.0.0.1)
	(cd "$dir" && "$java" -jar "$jar" --dokumentdeling.migrate-only=true "${common[@]}") >"$db/migrate.log" 2>&1 \
		|| { echo "$label: migration failed, see $db/migrate.log" >&2; return 1; }
	local port; port=$(free_port)
	local begin; begin=$(date +%s.%N)
	# shellcheck disable=SC2086 # the JVM options are words
	(cd "$dir" && exec "$java" $jvm_options "${cache[@]}" -jar "$jar" "${common[@]}" --server.port="$port" \
		--management.server.port="$port" --management.endpoints.web.exposure.include=health,beans) >"$db/server.log" 2>&1 &
	local pid=$!
	local cpu=""
	while kill -0 "$pid" 2>/dev/null; do
		if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/fhir/metadata")" = 200 ]; then
			cpu=$(cpu_seconds "$pid")
			break
		fi
		if [ "$(echo "$(date +%s.%N) - $begin > $timeout_s" | bc)" = 1 ]; then break; fi
		sleep 0.2
	done
	local wall; wall=$(echo "$(date +%s.%N) - $begin" | bc)
	if [ -z "$cpu" ]; then
		echo "$label: no answer (see $db/server.log)" >&2
		kill "$pid" 2>/dev/null || true
		return 1
	fi
	local rss_kb threads beans spring
	rss_kb=$(status_field "$pid" VmRSS)
	threads=$(status_field "$pid" Threads)
	curl -s --max-time 60 -o "$db/beans.json" "http://127.0.0.1:$port/actuator/beans"
	beans=$(jq '[.contexts[].beans | length] | add' "$db/beans.json")
	spring=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$db/server.log" | grep -o '[0-9.]* seconds' | cut -d' ' -f1)
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	printf '%s\t%s\t%.1f\t%s\t%s\t%d\t%s\t%s\t%.0f\t%s\n' "$label" "$round" "$wall" "$cpu" "${spring:-?}" \
		$((rss_kb / 1024)) "$threads" "$beans" "$(cd "$dir" && du -m "$jar" | cut -f1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

labels=() jars=() homes=()
for target in "$@"; do
	labels+=("${target%%=*}")
	spec=${target#*=}
	jars+=("${spec%%@*}")
	if [[ $spec == *@* ]]; then homes+=("${spec#*@}"); else homes+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
done

if $image; then
	for i in "${!labels[@]}"; do prepare_image "${labels[$i]}" "${jars[$i]}" "${homes[$i]}"; done
fi

results=$work/results.tsv
printf 'target\tround\twall_s\tcpu_s\tspring_s\trss_mb\tthreads\tbeans\tjar_mb\tload\n' | tee "$results"
for ((round = 0; round < rounds; round++)); do
	order=$(seq 0 $((${#labels[@]} - 1)))
	((round % 2 == 1)) && order=$(echo "$order" | tac)
	for i in $order; do
		start_once "${labels[$i]}" "${jars[$i]}" "${homes[$i]}" "$round" | tee -a "$results"
	done
done

echo "medians ($work):"
for label in "${labels[@]}"; do
	awk -F'\t' -v l="$label" '$1 == l' "$results" | python3 -c '
import sys, statistics
rows = [line.rstrip("\n").split("\t") for line in sys.stdin]
med = lambda i: statistics.median(float(r[i]) for r in rows if r[i] not in ("?", ""))
print("%s\tstarts %d\twall %.1f s\tcpu %.1f s\tspring %.1f s\trss %.0f MB\tthreads %.0f\tbeans %.0f\tjar %s MB" % (
	rows[0][0], len(rows), med(2), med(3), med(4), med(5), med(6), med(7), rows[0][8]))'
done
