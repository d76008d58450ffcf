package com.satrank.serving.api;

/** The routes SatRank sells; prices come from configuration. */
public enum PaidRoute {
    PROFILE, VERDICTS, INTENT
}
