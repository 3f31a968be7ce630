/** The bloodbank command line: parses options, calls the topology model and prints what it finds. */
package dev.bloodbank.cli;
