# SatRank developer and operator entry points. `make demo` and `make test` are the README's two commands.
JAR := app/target/satrank.jar
# The demo runs every process in one JVM: a fixed 1 GiB heap (committed at start, so its RSS is flat
# after warm-up) and bounded metaspace and direct memory. Override: make demo DEMO_JVM="-Xmx2g".
DEMO_JVM ?= -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:MaxMetaspaceSize=256m -XX:MaxDirectMemorySize=256m

.PHONY: demo test build bench jmh clean deploy health

demo: build
	java $(DEMO_JVM) -jar $(JAR) demo

test:
	mvn -B verify

build:
	mvn -B -q -DskipTests package

bench: build
	java -jar $(JAR) bench
	java -jar $(JAR) bench --nodes 20000 --channels 60000

# JMH micro-benchmarks (PageRank, betweenness, L402 verification, log append); forks its own JVMs.
jmh: build
	java -jar bench/target/benchmarks.jar

clean:
	mvn -B -q clean

# Ships the tree to $(SATRANK_HOST):$(REMOTE_DIR); refuses without a complete .rsync-exclude.
deploy:
	./scripts/deploy.sh

health:
	./scripts/satrank-health-check.sh
