/** Observation points of the flow of messages, implemented by the metrics module. */
package dev.bloodbank.flow;
