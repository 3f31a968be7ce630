package dev.bloodbank.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.dsl.CommandType;
import dev.bloodbank.dsl.EventType;
import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.topology.Topology;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JSON Schema to Java: the type mapping")
class TypeMappingTest {

    private static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            events:
              shop.order.placed:
                description: An order was placed.
                schema:
                  type: object
                  required: [order_id, placed_at, lines, status, class]
                  additionalProperties: false
                  properties:
                    order_id: {type: string, format: uuid, description: The order's id.}
                    placed_at: {type: string, format: date-time}
                    receipt: {type: string, format: uri}
                    delivery_date: {type: string, format: date}
                    status: {enum: [new, in-progress], description: Where the order is.}
                    lines: {type: array, items: {$ref: "#/$defs/line"}}
                    gift: {$ref: "#/$defs/line"}
                    shipping: {type: object, properties: {city: {type: string}}}
                    attributes: {type: object, additionalProperties: {type: integer}}
                    extra: {type: object}
                    choice: {oneOf: [{type: string}, {type: integer}]}
                    note: {anyOf: [{type: string}, {type: "null"}], description: 'A path like C:\\users\\x; */ is text.'}
                    class: {type: boolean}
                    total: {type: number}
                    count: {type: integer}
                    orderId: {type: string}
                  $defs:
                    line:
                      type: object
                      required: [sku]
                      properties:
                        sku: {type: string}
                examples:
                  - order_id: 0b6c1c1e-8e1a-4a3b-9d43-2f3c1d6e7a10
                    placed_at: "2026-11-27T10:15:30.120+01:00"
                    receipt: "https://shop.example/r/1"
                    delivery_date: "2026-12-01"
                    status: in-progress
                    lines: [{sku: a-1}, {sku: b-2}]
                    gift: {sku: c-3}
                    shipping: {city: Lyon}
                    attributes: {weight: 3}
                    extra: {anything: [1, true]}
                    choice: 7
                    note: null
                    class: true
                    total: 12
                    count: 2
                    orderId: legacy
            commands:
              shop.order.cancel:
                description: Cancel an order.
                schema: {type: object}
            """;

    private static final String PACKAGE = "com.example.shop";

    @TempDir
    static Path dir;

    private static Topology topology;
    private static GeneratedSources sources;
    private static CompiledSources compiled;
    private static Class<?> placed;

    @BeforeAll
    static void generate() throws Exception {
        topology = Topology.load(Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY));
        sources = CodeGenerator.forPackage(PACKAGE).generate(topology);
        compiled = CompiledSources.compile(sources, PACKAGE, dir.resolve("out"));
        placed = compiled.type(PACKAGE + ".shop.OrderPlaced");
    }

    @Test
    void componentsHaveTheMappedTypesInDeclarationOrder() {
        Map<String, String> types = new LinkedHashMap<>();
        for (RecordComponent c : placed.getRecordComponents()) types.put(c.getName(), name(c.getGenericType()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("orderId", UUID.class.getName());
        expected.put("placedAt", Instant.class.getName());
        expected.put("receipt", URI.class.getName());
        expected.put("deliveryDate", LocalDate.class.getName());
        expected.put("status", placed.getName() + "$Status");
        expected.put("lines", "java.util.List<" + placed.getName() + "$Line>");
        expected.put("gift", placed.getName() + "$Line");
        expected.put("shipping", placed.getName() + "$Shipping");
        expected.put("attributes", "java.util.Map<java.lang.String, java.lang.Long>");
        expected.put("extra", JsonNode.class.getName());
        expected.put("choice", JsonNode.class.getName());
        expected.put("note", String.class.getName());
        expected.put("class_", Boolean.class.getName());
        expected.put("total", Double.class.getName());
        expected.put("count", Long.class.getName());
        expected.put("orderId2", String.class.getName());
        assertEquals(expected, types);
    }

    @Test
    void aSharedDefinitionIsOneType() {
        long lines = Arrays.stream(placed.getDeclaredClasses()).filter(c -> c.getSimpleName().startsWith("Line")).count();
        assertEquals(1, lines);
    }

    @Test
    void wireNamesAndEnumValuesAreKept() throws Exception {
        ObjectMapper mapper = EnvelopeCodec.standard().newMapper();
        JsonNode example = topology.event("shop.order.placed").orElseThrow().examples().get(0);
        Object order = mapper.treeToValue(example, placed);
        Object status = placed.getMethod("status").invoke(order);
        assertEquals("IN_PROGRESS", ((Enum<?>) status).name());
        JsonNode written = mapper.valueToTree(order);
        assertEquals("in-progress", written.get("status").asText());
        assertEquals("legacy", written.get("orderId").asText());
        assertTrue(written.has("class"), written::toString);
        assertTrue(JsonComparison.same(example, written), () -> example + " came back as " + written);
    }

    @Test
    void aMissingRequiredPropertyIsRefusedByName() {
        var constructor = placed.getDeclaredConstructors()[0];
        Object[] arguments = new Object[constructor.getParameterCount()];
        var thrown = assertThrows(InvocationTargetException.class, () -> constructor.newInstance(arguments));
        assertEquals(NullPointerException.class, thrown.getCause().getClass());
        assertEquals("order_id is required", thrown.getCause().getMessage());
    }

    @Test
    void descriptionsBecomeJavadoc() {
        String source = sources.files().get("com/example/shop/shop/OrderPlaced.java");
        assertTrue(source.contains(" * An order was placed."), source);
        assertTrue(source.contains(" * @param orderId The order's id."), source);
        assertTrue(source.contains(" * Where the order is."), source);
        // text that would end the comment, or that javac would read as a unicode escape, is escaped
        assertTrue(source.contains(" * @param note A path like C:&#92;users&#92;x; *&#47; is text."), source);
    }

    @Test
    void everyKeyHasATypedConstant() {
        Map<String, MessageType<?>> types = compiled.messageTypes();
        assertEquals(EventType.of("shop.order.placed", placed), types.get("shop.order.placed"));
        // a payload without declared properties has no record: it is read as a tree
        assertEquals(CommandType.of("shop.order.cancel", JsonNode.class), types.get("shop.order.cancel"));
        assertSame(types.get("shop.order.placed").payloadType(), placed);
    }

    @Test
    void aPackageNameThatIsNotOneIsRefused() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> CodeGenerator.forPackage("com.example.2x"));
        assertEquals("'com.example.2x' is not a Java package name (e.g. com.example.events)", thrown.getMessage());
    }

    private static String name(Type type) {
        return type.getTypeName();
    }
}
