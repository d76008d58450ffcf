package com.satrank.log;

/**
 * The append-only logs; each is one Chronicle queue directory under the data directory. Scores are
 * a function of graph, probes and reports; queries only steer which nodes the prober visits first. Services (the catalogue of paid HTTP
 * services) and endpoints (five-stage probe outcomes) feed the service tables.
 */
public enum LogStream {
    GRAPH("graph"),
    PROBES("probes"),
    REPORTS("reports"),
    QUERIES("queries"),
    SERVICES("services"),
    ENDPOINTS("endpoints");

    private final String dirName;

    LogStream(String dirName) {
        this.dirName = dirName;
    }

    public String dirName() {
        return dirName;
    }
}
