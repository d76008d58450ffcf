package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepublishRulesTest {
    private static RepublishRules.Summary s(String verdict, double p, double n) {
        return new RepublishRules.Summary(verdict, p, n);
    }

    @Test
    void only_meaningful_changes_are_republished() {
        var published = s("SAFE", 0.90, 100);
        assertThat(RepublishRules.due(null, published)).as("first time").isTrue();
        assertThat(RepublishRules.due(published, s("SAFE", 0.90, 100))).isFalse();
        assertThat(RepublishRules.due(published, s("UNKNOWN", 0.90, 100))).as("verdict").isTrue();
        assertThat(RepublishRules.due(published, s("SAFE", 0.85, 100))).as("|Δp| = 0.05").isTrue();
        assertThat(RepublishRules.due(published, s("SAFE", 0.951, 100))).isTrue();
        assertThat(RepublishRules.due(published, s("SAFE", 0.93, 110))).as("small moves").isFalse();
        assertThat(RepublishRules.due(published, s("SAFE", 0.90, 120))).as("n_obs +20 %").isTrue();
        assertThat(RepublishRules.due(published, s("SAFE", 0.90, 60))).as("n_obs shrinking by decay").isFalse();
    }
}
