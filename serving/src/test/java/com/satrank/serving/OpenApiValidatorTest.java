package com.satrank.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The validator behind the OpenAPI test does flag broken documents, and ours passes it. */
class OpenApiValidatorTest {
    private static java.util.List<String> messages(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(json, null, options).getMessages();
    }

    @Test
    void a_broken_document_is_reported() {
        assertThat(messages("""
                {"openapi":"3.1.0","info":{"title":"x"},
                 "paths":{"/a":{"get":{"responses":{"200":{"$ref":"#/components/responses/Missing"}}}}}}
                """)).isNotEmpty();
    }

    @Test
    void the_shipped_document_is_clean() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            assertThat(messages(new String(in.readAllBytes(), StandardCharsets.UTF_8))).isEmpty();
        }
    }
}
