package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.bloodbank.schema.JsonTrees;
import dev.bloodbank.schema.MessageSchema;
import dev.harrel.jsonschema.Dialects;
import dev.harrel.jsonschema.FormatEvaluatorFactory;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.JacksonNode;
import java.net.URI;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import java.util.function.Predicate;

/**
 * The Java JSON Schema libraries compared on the benchmark schema and on the official test suite,
 * each set up for draft 7 with format assertions on (as everit checks formats), each reading the
 * Jackson tree Bloodbank already has. networknt 2.x and later read Jackson 3 trees only, which
 * would mean converting every payload; 1.5 is the line that reads Jackson 2 trees.
 */
enum SchemaCandidates {

    /** What Bloodbank used alone before: everit on an org.json copy of each payload. */
    EVERIT("everit-json-schema 1.14.6") {
        @Override
        Predicate<JsonNode> compile(JsonNode schema) {
            Schema compiled = SchemaLoader.builder()
                    .schemaJson(JsonTrees.toOrgJson(schema))
                    .useDefaults(false)
                    .draftV7Support()
                    .schemaClient(url -> {
                        throw new IllegalArgumentException("remote schema " + url);
                    })
                    .build().load().build();
            return payload -> {
                try {
                    compiled.validate(JsonTrees.toOrgJson(payload));
                    return true;
                } catch (ValidationException e) {
                    return false;
                }
            };
        }
    },
    /** What Bloodbank uses now: {@link MessageSchema#isValid}, networknt's verdict with everit behind it. */
    BLOODBANK("Bloodbank MessageSchema (networknt, everit behind)") {
        @Override
        Predicate<JsonNode> compile(JsonNode schema) {
            MessageSchema compiled = MessageSchema.compile(schema);
            return compiled::isValid;
        }
    },
    NETWORKNT("networknt json-schema-validator 1.5.9") {
        private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

        @Override
        Predicate<JsonNode> compile(JsonNode schema) {
            JsonSchema compiled = factory.getSchema(schema, config);
            compiled.initializeValidators();
            return payload -> compiled.validate(payload).isEmpty();
        }
    },
    HARREL("dev.harrel json-schema 1.8.2") {
        @Override
        Predicate<JsonNode> compile(JsonNode schema) {
            Validator validator = new ValidatorFactory()
                    .withDefaultDialect(new Dialects.Draft7Dialect())
                    .withJsonNodeFactory(new JacksonNode.Factory())
                    .withEvaluatorFactory(new FormatEvaluatorFactory())
                    .createValidator();
            URI uri = validator.registerSchema(schema);
            return payload -> validator.validate(uri, payload).isValid();
        }
    };

    private final String label;

    SchemaCandidates(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The schema compiled once; the predicate says whether a payload is valid. */
    abstract Predicate<JsonNode> compile(JsonNode schema);

    static List<SchemaCandidates> all() {
        return List.of(values());
    }
}
