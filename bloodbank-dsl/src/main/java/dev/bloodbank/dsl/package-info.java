/**
 * The fluent DSL: wire typed handlers over a {@link dev.bloodbank.topology.Topology}, checked against
 * it when built, in the shape of Kafka Streams ({@code stream(...)}, {@code filter}, {@code split}, {@code to}).
 */
package dev.bloodbank.dsl;
