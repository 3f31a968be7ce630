package dev.bloodbank.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.bloodbank.dsl.CommandType;
import dev.bloodbank.dsl.EventType;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Turns a topology into Java sources: in {@code PACKAGE.DOMAIN}, a record for every event and
 * command payload ({@code fireflies.transcript.uploaded} → {@code fireflies.TranscriptUploaded});
 * in {@code PACKAGE}, the classes {@code Events} and {@code Commands} with one typed constant per
 * key. The output depends on the topology alone, in its declaration order: the same topology
 * gives the same bytes.
 */
public final class CodeGenerator {

    private static final ClassName EVENT_TYPE = ClassName.get(EventType.class);
    private static final ClassName COMMAND_TYPE = ClassName.get(CommandType.class);

    private final String packageName;

    private CodeGenerator(String packageName) {
        this.packageName = packageName;
    }

    /**
     * @throws IllegalArgumentException when {@code packageName} is not a Java package name
     */
    public static CodeGenerator forPackage(String packageName) {
        if (packageName == null || !SourceVersion.isName(packageName))
            throw new IllegalArgumentException("'" + packageName + "' is not a Java package name (e.g. com.example.events)");
        return new CodeGenerator(packageName);
    }

    public GeneratedSources generate(Topology topology) {
        List<JavaFile> files = new ArrayList<>();
        Map<String, Set<String>> namesByPackage = new HashMap<>();
        Map<String, TypeName> payloadTypes = new HashMap<>();
        for (MessageDefinition message : topology.messages()) {
            var schema = message.schema().document();
            if (!SchemaTypes.hasRecord(schema)) {
                payloadTypes.put(message.key(), SchemaTypes.JSON_NODE);
                continue;
            }
            String domainPackage = packageName + "." + JavaNames.packageSegment(message.domain());
            ClassName name = ClassName.get(domainPackage,
                    typeName(message, namesByPackage.computeIfAbsent(domainPackage, p -> new HashSet<>())));
            payloadTypes.put(message.key(), name);
            files.add(file(domainPackage, SchemaTypes.payload(schema, name, javadocOf(message))));
        }
        files.add(file(packageName, constants("Events", MessageKind.EVENT, topology.messages(), payloadTypes)));
        files.add(file(packageName, constants("Commands", MessageKind.COMMAND, topology.messages(), payloadTypes)));
        return GeneratedSources.of(files);
    }

    /** The key without its domain, {@code transcript.uploaded} → {@code TranscriptUploaded}; the kind breaks a tie. */
    private static String typeName(MessageDefinition message, Set<String> taken) {
        String key = message.key();
        String wished = JavaNames.type(key.substring(key.indexOf('.') + 1));
        if (taken.add(wished)) return wished;
        String kinded = wished + JavaNames.type(message.kind().label());
        String candidate = kinded;
        for (int n = 2; !taken.add(candidate); n++) candidate = kinded + n;
        return candidate;
    }

    private static String javadocOf(MessageDefinition message) {
        String description = message.description() == null ? "" : Javadoc.text(message.description());
        String origin = "The payload of the " + message.kind().label() + " {@code " + message.key() + "}.";
        return description.isEmpty() ? origin : description + "\n\n<p>" + origin;
    }

    private TypeSpec constants(String className, MessageKind kind, List<MessageDefinition> messages,
            Map<String, TypeName> payloadTypes) {
        ClassName holder = kind == MessageKind.EVENT ? EVENT_TYPE : COMMAND_TYPE;
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Every $L key of the topology, with the type of its payload.\n", kind.label())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        Set<String> names = new HashSet<>();
        for (MessageDefinition message : messages) {
            if (message.kind() != kind) continue;
            TypeName payload = payloadTypes.get(message.key());
            String name = JavaNames.constant(message.key());
            String candidate = name;
            for (int n = 2; !names.add(candidate); n++) candidate = name + "_" + n;
            FieldSpec.Builder field = FieldSpec.builder(ParameterizedTypeName.get(holder, payload), candidate,
                            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer(CodeBlock.of("$T.of($S, $T.class)", holder, message.key(), payload));
            String description = message.description() == null ? "" : Javadoc.text(message.description());
            field.addJavadoc("{@code $L}$L\n", message.key(), description.isEmpty() ? "" : ": " + description);
            type.addField(field.build());
        }
        return type.build();
    }

    private static JavaFile file(String packageName, TypeSpec type) {
        return JavaFile.builder(packageName, type)
                .addFileComment("Generated by bloodbank-codegen from the topology. Do not edit.")
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
