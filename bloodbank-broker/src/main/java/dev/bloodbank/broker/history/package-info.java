/** History of the bus read from the archive stream: scans by time window, replay, trace and tail. */
package dev.bloodbank.broker.history;
