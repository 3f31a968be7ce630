package dev.bloodbank.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated type that others nest in: hands out simple names that clash neither with a sibling
 * nor with an enclosing type (which Java forbids), and collects the nested types in order.
 */
final class Scope {

    private final ClassName owner;
    private final Set<String> enclosingNames;
    private final Set<String> taken = new HashSet<>();
    private final List<TypeSpec> members = new ArrayList<>();

    private Scope(ClassName owner, Set<String> enclosingNames) {
        this.owner = owner;
        this.enclosingNames = enclosingNames;
    }

    static Scope of(ClassName owner) {
        Set<String> enclosing = new HashSet<>();
        for (ClassName c = owner; c != null; c = c.enclosingClassName()) enclosing.add(c.simpleName());
        return new Scope(owner, enclosing);
    }

    /** A fresh name for a nested type, from the wished one. */
    ClassName allocate(String wished) {
        String name = enclosingNames.contains(wished) ? wished + "Type" : wished;
        String candidate = name;
        for (int n = 2; enclosingNames.contains(candidate) || !taken.add(candidate); n++) candidate = name + n;
        return owner.nestedClass(candidate);
    }

    void add(TypeSpec member) {
        members.add(member);
    }

    List<TypeSpec> members() {
        return members;
    }
}
