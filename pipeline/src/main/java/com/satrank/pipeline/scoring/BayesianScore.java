package com.satrank.pipeline.scoring;

import com.satrank.model.Verdict;

import java.util.Map;

/**
 * A node's posterior as of a pass: combined and per source. {@code nObs} is the decayed, weighted
 * observation count; {@code lastEvidenceMs} the event time of the newest observation (0 if none).
 */
public record BayesianScore(double pSuccess, double ci95Low, double ci95High, double nObs, Verdict verdict,
                            boolean converged, Map<String, SourcePosterior> sources, long lastEvidenceMs) {

    /** One source's posterior; {@code nObs} is its decayed weighted count. */
    public record SourcePosterior(double pSuccess, double ci95Low, double ci95High, double nObs) {
    }
}
