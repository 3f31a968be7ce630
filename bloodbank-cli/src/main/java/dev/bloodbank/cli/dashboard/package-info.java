/**
 * {@code bloodbank dashboard}: a web page of what flows where. View models ({@link dev.bloodbank.cli.dashboard.GraphView},
 * {@link dev.bloodbank.cli.dashboard.FlowView}, {@link dev.bloodbank.cli.dashboard.DeadLetterView}) are plain records
 * that the HTTP API serializes as they are; the page in {@code src/main/resources} only reads that API.
 */
package dev.bloodbank.cli.dashboard;
