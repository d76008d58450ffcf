package com.satrank.pipeline.scoring;

import com.satrank.model.Verdict;

import java.time.LocalDate;

/** One node_score_history row: a node's scores at the first pass of a UTC day. */
public record HistoryRow(String nodeId, LocalDate day, double pSuccess, double ci95Low, double ci95High, double nObs,
                         Verdict verdict, double pagerankPercentile, long asOfMs, double score) {
}
