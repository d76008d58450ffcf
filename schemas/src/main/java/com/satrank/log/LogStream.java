package com.satrank.log;

/** The three append-only logs; each is one Chronicle queue directory under the data directory. */
public enum LogStream {
    GRAPH("graph"),
    PROBES("probes"),
    REPORTS("reports");

    private final String dirName;

    LogStream(String dirName) {
        this.dirName = dirName;
    }

    public String dirName() {
        return dirName;
    }
}
