package dev.bloodbank.dsl;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A name for one operator, shown in {@link BloodbankApp#describe()} and in wiring problems instead
 * of the generated one ({@code filter-3}). Names are checked here, where the bad one is written,
 * and their uniqueness when the application is built.
 */
public final class Named {

    static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]+");

    private final String name;

    private Named(String name) {
        this.name = name;
    }

    /**
     * @throws IllegalArgumentException when the name is empty, longer than 249 characters, or has
     *     characters other than letters, digits, '.', '_' and '-'
     */
    public static Named as(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) throw new IllegalArgumentException("an operator name must not be empty");
        if (name.length() > MAX_LENGTH)
            throw new IllegalArgumentException("operator name '" + name + "' is " + name.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        if (!LEGAL.matcher(name).matches())
            throw new IllegalArgumentException("operator name '" + name
                    + "' may contain only letters, digits, '.', '_' and '-'");
        return new Named(name);
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
