package com.satrank.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.util.List;

/**
 * Tool input schemas. A tool that posts a body gets the JSON Schema of the API's own request type
 * (generated, with the Jackson names the API reads), so the two cannot drift apart; tools of GET
 * routes declare their path and query parameters, which the API reads as strings.
 */
final class ToolSchemas {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(
            new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                    .with(new JacksonModule()).build());

    private ToolSchemas() {
    }

    /** The schema of {@code type}, minus {@code drop}ped properties, with {@code required} ones. */
    static ObjectNode of(Class<?> type, List<String> required, String... drop) {
        ObjectNode schema = GENERATOR.generateSchema(type);
        schema.remove("$schema");
        ObjectNode properties = (ObjectNode) schema.get("properties");
        for (String name : drop) {
            properties.remove(name);
        }
        if (!required.isEmpty()) {
            var array = schema.putArray("required");
            required.forEach(array::add);
        }
        return schema;
    }

    /** One parameter: name, JSON type, description. */
    record Param(String name, String type, String description) {
    }

    static ObjectNode params(List<String> required, Param... params) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Param p : params) {
            properties.putObject(p.name()).put("type", p.type()).put("description", p.description());
        }
        var array = schema.putArray("required");
        required.forEach(array::add);
        return schema;
    }
}
