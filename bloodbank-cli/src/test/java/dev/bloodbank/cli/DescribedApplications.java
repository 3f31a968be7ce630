package dev.bloodbank.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.dsl.Named;
import dev.bloodbank.topology.Topology;

/**
 * Applications registered for {@code describe} in this module's test resources
 * (META-INF/services/dev.bloodbank.dsl.BloodbankApplication). ServiceLoader instantiates them
 * reflectively, so they are public with public no-argument constructors.
 */
final class DescribedApplications {

    private DescribedApplications() {}

    /** Wired correctly against the sample topology. */
    public static final class ReviewRequests implements BloodbankApplication {
        @Override
        public String name() {
            return "review-requests";
        }

        @Override
        public BloodbankApp build(Topology topology) {
            BloodbankBuilder builder = new BloodbankBuilder(topology, "github-reviewer");
            builder.stream("github.pull-request.opened", JsonNode.class)
                    .filter(e -> !e.payload().path("draft").asBoolean(), Named.as("ready-for-review"))
                    .send("github.pull-request.review", Named.as("request-review"));
            return builder.build();
        }
    }

    /** Two wiring mistakes: an event its subscription does not receive, and an event sent as a command. */
    public static final class Miswired implements BloodbankApplication {
        @Override
        public String name() {
            return "miswired";
        }

        @Override
        public BloodbankApp build(Topology topology) {
            BloodbankBuilder builder = new BloodbankBuilder(topology, "github-reviewer");
            builder.stream("fireflies.transcript.uploaded", JsonNode.class)
                    .send("github.pull-request.opened");
            return builder.build();
        }
    }

    /** Fails for a reason of its own while building. */
    public static final class NeedsCredentials implements BloodbankApplication {
        @Override
        public String name() {
            return "needs-credentials";
        }

        @Override
        public BloodbankApp build(Topology topology) {
            throw new IllegalStateException("GITHUB_TOKEN is not set");
        }
    }
}
