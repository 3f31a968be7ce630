/** The bloodbank command line: Main with its subcommand list, the base command, exit codes, failures and the environment of an invocation. */
package dev.bloodbank.cli;
