/**
 * Java sources from a topology: a record for every event and command payload, and one typed
 * constant per key, written with JavaPoet so that the output is valid and stable Java.
 */
package dev.bloodbank.codegen;
