package dev.bloodbank.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of typed keys is a compile error. One javac run over a snippet with one statement
 * per line: the wrong ones must fail on their own line, the right ones not at all.
 */
@DisplayName("a payload of the wrong type for a typed key does not compile")
class TypedKeysCompileTest {

    private static final String HEADER = """
            import dev.bloodbank.dsl.*;
            record A(String a) {}
            record B(String b) {}
            class Snippet {
                static final EventType<A> EVENT_A = EventType.of("x.a.happened", A.class);
                static final EventType<B> EVENT_B = EventType.of("x.b.happened", B.class);
                static final CommandType<A> COMMAND_A = CommandType.of("x.a.do", A.class);
                static final CommandType<B> COMMAND_B = CommandType.of("x.b.do", B.class);
                void wire(BloodbankBuilder builder) {
            """;

    /** Statement → whether it must compile. */
    private static final Map<String, Boolean> STATEMENTS = Map.ofEntries(
            Map.entry("builder.stream(EVENT_A).to(EVENT_B);", false),
            Map.entry("builder.stream(EVENT_A).send(COMMAND_B);", false),
            Map.entry("builder.command(COMMAND_A).handle((a, ctx) -> ctx.publish(EVENT_B, a));", false),
            Map.entry("builder.stream(EVENT_A).handle((a, ctx) -> ctx.send(COMMAND_B, a));", false),
            Map.entry("builder.stream(\"x.#\").split().branch(EVENT_A, s -> s.to(EVENT_B)).noDefaultBranch();", false),
            Map.entry("builder.stream(EVENT_A).to(EVENT_A);", true),
            Map.entry("builder.command(COMMAND_A).handle((a, ctx) -> ctx.publish(EVENT_A, a));", true),
            Map.entry("builder.stream(EVENT_A).mapValues(a -> new B(a.a())).send(COMMAND_B);", true),
            Map.entry("builder.stream(\"x.#\").split().branch(EVENT_B, s -> s.to(EVENT_B)).noDefaultBranch();", true));

    @TempDir
    Path out;

    @Test
    void wrongTypesFailOnTheirLineAndRightTypesCompile() {
        List<String> lines = new ArrayList<>(new TreeMap<>(STATEMENTS).keySet());
        int first = (int) HEADER.lines().count() + 1;
        String text = HEADER + String.join("\n", lines) + "\n    }\n}\n";
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        javac.getTask(null, null, diagnostics,
                List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
                null, List.of(source)).call();

        Map<String, Boolean> compiled = new TreeMap<>();
        for (String line : lines) compiled.put(line, true);
        for (Diagnostic<?> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            int index = (int) d.getLineNumber() - first;
            if (index < 0 || index >= lines.size()) throw new AssertionError("an error outside the statements: " + d);
            compiled.put(lines.get(index), false);
        }
        assertEquals(new TreeMap<>(STATEMENTS), compiled);
    }
}
