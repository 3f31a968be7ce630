/** Commands that work with messages on a running broker: publish, tail, dlq, stats, replay, trace. */
package dev.bloodbank.cli.operate;
