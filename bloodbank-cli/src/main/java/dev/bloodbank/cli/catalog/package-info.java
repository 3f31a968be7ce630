/** Commands that read the catalog and applications without a broker: list-events, list-commands, show, validate, describe, run, completion. */
package dev.bloodbank.cli.catalog;
