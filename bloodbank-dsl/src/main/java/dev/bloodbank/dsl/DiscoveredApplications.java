package dev.bloodbank.dsl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@link BloodbankApplication}s registered on a class path, by name, and every registration
 * that could not be used (a class that is missing or fails to load, a name that is empty or taken
 * twice), each as one line that names the class.
 */
public final class DiscoveredApplications {

    /** ServiceLoader skips a failed registration and goes on; this bounds the walk should it not. */
    private static final int MAX_FAILURES = 100;

    private final SortedMap<String, BloodbankApplication> byName;
    private final List<String> failures;

    private DiscoveredApplications(SortedMap<String, BloodbankApplication> byName, List<String> failures) {
        this.byName = byName;
        this.failures = List.copyOf(failures);
    }

    /** Every application registered in {@value BloodbankApplication#REGISTRATION} that {@code loader} sees. */
    public static DiscoveredApplications discover(ClassLoader loader) {
        SortedMap<String, BloodbankApplication> byName = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Iterator<BloodbankApplication> registered = ServiceLoader.load(BloodbankApplication.class, loader).iterator();
        while (failures.size() < MAX_FAILURES) {
            BloodbankApplication application;
            try {
                if (!registered.hasNext()) break;
                application = registered.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add("cannot load an application: " + reason(e));
                continue;
            }
            String className = application.getClass().getName();
            String name;
            try {
                name = application.name();
            } catch (RuntimeException e) {
                failures.add(className + ".name() failed: " + e);
                continue;
            }
            if (name == null || name.isBlank()) {
                failures.add(className + ".name() is empty; return the name the application is selected by");
                continue;
            }
            BloodbankApplication taken = byName.putIfAbsent(name, application);
            if (taken != null)
                failures.add("two applications are named '" + name + "': " + taken.getClass().getName() + " and " + className);
        }
        return new DiscoveredApplications(byName, failures);
    }

    /** The names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<BloodbankApplication> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** One line per registration that could not be used; empty when all were. */
    public List<String> failures() {
        return failures;
    }

    /** ServiceLoader's message without its "interface name: " prefix, and the cause that says why. */
    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String prefix = BloodbankApplication.class.getName() + ": ";
        if (message.startsWith(prefix)) message = message.substring(prefix.length());
        if (e instanceof LinkageError) message = e.getClass().getSimpleName() + ": " + message;
        Throwable cause = e.getCause();
        if (cause != null && cause != e) message += " (" + cause + ")";
        return message;
    }
}
