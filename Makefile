# SatRank developer and operator entry points. `make demo` and `make test` are the README's two commands.
JAR := serving/target/satrank.jar

.PHONY: demo test build bench clean

demo: build
	java -jar $(JAR) demo

test:
	mvn -B verify

build:
	mvn -B -q -DskipTests package

bench: build
	java -jar $(JAR) bench
	java -jar $(JAR) bench --nodes 20000 --channels 60000

clean:
	mvn -B -q clean
