package com.satrank.pipeline.scoring;

/** One accepted report as the reports table keeps it, keyed by its index in the reports log. */
public record ReportRow(long logIndex, long eventTimeMs, String reporter, String nodeId, String outcome,
                        boolean proven) {
}
