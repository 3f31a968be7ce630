/** Commands that hold the broker against the topology: plan, apply and doctor, with their text views and JSON. */
package dev.bloodbank.cli.reconcile;
