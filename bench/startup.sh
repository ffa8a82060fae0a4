#!/usr/bin/env bash
# Start and size of the server (issue 10, point 3): each jar started on a fresh, migrated H2 file database, rounds
# in A B B A order so a shared machine's load falls on every jar alike. Per start: wall seconds to the first 200 on
# /fhir/metadata, CPU seconds (user + system, /proc/<pid>/stat) the JVM used until then, Spring Boot's "Started ...
# in N seconds", VmRSS and threads at that moment, the bean count (actuator /beans) and the jar's size.
#
#   bench/startup.sh [-r rounds] [-j "jvm options"] label=path/to.jar[@java_home] ...
#   e.g. bench/startup.sh -r 4 before=/tmp/main.jar after=target/dokumentdeling.jar
#        bench/startup.sh after=target/dokumentdeling.jar jdk25=target/dokumentdeling.jar@/usr/lib/jvm/temurin-25-jdk-amd64
#
# A target whose "jar" is a directory runs the extracted jar in it (java -jar <dir>/<name>.jar), e.g. with
# -j "-XX:SharedArchiveFile=<dir>/app.jsa" for class-data sharing. One line per start on stdout, then the medians;
# the servers' logs and their /actuator/beans stay in $STARTUP_WORK (default a new directory under /tmp).
set -euo pipefail

rounds=2
jvm_options="-Xmx1g -XX:+UseG1GC"
while getopts "r:j:" opt; do
	case $opt in
		r) rounds=$OPTARG ;;
		j) jvm_options=$OPTARG ;;
		*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '2,12p' "$0"; exit 2; }
work=${STARTUP_WORK:-$(mktemp -d /tmp/dokumentdeling-startup.XXXXXX)}
mkdir -p "$work"
ticks=$(getconf CLK_TCK)
timeout_s=${STARTUP_TIMEOUT:-900}

cpu_seconds() { # user + system of a pid, fields 14 and 15 after the command name
	awk -v t="$ticks" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / t }' "/proc/$1/stat"
}

status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# label jar java_home round
start_once() {
	local label=$1 jar=$2 java=$3/bin/java round=$4
	[ -d "$jar" ] && jar=$(ls "$jar"/*.jar | head -1)
	local db=$work/$label-$round
	rm -rf "$db" && mkdir -p "$db/documents"
	local common=(--spring.datasource.url="jdbc:h2:file:$db/h2/db" --spring.datasource.username=sa
		--spring.datasource.password= --dokumentdeling.storage.directory="$db/documents" --server.address=127.0.0.1)
	"$java" -jar "$jar" --dokumentdeling.migrate-only=true "${common[@]}" >"$db/migrate.log" 2>&1 \
		|| { echo "$label: migration failed, see $db/migrate.log" >&2; return 1; }
	local port; port=$(free_port)
	local begin; begin=$(date +%s.%N)
	# shellcheck disable=SC2086 # the JVM options are words
	"$java" $jvm_options -jar "$jar" "${common[@]}" --server.port="$port" --management.server.port="$port" \
		--management.endpoints.web.exposure.include=health,beans >"$db/server.log" 2>&1 &
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
		$((rss_kb / 1024)) "$threads" "$beans" "$(du -m "$jar" | cut -f1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

labels=() jars=() homes=()
for target in "$@"; do
	labels+=("${target%%=*}")
	spec=${target#*=}
	jars+=("${spec%%@*}")
	if [[ $spec == *@* ]]; then homes+=("${spec#*@}"); else homes+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
done

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
