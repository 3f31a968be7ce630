/** Micrometer meters for the flow of events, and a Prometheus scrape endpoint. */
package dev.bloodbank.metrics;
