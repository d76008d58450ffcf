package com.satrank.nostr;

/**
 * When an assertion is worth publishing again (the reference's rules): never published; verdict
 * changed; |Δp| ≥ 0.05; or n_obs grew by 20 % or more. Anything else is noise a relay need not carry.
 */
public final class RepublishRules {
    static final double MIN_DELTA_P = 0.05;
    static final double MIN_N_OBS_GROWTH = 0.20;

    /** What the ledger remembers of an assertion, and what the tables say now. */
    public record Summary(String verdict, double p, double nObs) {
    }

    private RepublishRules() {
    }

    public static boolean due(Summary published, Summary now) {
        if (published == null) {
            return true;
        }
        if (!published.verdict().equals(now.verdict())) {
            return true;
        }
        if (Math.abs(now.p() - published.p()) >= MIN_DELTA_P - 1e-12) {
            return true;
        }
        return now.nObs() >= published.nObs() * (1 + MIN_N_OBS_GROWTH) && now.nObs() > published.nObs();
    }
}
