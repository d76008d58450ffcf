package com.satrank.services.catalog;

import com.satrank.model.EvidenceRules;
import com.satrank.services.Stage;

/** One stage's posterior as the pipeline wrote it at its last pass (event time, decayed). */
public record StageScore(Stage stage, double alpha, double beta, double pSuccess, double ci95Low, double ci95High,
                         double nObs, long observations, String lastOutcome, Long lastUpdatedMs) {
    /** Enough decayed observations to say more than the prior (the reference's threshold, 3). */
    public boolean meaningful() {
        return nObs >= EvidenceRules.MEANINGFUL_MIN_OBS;
    }
}
