/** The topology model: the events, commands and subscriptions of the ecosystem, loaded and validated from topology.yaml. */
package dev.bloodbank.topology;
