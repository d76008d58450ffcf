package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.app.config.SatRankConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigTemplateTest {
    @Test
    void production_template_parses_and_validates_with_environment_defaults() throws Exception {
        Path template = Path.of(System.getProperty("user.dir")).getParent().resolve("config/satrank.yml");
        var factory = new YamlConfigurationFactory<>(SatRankConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
        SatRankConfiguration config = factory.build(new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)), template.toString());
        assertThat(config.database().embedded()).isEqualTo(System.getenv("DATABASE_URL") == null);
        assertThat(config.ingest().crawlInterval()).hasMinutes(15);
        assertThat(config.lnd().deadline()).hasSeconds(60);
        assertThat(config.apiKey()).isEqualTo(System.getenv().getOrDefault("API_KEY", ""));
    }
}
