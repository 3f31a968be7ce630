import java.lang.reflect.Method;
import java.nio.file.Path;

/** Writes the reconciler scale test's 600-event topology to the path given (for bench/run-startup.sh). */
public class WriteLargeTopology {
    public static void main(String... args) throws Exception {
        Class<?> generator = Class.forName("dev.bloodbank.broker.reconcile.LargeTopology");
        Method write = generator.getDeclaredMethod("write", Path.class);
        write.setAccessible(true);
        write.invoke(null, Path.of(args[0]).toAbsolutePath());
    }
}
