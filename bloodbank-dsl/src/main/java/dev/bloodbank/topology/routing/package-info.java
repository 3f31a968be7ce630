/**
 * Where a message goes, derived once from the topology: the exchange it is published to, the
 * consuming queues it reaches, and the retry and dead-letter queues behind each. The reconciler,
 * the in-memory test driver and {@code bloodbank show} all read it, so they cannot disagree.
 */
package dev.bloodbank.topology.routing;
