package com.satrank.serving.api;

/**
 * The routes SatRank sells; prices come from configuration. {@link #FRESH_INTENT} is the service
 * form of /api/intent with {@code fresh=true} (the plain service form is free, the node form is
 * {@link #INTENT}); {@link #PROBE} is a full paid probe of one URL.
 */
public enum PaidRoute {
    PROFILE, VERDICTS, INTENT, FRESH_INTENT, PROBE
}
