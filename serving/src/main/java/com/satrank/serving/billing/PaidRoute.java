package com.satrank.serving.billing;

/** The routes SatRank sells; prices come from configuration. */
public enum PaidRoute {
    PROFILE, VERDICTS, INTENT
}
