package dev.bloodbank.topology;

import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** A composed YAML (or JSON) document: its node tree keeps the line and column of every value. */
record YamlDocument(TopologySource source, Node root) {

    Path file() {
        return source.path();
    }

    Location locate(Node node) {
        return locate(source.path(), node.getStartMark());
    }

    static Location locate(Path file, Mark mark) {
        return mark == null ? Location.of(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
