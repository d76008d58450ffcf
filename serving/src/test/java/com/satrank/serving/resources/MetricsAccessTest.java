package com.satrank.serving.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {
    @Test
    void loopback_is_free_and_anyone_else_needs_the_api_key() {
        MetricsResource withKey = new MetricsResource(new PrometheusRegistry(), "s3cret-key");
        assertThat(withKey.allowed("127.0.0.1", null)).isTrue();
        assertThat(withKey.allowed("::1", null)).isTrue();
        assertThat(withKey.allowed("10.1.2.3", null)).isFalse();
        assertThat(withKey.allowed("10.1.2.3", "wrong")).isFalse();
        assertThat(withKey.allowed("10.1.2.3", "s3cret-key")).isTrue();
        assertThat(MetricsResource.bearer("Bearer s3cret-key")).isEqualTo("s3cret-key");
        assertThat(MetricsResource.bearer("bearer  s3cret-key ")).isEqualTo("s3cret-key");
        assertThat(MetricsResource.bearer("Basic abc")).isNull();
        MetricsResource noKey = new MetricsResource(new PrometheusRegistry(), "");
        assertThat(noKey.allowed("10.1.2.3", "")).as("an unset key never opens the door").isFalse();
    }
}
