package com.satrank.pipeline.services;

/** One endpoint_stage_posteriors row: the stage's Beta posterior at the pass time. */
public record StageRow(String urlHash, int stage, double alpha, double beta, double pSuccess, double ci95Low,
                       double ci95High, double nObs, long observations, long successes, String lastOutcome, Long lastUpdatedMs) {
}
