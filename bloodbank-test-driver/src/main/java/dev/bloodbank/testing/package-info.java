/**
 * Runs a built application without a broker: {@link dev.bloodbank.testing.BloodbankTestDriver} is
 * the facade tests call; under it a broker in memory routes with the topology's routing model and
 * carries out the same outcomes the runtime does, on a virtual clock.
 */
package dev.bloodbank.testing;
