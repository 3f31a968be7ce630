/**
 * Runs a built application without a broker: {@link dev.bloodbank.testing.BloodbankTestDriver}
 * routes like RabbitMQ and carries out the same outcomes the runtime does, on a virtual clock.
 */
package dev.bloodbank.testing;
